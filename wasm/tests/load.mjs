// Loads the built package (wasm/pkg) in node: the same module the browser gets.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const pkgDir = fileURLToPath(new URL('../pkg/', import.meta.url));
export const repoDir = fileURLToPath(new URL('../../', import.meta.url));

export async function load() {
  const pkg = await import(new URL('../pkg/index.js', import.meta.url).href);
  pkg.initSync(readFileSync(`${pkgDir}customer_core_wasm_bg.wasm`));
  return pkg;
}

/** The tests' build (target/wasm/pkg-test): the package plus its panic hooks. */
export async function loadWithTestHooks() {
  const dir = `${repoDir}target/wasm/pkg-test/`;
  const pkg = await import(new URL(`file://${dir}index.js`).href);
  pkg.initSync(readFileSync(`${dir}customer_core_wasm_bg.wasm`));
  return pkg;
}
