// The demo form in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core): typing, tabbing, the errors shown, phone normalization as you type
// (example numbers of 30+ countries typed key by key: no red before the last digit),
// the country selector driving the phone check, the submit result, and accessibility
// (axe-core, WCAG 2.2 AA rules: zero violations; descriptions, required, the one live
// region, focus after a failed submit). Saves a screenshot to target/wasm/demo.png
// (DEMO_SCREENSHOT overrides the path).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../demo/serve.mjs';
import { repoDir } from './load.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

let server;
let url;
let browser;
let page;

before(async () => {
  ({ server, url } = await serve(0));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  page = await browser.newPage({ viewport: { width: 900, height: 1100 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  assert.deepEqual(problems, []);
});

after(async () => {
  await browser?.close();
  server?.close();
});

const error = (id) => page.textContent(`#${id}-error`);

/** axe-core's WCAG 2.0-2.2 A and AA rules on the page as it is now: the violations. */
async function axeViolations() {
  const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe });
  return page.evaluate(async () => {
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

test('accessibility of the fresh form: axe-core finds nothing; fields described and required', async () => {
  assert.deepEqual(await axeViolations(), []);
  for (const id of ['first_name', 'last_name', 'email', 'phone_number', 'line1', 'city', 'country']) {
    assert.equal(await page.getAttribute(`#${id}`, 'aria-required'), 'true', id);
    assert.notEqual(await page.getAttribute(`#${id}`, 'required'), null, id);
    assert.match(await page.getAttribute(`#${id}`, 'aria-describedby'), new RegExp(`${id}-error`), id);
  }
  assert.equal(await page.locator('[aria-live]').count(), 1, 'one live region');
  // The country that decides how the phone is read comes before it.
  const order = await page.evaluate(() => [...document.querySelectorAll('input, select, button')]
    .map((e) => e.id));
  assert.ok(order.indexOf('country') < order.indexOf('phone_number'), order.join(' '));
});

test('a bad first name shows its error once the field is left', async () => {
  await page.click('#first_name');
  await page.keyboard.type('J0hn');
  assert.equal(await error('first_name'), '', 'no error while typing a fresh field');
  await page.keyboard.press('Tab');
  assert.match(await error('first_name'), /digit|letter|character/i);
  assert.equal(await page.getAttribute('#first_name-error', 'data-code'), 'invalid_characters');
  assert.equal(await page.getAttribute('#first_name', 'aria-invalid'), 'true');
  // Fixing it clears the error live, as you type.
  await page.fill('#first_name', '');
  await page.click('#first_name');
  await page.keyboard.type('Adébáyọ̀');
  assert.equal(await error('first_name'), '');
  assert.equal(await page.getAttribute('#first_name', 'aria-invalid'), 'false');
});

test('an empty required field is reported when left', async () => {
  await page.click('#last_name');
  await page.keyboard.press('Tab');
  assert.equal(await error('last_name'), 'is required');
});

test('email errors use the service messages', async () => {
  await page.click('#email');
  await page.keyboard.type('ade@@example.ng');
  await page.keyboard.press('Tab');
  assert.equal(await page.getAttribute('#email-error', 'data-code'), 'invalid_email');
  await page.fill('#email', 'ade@example.ng');
  assert.equal(await error('email'), '');
});

test('the phone is normalized as you type, for the chosen country', async () => {
  await page.click('#phone_number');
  await page.keyboard.type('0801 234');
  assert.equal(await error('phone_number'), '', 'a number being typed is not an error yet');
  assert.equal(
    await page.textContent('#phone_number-hint'),
    'is too short so far for Nigeria (NG): read as 0801234 (6 digits, at least 10)',
  );
  await page.keyboard.type(' 5678');
  assert.equal(await page.textContent('#phone_number-hint'), 'Will be sent as +2348012345678');
  assert.equal(await error('phone_number'), '');
  await page.keyboard.press('Tab');
  assert.equal(await error('phone_number'), '');
});

test('changing the country re-checks the phone', async () => {
  await page.selectOption('#country', 'US');
  assert.equal(await page.getAttribute('#phone_number-error', 'data-code'), 'invalid_phone_number');
  await page.fill('#phone_number', '+234 801 234 5678');
  assert.equal(await page.getAttribute('#phone_number-error', 'data-code'), 'phone_country_mismatch');
  assert.match(await error('phone_number'), /belongs to Nigeria \(NG\)/);
  await page.selectOption('#country', 'NG');
  assert.equal(await error('phone_number'), '');
});

test('submit shows the problem body with every error', async () => {
  await page.fill('#last_name', '');
  await page.click('#submit');
  assert.equal(await page.getAttribute('#outcome', 'data-ok'), 'false');
  const problem = JSON.parse(await page.textContent('#result'));
  assert.equal(problem.status, 400);
  assert.deepEqual(
    problem.errors.map((e) => [e.pointer, e.code]),
    [
      ['/last_name', 'required'],
      ['/billing_address/line1', 'required'],
      ['/billing_address/city', 'required'],
    ],
  );
  assert.equal(await error('city'), 'is required');
});

test('a complete form is valid and shows the normalized request', async () => {
  await page.fill('#last_name', 'O’Brien');
  await page.fill('#line1', '1 Marina');
  await page.fill('#city', 'Lagos');
  await page.click('#submit');
  assert.equal(await page.getAttribute('#outcome', 'data-ok'), 'true');
  const customer = JSON.parse(await page.textContent('#result'));
  assert.equal(customer.phone_number, '+2348012345678');
  assert.equal(customer.billing_address.line2, null);
  assert.equal(customer.billing_address.country, 'NG');
});

test('in the browser too, a panic becomes a failure value and a fresh instance takes over', async () => {
  const outcome = await page.evaluate(async () => {
    const pkg = await import('/pkg-test/index.js');
    await pkg.default();
    const failed = pkg.__panicForTests('browser test panic');
    await pkg.__settled();
    return { failed, after: pkg.validateField('/first_name', 'Ada') };
  });
  assert.equal(outcome.failed.ok, false);
  assert.match(outcome.failed.internal, /browser test panic/);
  assert.deepEqual(outcome.after, { ok: true, value: 'Ada' });
});

test('a failed submit moves focus to the first invalid field and announces a summary', async () => {
  await page.fill('#first_name', '');
  await page.click('#submit');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'first_name');
  await page.waitForFunction(() => document.getElementById('announce').textContent !== '');
  const said = await page.textContent('#announce');
  assert.match(said, /^1 field needs attention\. First name: is required$/);
  assert.equal(await page.isVisible('#summary'), true);
  assert.deepEqual(await axeViolations(), [], 'axe-core with errors shown');
  await page.fill('#first_name', 'Adébáyọ̀');
});

test('a number being typed is never red after submit says so: one answer per field', async () => {
  await page.fill('#phone_number', '0801 234');
  await page.click('#submit');
  // The field's final answer, without "so far", and the same in the summary.
  assert.equal(await page.getAttribute('#phone_number-error', 'data-code'), 'invalid_phone_number');
  assert.doesNotMatch(await error('phone_number'), /so far/);
  assert.match(await page.textContent('#summary-list'), /Phone number: is not a valid phone number/);
  await page.fill('#phone_number', '0801 234 5678');
});

// Forms libphonenumber reads with a transform rule that normalize does not apply (the
// list and the reason: KNOWN_NORMALIZE_DIFFERENCES in tests/phone_oracle.rs).
const KNOWN_DIFFERENCES = new Set([
  'AR 011 15-234-6789', 'AR 011 15-2345-6789', 'AR 011 15-23495-6789', 'NF  81234', 'NF 10 609',
  'DE 0800 12234567890',
]);

/** Example numbers of the demo's countries (libphonenumber's, as people type them). */
function exampleNumbers() {
  const text = readFileSync(new URL('../../tests/data/phone/normalize.txt', import.meta.url), 'utf8');
  const byRegion = new Map();
  for (const line of text.split('\n')) {
    const [region, input, verdict] = line.split('\t');
    if (!verdict || !verdict.startsWith('+') || KNOWN_DIFFERENCES.has(`${region} ${input}`)) continue;
    const forms = byRegion.get(region) ?? {};
    const digits = input.replace(/\D/g, '');
    if (input.startsWith('+')) forms.international ??= input;
    else if (!digits.startsWith(verdict.slice(1, 3)) && /^[0-9 ()-]+$/.test(input)) forms.national ??= input;
    byRegion.set(region, forms);
  }
  return byRegion;
}

test('example numbers of 30+ countries typed key by key: no red before the last digit', async () => {
  const countries = await page.evaluate(() => [...document.getElementById('country').options].map((o) => o.value));
  const examples = exampleNumbers();
  let typedCountries = 0;
  const bad = [];
  for (const code of countries) {
    const forms = examples.get(code);
    if (!forms) continue;
    await page.selectOption('#country', code);
    typedCountries += 1;
    for (const typed of [forms.national, forms.international].filter(Boolean)) {
      await page.fill('#phone_number', '');
      await page.focus('#phone_number');
      for (const [i, key] of [...typed].entries()) {
        await page.keyboard.type(key);
        const red = await error('phone_number');
        if (i < typed.length - 1 && red) {
          bad.push(`${code} ${typed}: red at ${JSON.stringify(typed.slice(0, i + 1))}: ${red}`);
          break;
        }
      }
      const hint = await page.textContent('#phone_number-hint');
      if (!hint.startsWith('Will be sent as +')) bad.push(`${code} ${typed}: at the end ${hint} ${await error('phone_number')}`);
    }
  }
  assert.ok(typedCountries >= 30, `${typedCountries} countries`);
  assert.deepEqual(bad, []);
  await page.selectOption('#country', 'NG');
  await page.fill('#phone_number', '0801 234 5678');
});

test('screenshot of a form with errors', async () => {
  await page.fill('#email', 'ade@example');
  await page.press('#email', 'Tab');
  await page.fill('#phone_number', '0801 234');
  await page.selectOption('#country', 'NG');
  await page.fill('#city', '');
  await page.click('#submit');
  const path = process.env.DEMO_SCREENSHOT ?? `${repoDir}target/wasm/demo.png`;
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
});
