// One behaviour, two targets: the case table tests/data/create_customer.json (format in
// tests/data/README.md) through the WASM package, with the table's expectations (verdict,
// [pointer, code] lists, first message, normalized values) and the native answer byte for
// byte. The bodies come from the native runner (`cargo run -p customer-core-wasm --example
// cases`, or the file NATIVE_CASES names), which builds them with tests/support/cases.rs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { load, repoDir } from './load.mjs';

const pkg = await load();
const table = JSON.parse(readFileSync(`${repoDir}tests/data/create_customer.json`, 'utf8'));

function unescape(token) {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function get(doc, pointer) {
  let v = doc;
  for (const t of pointer.split('/').slice(1).map(unescape)) {
    if (v === null || typeof v !== 'object' || !(t in v)) return undefined;
    v = v[t];
  }
  return v;
}

// The bodies and the native answers, from the one case-body builder: the file NATIVE_CASES
// names, or the native runner run here.
const nativeText = process.env.NATIVE_CASES
  ? readFileSync(process.env.NATIVE_CASES, 'utf8')
  : execFileSync('cargo', ['run', '-q', '-p', 'customer-core-wasm', '--example', 'cases'], {
      cwd: repoDir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
const native = new Map(
  nativeText
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const { name, body, result } = JSON.parse(line);
      return [name, { body, result }];
    }),
);

test('the case table has cases', () => {
  assert.ok(table.cases.length >= 60);
});

for (const c of table.cases) {
  const text = native.get(c.name)?.body ?? null;
  test(`create_customer.json: ${c.name}`, { skip: text === null && 'invalid UTF-8 is not a JS string' }, () => {
    const result = pkg.validateCreateCustomer(text);
    if (c.expect.valid !== undefined) {
      assert.equal(result.ok, true, JSON.stringify(result.problem));
      if (typeof c.expect.valid === 'object') {
        for (const [pointer, want] of Object.entries(c.expect.valid)) {
          assert.deepEqual(get(result.customer, pointer), want, pointer);
        }
      }
    } else {
      assert.equal(result.ok, false);
      assert.equal(result.problem.status, 400);
      assert.deepEqual(
        result.problem.errors.map((e) => [e.pointer, e.code]),
        c.expect.errors,
      );
      if (c.message) assert.equal(result.problem.errors[0].detail, c.message);
    }
    assert.equal(JSON.stringify(result), native.get(c.name).result);
  });
}
