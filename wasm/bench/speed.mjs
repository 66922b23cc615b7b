// Speed of the built package (wasm/pkg) in node: time to first result (compile,
// instantiate, first call; each in a fresh process, median of FRESH runs) and steady
// state per call (median of ROUNDS rounds of N calls). Wall-clock on a shared machine:
// run it when the machine is quiet, and read the medians.
//   node wasm/bench/speed.mjs            (FRESH=9 ROUNDS=7 N=20000)
// Both starts are timed: cold (`warm: false`: the engine compiles each function on its
// first call) and the default, which runs every rule once inside initSync.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkgDir = fileURLToPath(new URL('../pkg/', import.meta.url));
const SPEC_000 = JSON.stringify({
  first_name: 'John', last_name: 'Doe', email: 'john.doe@example.com',
  phone_number: '+2348012345678',
  billing_address: {
    line1: '123 Test Lane', line2: 'Suite 456', city: 'Lagos', state: 'Lagos',
    zip_code: '100001', country: 'NG',
  },
});
const now = () => Number(process.hrtime.bigint()) / 1e6; // ms
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function fresh(warm) {
  const bytes = readFileSync(`${pkgDir}customer_core_wasm_bg.wasm`);
  const pkg = await import(new URL('../pkg/index.js', import.meta.url).href);
  const t0 = now();
  const module = await WebAssembly.compile(bytes);
  const t1 = now();
  pkg.initSync(module, { warm });
  const t2 = now();
  const result = pkg.validateCreateCustomer(SPEC_000);
  const t3 = now();
  if (!result.ok) throw new Error('spec 000 is not valid');
  const field = pkg.validateField('/first_name', 'Adébáyọ̀');
  const t4 = now();
  if (!field.ok) throw new Error('first name not valid');
  console.log(JSON.stringify({ compile: t1 - t0, instantiate: t2 - t1, first: t3 - t2, firstField: t4 - t3 }));
}

async function steady() {
  const pkg = await import(new URL('../pkg/index.js', import.meta.url).href);
  pkg.initSync(readFileSync(`${pkgDir}customer_core_wasm_bg.wasm`));
  const N = Number(process.env.N ?? 20000);
  const ROUNDS = Number(process.env.ROUNDS ?? 7);
  const cases = {
    'validateCreateCustomer(spec 000)': () => pkg.validateCreateCustomer(SPEC_000),
    "validateField('/first_name')": () => pkg.validateField('/first_name', 'Adébáyọ̀'),
    "validateField('/email')": () => pkg.validateField('/email', 'john.doe@example.com'),
    "validateField('/phone_number', NG)": () => pkg.validateField('/phone_number', '+2348012345678', { country: 'NG' }),
    "validateField('/billing_address/country')": () => pkg.validateField('/billing_address/country', 'NG'),
    "normalizePhone('0801 234 5678', NG)": () => pkg.normalizePhone('0801 234 5678', 'NG'),
    "normalizePhone('0801 234', NG) (too short)": () => pkg.normalizePhone('0801 234', 'NG'),
  };
  const out = {};
  for (const [name, call] of Object.entries(cases)) {
    for (let i = 0; i < 2000; i += 1) call(); // warm up
    const perCall = [];
    for (let r = 0; r < ROUNDS; r += 1) {
      const t0 = now();
      for (let i = 0; i < N; i += 1) call();
      perCall.push(((now() - t0) * 1000) / N); // µs
    }
    out[name] = median(perCall);
  }
  return out;
}

if (process.argv[2] === '--fresh') {
  await fresh(process.argv[3] !== 'cold');
} else {
  const FRESH = Number(process.env.FRESH ?? 9);
  console.log(`node ${process.version}; package ${readFileSync(`${pkgDir}customer_core_wasm_bg.wasm`).length} bytes of wasm`);
  for (const mode of ['cold', 'warm']) {
    const runs = [];
    for (let i = 0; i < FRESH; i += 1) {
      const text = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--fresh', mode], { encoding: 'utf8' });
      runs.push(JSON.parse(text));
    }
    const start = mode === 'cold' ? 'initSync(m, { warm: false })' : 'initSync(m) (warms every rule)';
    console.log(`time to first result, ${mode} start, median of ${FRESH} fresh processes (ms):`);
    for (const k of ['compile', 'instantiate', 'first', 'firstField']) {
      const label = { compile: 'WebAssembly.compile', instantiate: start, first: 'first validateCreateCustomer(spec 000)', firstField: "then first validateField('/first_name')" }[k];
      console.log(`  ${label.padEnd(42)} ${median(runs.map((r) => r[k])).toFixed(3)}`);
    }
  }
  console.log('steady state, median per call (µs):');
  for (const [name, us] of Object.entries(await steady())) {
    console.log(`  ${name.padEnd(42)} ${us.toFixed(2)}`);
  }
}
