// One behaviour, two targets: the case table tests/data/create_customer.json (format in
// tests/data/README.md) through the WASM package, with the table's expectations (verdict,
// [pointer, code] lists, first message, normalized values), and, when NATIVE_CASES names
// the native run's output (`cargo run -p customer-core-wasm --example cases`), the whole
// answer byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { load, repoDir } from './load.mjs';

const pkg = await load();
const table = JSON.parse(readFileSync(`${repoDir}tests/data/create_customer.json`, 'utf8'));

function unescape(token) {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parentAndLast(doc, pointer) {
  const tokens = pointer.split('/').slice(1).map(unescape);
  const last = tokens.pop();
  let parent = doc;
  for (const t of tokens) parent = parent[t];
  assert.ok(parent && typeof parent === 'object', `no parent for ${pointer}`);
  return [parent, last];
}

function get(doc, pointer) {
  let v = doc;
  for (const t of pointer.split('/').slice(1).map(unescape)) {
    if (v === null || typeof v !== 'object' || !(t in v)) return undefined;
    v = v[t];
  }
  return v;
}

function sorted(v) {
  if (Array.isArray(v)) return v.map(sorted);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sorted(v[k])]),
  );
}

/** The case's body as a JS string, or null when a JS string cannot carry it. */
function body(c) {
  if (typeof c.raw === 'string') return c.raw;
  // Invalid UTF-8: a JS string is always text, so these bytes never reach the API.
  if (typeof c.raw_hex === 'string') return null;
  // [text, times] pairs, `{i}` replaced by the repetition's index (tests/data/README.md).
  if (Array.isArray(c.raw_parts)) {
    let text = '';
    for (const [part, times] of c.raw_parts) {
      for (let i = 0; i < times; i++) text += part.replaceAll('{i}', String(i));
    }
    return text;
  }
  const doc = structuredClone(c.body ?? table.base);
  for (const p of c.remove ?? []) {
    const [parent, last] = parentAndLast(doc, p);
    delete parent[last];
  }
  for (const [p, v] of Object.entries(c.set ?? {})) {
    const [parent, last] = parentAndLast(doc, p);
    parent[last] = v;
  }
  // Keys sorted, as serde_json's Value writes them in the native runners.
  let text = JSON.stringify(sorted(doc));
  if (c.pad_to) text = text.padEnd(c.pad_to, ' ');
  return text;
}

const native = process.env.NATIVE_CASES
  ? new Map(
      readFileSync(process.env.NATIVE_CASES, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const { name, result } = JSON.parse(line);
          return [name, result];
        }),
    )
  : null;

test('the case table has cases', () => {
  assert.ok(table.cases.length >= 60);
});

for (const c of table.cases) {
  const text = body(c);
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
    if (native) {
      assert.ok(native.has(c.name), `no native result for ${c.name}`);
      assert.equal(JSON.stringify(result), native.get(c.name));
    }
  });
}
