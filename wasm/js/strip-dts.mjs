// Build step (wasm/build.sh): the wasm-bindgen .d.ts without its init section, whose
// types (`RequestInfo`, `Response`, `BufferSource`, `WebAssembly.*`) need the DOM library.
// index.d.ts declares `init` and `initSync` with types that need no DOM or node library.
//   node wasm/js/strip-dts.mjs wasm/pkg/customer_core_wasm.d.ts
import { readFileSync, writeFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const at = text.indexOf('export type InitInput');
if (at < 0) throw new Error(`${file}: no init section found (wasm-bindgen's output changed?)`);
const kept = `${text.slice(0, at).trimEnd()}\n`;
for (const dom of ['RequestInfo', 'Response', 'BufferSource', 'WebAssembly.']) {
  if (kept.includes(dom)) throw new Error(`${file}: still mentions ${dom} after the init section is cut`);
}
writeFileSync(file, kept);
