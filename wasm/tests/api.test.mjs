// The three calls from JavaScript: values, never exceptions, on hostile input too; the
// panic hook's path (a panic becomes an `internal` failure, and the package recovers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load, loadWithTestHooks } from './load.mjs';

const pkg = await load();

const SPEC_000 = {
  first_name: 'John',
  last_name: 'Doe',
  email: 'john.doe@example.com',
  phone_number: '+2348012345678',
  billing_address: {
    line1: '123 Test Lane', line2: 'Suite 456', city: 'Lagos', state: 'Lagos',
    zip_code: '100001', country: 'NG',
  },
};

test('validateCreateCustomer: spec 000 is valid and normalized', () => {
  const result = pkg.validateCreateCustomer(JSON.stringify(SPEC_000));
  assert.deepEqual(result, { ok: true, customer: SPEC_000 });
});

test('validateCreateCustomer: the problem body of a mismatch', () => {
  const body = JSON.stringify({ ...SPEC_000, billing_address: { ...SPEC_000.billing_address, country: 'US' } });
  const result = pkg.validateCreateCustomer(body);
  assert.equal(result.ok, false);
  assert.deepEqual(result.problem, {
    type: '/problems/validation-error',
    title: 'Your request is not valid.',
    status: 400,
    detail: 'The request has 1 invalid field.',
    errors: [{
      pointer: '/phone_number',
      code: 'phone_country_mismatch',
      detail: '+2348012345678 belongs to Nigeria (NG) and is not valid for the billing country United States of America (US)',
    }],
  });
});

test('validateCreateCustomer: a wrong JSON type is a listed error, not a throw', () => {
  const result = pkg.validateCreateCustomer('{"first_name": 5}');
  assert.equal(result.problem.errors[0].code, 'invalid_type');
  assert.equal(result.problem.errors[0].detail, 'must be a string, found a number');
});

test('validateField: one field, the service codes and messages', () => {
  assert.deepEqual(pkg.validateField('/first_name', '  José '), { ok: true, value: 'José' });
  assert.deepEqual(pkg.validateField('/billing_address/line2', '  '), { ok: true, value: null });
  assert.deepEqual(pkg.validateField('/email', ''), {
    ok: false, errors: [{ pointer: '/email', code: 'required', detail: 'is required' }],
  });
  const mismatch = pkg.validateField('/phone_number', '+2348012345678', { country: 'US' });
  assert.equal(mismatch.errors[0].code, 'phone_country_mismatch');
  assert.deepEqual(pkg.validateField('/phone_number', '+2348012345678', { country: 'NG' }), {
    ok: true, value: '+2348012345678',
  });
  assert.equal(pkg.validateField('/billing_address/country', 'ng').errors[0].detail,
    '`ng` must be uppercase; did you mean `NG`?');
  assert.equal(pkg.validateField('/nickname', 'x').errors[0].code, 'unknown_field');
});

test('normalizePhone: as-you-type help', () => {
  const read = pkg.normalizePhone('0801 234 5678', 'NG');
  assert.deepEqual(read, {
    ok: true, e164: '+2348012345678', region: 'NG', type: 'MOBILE', valid_for_country: true,
  });
  assert.equal(pkg.normalizePhone('(416) 555-0123', 'CA').e164, '+14165550123');
  // A non-geographic number: region null (not undefined), as the JSON answers have it.
  assert.deepStrictEqual(pkg.normalizePhone('+800 1234 5678', 'NG'), {
    ok: true, e164: '+80012345678', region: null, type: 'TOLL_FREE', valid_for_country: false,
  });
  const bad = pkg.normalizePhone('0801+234', 'NG');
  assert.equal(bad.ok, false);
  assert.equal(bad.errors[0].code, 'invalid_phone_format');
  assert.equal(bad.reason, 'format');
  // Still being typed, too long, not a number of the country: told apart, with what was read.
  assert.deepEqual(pkg.normalizePhone('0801 234', 'NG'), {
    ok: false,
    errors: [{
      pointer: '/phone_number',
      code: 'invalid_phone_number',
      detail: 'is too short so far for Nigeria (NG): read as 0801234 (6 digits, at least 10)',
    }],
    reason: 'too_short',
    read: '0801234',
  });
  assert.equal(pkg.normalizePhone('0801 234 5678 12345', 'NG').reason, 'too_long');
  assert.equal(pkg.normalizePhone('0101 234 5678', 'NG').reason, 'not_valid');
  // A digit short of a Canadian number: still being typed (some continuation is valid).
  assert.equal(pkg.normalizePhone('(416) 555-012', 'CA').reason, 'too_short');
  assert.equal(pkg.normalizePhone('+23', 'NG').reason, 'too_short');
  // The final answer (on submit) never says "so far".
  const final = pkg.normalizePhone('0801 234', 'NG', { typing: false });
  assert.equal(final.reason, 'not_valid');
  assert.equal(final.errors[0].code, 'invalid_phone_number');
  assert.doesNotMatch(final.errors[0].detail, /so far/);
  assert.equal(pkg.normalizePhone('0801 234', 'NG', { typing: 'no' }).errors[0].code, 'invalid_type');
  assert.equal(pkg.normalizePhone('0801 234', 'NG', 7).errors[0].code, 'invalid_type');
  assert.equal(pkg.normalizePhone('+999 1', 'NG').reason, 'invalid_country_code');
  assert.equal(pkg.normalizePhone('0801', 'Nigeria').errors[0].pointer, '/billing_address/country');
});

