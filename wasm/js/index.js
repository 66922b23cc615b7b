// customer-core-wasm: the package's entry point.
//
// Wraps the wasm-bindgen glue so that no call throws: the Rust side answers values, and
// a trap (a panic inside the module, which would be a bug) becomes an `internal`
// failure value here. After a trap a fresh instance of the same compiled module is
// started in the background; the old one keeps serving until it is ready.
import * as first from './customer_core_wasm.js';

let glue = first;
let compiled = null;
let generation = 0;
let refreshing = null;

/** Whether `source` names a file (node: `init()` reads the file beside this one). */
function isFileUrl(source) {
  if (source instanceof URL) return source.protocol === 'file:';
  return typeof source === 'string' && source.startsWith('file:');
}

/**
 * Compiles the module from a URL, a `Response`, bytes or a compiled module: a `file:`
 * URL is read from disk (node), a response served as `application/wasm` is compiled
 * while it downloads (`WebAssembly.compileStreaming`), anything else from its bytes.
 */
async function compile(input) {
  let source = await (input ?? new URL('./customer_core_wasm_bg.wasm', import.meta.url));
  if (source instanceof WebAssembly.Module) return source;
  if (isFileUrl(source)) {
    const fs = 'node:fs/promises';
    const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ fs);
    return WebAssembly.compile(await readFile(new URL(source)));
  }
  if (typeof source === 'string' || source instanceof URL
    || (typeof Request === 'function' && source instanceof Request)) {
    source = await fetch(source);
  }
  if (typeof Response === 'function' && source instanceof Response) {
    if (!source.ok) throw new Error(`failed to fetch the validator: ${source.status} ${source.url}`);
    const type = (source.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (type === 'application/wasm' && typeof WebAssembly.compileStreaming === 'function') {
      return WebAssembly.compileStreaming(source);
    }
    source = await source.arrayBuffer();
  }
  return WebAssembly.compile(source);
}

// One call of each rule, made while the module starts: engines compile WebAssembly
// functions lazily, on their first call (about 2 ms for a whole request in node 20), so
// warming at start keeps that cost off the first keystroke. Valid and invalid inputs, so
// the error paths are compiled too.
const WARM_BODY = JSON.stringify({
  first_name: 'Adébáyọ̀', last_name: 'Doe', email: 'jo@exämple.com', phone_number: '+2348012345678',
  billing_address: { line1: '1 Lane', line2: null, city: 'Lagos', state: 'LA', zip_code: '100001', country: 'NG' },
});
function warm(g) {
  g.validateCreateCustomer(WARM_BODY);
  g.validateCreateCustomer('{"first_name": 1, "emial": "x", "phone_number": "0801", "billing_address": {"country": "UK"}}');
  g.validateField('/first_name', 'Jo\u0301');
  g.validateField('/email', 'not an email');
  g.validateField('/phone_number', '+2348012345678', { country: 'GH' });
  g.validateField('/billing_address/country', 'uk');
  g.normalizePhone('0801 234 5678', 'NG');
  g.normalizePhone('0801 234', 'NG');
}

function start(module, options) {
  first.initSync({ module });
  compiled = module;
  if (options?.warm !== false) {
    try {
      warm(first);
    } catch {
      // a trap here is a bug the first real call will report
    }
  }
}

/**
 * Loads and starts the module. `input` is a URL, a `Response`, bytes or a
 * `WebAssembly.Module`; by default the `.wasm` file beside this one is fetched.
 * Unless `options.warm` is `false`, each rule is run once before this resolves, so that
 * the engine compiles it now and not on the first keystroke.
 */
export default async function init(input, options) {
  if (compiled) return;
  const module = await compile(input);
  if (compiled) return;
  start(module, options);
}

/** Starts the module synchronously from its bytes or a `WebAssembly.Module` (and warms it, as `init` does). */
export function initSync(bytesOrModule, options) {
  if (compiled) return;
  const module = bytesOrModule instanceof WebAssembly.Module
    ? bytesOrModule
    : new WebAssembly.Module(bytesOrModule);
  start(module, options);
}

function refresh() {
  if (refreshing || !compiled) return;
  generation += 1;
  refreshing = import(`./customer_core_wasm.js?instance=${generation}`)
    .then((g) => {
      g.initSync({ module: compiled });
      glue = g;
    })
    .catch(() => {})
    .finally(() => {
      refreshing = null;
    });
}

/** The message of a trap, with the panic hook's message when there is one. */
function internalMessage(error) {
  let panic = null;
  try {
    panic = glue.takePanicMessage();
  } catch {
    // the instance may be unusable: the error itself is all we have
  }
  const text = panic ?? String(error && error.message ? error.message : error);
  return `the validator failed (a bug, please report it): ${text}`.slice(0, 600);
}

function notStarted() {
  return 'the validator is not started: await init() first';
}

function guard(call, failure) {
  if (!compiled) return failure(notStarted());
  try {
    return call(glue);
  } catch (error) {
    const message = internalMessage(error);
    refresh();
    return failure(message);
  }
}

function fieldFailure(message) {
  return { ok: false, errors: [], internal: message };
}

/** Validates a create-customer request body (a JSON string), with every error at once. */
export function validateCreateCustomer(json) {
  return guard(
    (g) => g.validateCreateCustomer(json),
    (message) => ({
      ok: false,
      problem: {
        type: '/problems/internal-error',
        title: 'The validator failed.',
        status: 500,
        detail: message,
        errors: [],
      },
      internal: message,
    }),
  );
}

/** One field's errors (same codes and messages as the service), or its normalized value. */
export function validateField(pointer, value, context) {
  return guard((g) => g.validateField(pointer, value, context), fieldFailure);
}

/**
 * The E.164 form of a phone number as typed in `country`, or the precise error: while
 * typing (the default), "too short so far" for digits that can still become a number;
 * with `{ typing: false }`, the final answer (on submit).
 */
export function normalizePhone(input, country, options) {
  return guard((g) => g.normalizePhone(input, country, options), fieldFailure);
}

// @test-hooks-begin (wasm/build.sh leaves this out of the published index.js)
/** For tests only: panics inside the module, to check that it becomes a failure value. */
export function __panicForTests(message) {
  return guard(
    (g) => {
      g.__panicForTests(message);
      return { ok: true, value: null };
    },
    fieldFailure,
  );
}

/** Resolves once a fresh instance started after a trap is in use (for tests). */
export function __settled() {
  return refreshing ?? Promise.resolve();
}
// @test-hooks-end
