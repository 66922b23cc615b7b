// The package's TypeScript types, checked with tsc against two consumers (tests/types):
// good.ts must type-check; bad.ts must fail on exactly the lines marked `// error`.
// Run after wasm/build.sh; needs `typescript` in wasm/node_modules.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('./types/', import.meta.url));
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));

const OPTIONS = [
  '--strict', '--noEmit', '--pretty', 'false', '--exactOptionalPropertyTypes',
  '--target', 'ES2022', '--module', 'ES2022', '--moduleResolution', 'bundler',
];
const DOM = ['--lib', 'ES2022,DOM'];
// A node or worker project: no DOM library.
const NO_DOM = ['--lib', 'ES2022'];

function check(file, lib = DOM) {
  try {
    execFileSync(process.execPath, [tsc, ...OPTIONS, ...lib, `${dir}${file}`], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return '';
  } catch (e) {
    return `${e.stdout}${e.stderr}`;
  }
}


let failures = 0;
const good = check('good.ts');
if (good) {
  console.error(`good.ts must type-check:\n${good}`);
  failures += 1;
} else {
  console.log('ok: good.ts type-checks');
}

const noDom = check('good.ts', NO_DOM);
if (noDom) {
  console.error(`good.ts must type-check without the DOM library:\n${noDom}`);
  failures += 1;
} else {
  console.log('ok: good.ts type-checks without the DOM library');
}

const bad = check('bad.ts');
const want = readFileSync(`${dir}bad.ts`, 'utf8')
  .split('\n')
  .flatMap((line, i) => (line.includes('// error:') ? [i + 1] : []));
const got = [...new Set([...bad.matchAll(/bad\.ts\((\d+),\d+\): error/g)].map((m) => Number(m[1])))];
const missing = want.filter((l) => !got.includes(l));
const extra = got.filter((l) => !want.includes(l));
if (missing.length || extra.length || want.length === 0) {
  console.error(`bad.ts: lines ${missing.join(', ') || '-'} should fail, lines ${extra.join(', ') || '-'} should not:\n${bad}`);
  failures += 1;
} else {
  console.log(`ok: bad.ts fails on exactly its ${want.length} marked lines`);
}
process.exit(failures ? 1 : 0);