test('validateField: a context not of the documented shape is an answer, never a silent ok', () => {
  const phone = '+2348012345678';
  const answer = (context) => {
    const r = pkg.validateField('/phone_number', phone, context);
    return r.ok ? 'ok' : `${r.errors[0].pointer} ${r.errors[0].code}`;
  };
  assert.equal(answer(undefined), 'ok');
  assert.equal(answer(null), 'ok');
  assert.equal(answer({}), 'ok');
  assert.equal(answer({ country: 'NG' }), 'ok');
  for (const bad of ['US', 7, true, () => 1]) {
    assert.equal(answer(bad), '/billing_address/country invalid_type', String(bad));
  }
  assert.equal(answer({ country: '' }), '/billing_address/country required');
  for (const bad of ['XX', 'us', 'Nigeria']) {
    assert.equal(answer({ country: bad }), '/billing_address/country invalid_country', bad);
  }
  assert.equal(answer({ country: 7 }), '/billing_address/country invalid_type');
  assert.equal(answer({ contry: 'NG' }), '/billing_address/country unknown_field');
  assert.equal(pkg.validateField('/phone_number', phone, 'US').errors[0].detail,
    'the context must be an object such as { country: "NG" }, found a string');
  assert.equal(pkg.validateField('/phone_number', phone, { country: 'us' }).errors[0].detail,
    "the context's country `us` must be uppercase; did you mean `US`?");
  // The caller's own exception is reported as theirs, not as the validator's failure.
  const throwing = { get country() { throw new TypeError('no country here'); } };
  const r = pkg.validateField('/phone_number', phone, throwing);
  assert.equal(r.internal, undefined);
  assert.equal(r.errors[0].code, 'invalid_type');
  assert.equal(r.errors[0].detail, "reading the context's country threw: TypeError: no country here");
  const proxy = new Proxy({}, { ownKeys() { throw new Error('trap'); } });
  assert.match(pkg.validateField('/email', 'a@example.com', proxy).errors[0].detail,
    /^reading the context threw: Error: trap$/);
});

const HOSTILE = [
  undefined, null, true, 0, -1, NaN, 1e300, 10n, Symbol('s'), {}, [], [1, 2],
  { toString() { throw new Error('boom'); } },
  { country: { toString() { throw new Error('boom'); } } },
  () => 1, new Uint8Array(4), '', ' ', '\u0000', '\ud800', '\udfff\ud800', 'a\u0300'.repeat(5000),
  '{'.repeat(100000), '['.repeat(200), '"'.repeat(70000), 'x'.repeat(1 << 20),
  '🙂'.repeat(40000), '+'.repeat(100), '٠١٢٣٤٥٦٧٨٩'.repeat(10), '\u202e\u200f',
  JSON.stringify({ ...SPEC_000, first_name: '\ud800' }),
];

test('hostile arguments: every call answers a value and never throws', () => {
  let calls = 0;
  for (const a of HOSTILE) {
    for (const b of HOSTILE.slice(0, 16)) {
      for (const result of [
        pkg.validateCreateCustomer(a),
        pkg.validateField(a, b),
        pkg.validateField('/first_name', a, b),
        pkg.validateField('/phone_number', a, { country: b }),
        pkg.normalizePhone(a, b),
        pkg.normalizePhone(b, a),
      ]) {
        calls += 1;
        assert.equal(typeof result.ok, 'boolean');
        assert.equal(result.internal, undefined, JSON.stringify(result).slice(0, 300));
        if (!result.ok) {
          const errors = result.errors ?? result.problem.errors;
          assert.ok(errors.length > 0);
        }
      }
    }
  }
  assert.ok(calls > 1000);
});

test('a huge body is payload_too_large without being copied in', () => {
  const result = pkg.validateCreateCustomer(' '.repeat(50 << 20));
  assert.deepEqual(result.problem.errors.map((e) => e.code), ['payload_too_large']);
});

test('the published package has no test hooks', () => {
  assert.equal('__panicForTests' in pkg, false);
  assert.equal('__settled' in pkg, false);
});

test('a panic inside the module becomes an internal failure, and the package recovers', async () => {
  const pkg = await loadWithTestHooks();
  const failed = pkg.__panicForTests('deliberate test panic');
  assert.equal(failed.ok, false);
  assert.match(failed.internal, /deliberate test panic/);
  // The same instance still answers, then a fresh one takes over.
  assert.equal(pkg.validateField('/first_name', 'Ada').ok, true);
  await pkg.__settled();
  assert.deepEqual(pkg.validateField('/first_name', 'Ada'), { ok: true, value: 'Ada' });
  assert.equal(pkg.validateCreateCustomer(JSON.stringify(SPEC_000)).ok, true);
});

test('init() in node reads the .wasm file beside index.js (no fetch of file: URLs)', async () => {
  // A fresh copy of the entry point: its own state, not yet started.
  const fresh = await import(new URL('../pkg/index.js?node-init', import.meta.url).href);
  assert.match(fresh.validateField('/first_name', 'Ada').internal, /await init\(\) first/);
  await fresh.default();
  assert.deepEqual(fresh.validateField('/first_name', 'Ada'), { ok: true, value: 'Ada' });
});
