// The demo form: per-field answers from customer-core (WebAssembly), phone normalization
// as you type, the country driving the phone check, and the whole-request check on
// submit. No framework: the package's calls and the DOM.
//
// One answer per field: a field shows the answer of its own final check (the phone: as
// read in the chosen country, `typing: false`), and the request check adds only what
// needs several fields (the phone against the billing country). "So far" is said only
// while typing, as a hint, never in red. One polite live region speaks, naming the field,
// when a field's answer changes on leaving it or on submit; not on every keystroke.
import init, { normalizePhone, validateCreateCustomer, validateField } from '/pkg/index.js';

// Short names people know; the select's value is the ISO 3166-1 code.
const COUNTRIES = [
  ['AR', 'Argentina'], ['AU', 'Australia'], ['AT', 'Austria'], ['BE', 'Belgium'],
  ['BR', 'Brazil'], ['CA', 'Canada'], ['CN', 'China'], ['EG', 'Egypt'], ['FR', 'France'],
  ['DE', 'Germany'], ['GH', 'Ghana'], ['IN', 'India'], ['ID', 'Indonesia'], ['IE', 'Ireland'],
  ['IT', 'Italy'], ['JP', 'Japan'], ['KE', 'Kenya'], ['MX', 'Mexico'], ['MA', 'Morocco'],
  ['NL', 'Netherlands'], ['NZ', 'New Zealand'], ['NG', 'Nigeria'], ['PK', 'Pakistan'],
  ['PL', 'Poland'], ['PT', 'Portugal'], ['RU', 'Russia'], ['SA', 'Saudi Arabia'],
  ['SN', 'Senegal'], ['ZA', 'South Africa'], ['KR', 'South Korea'], ['ES', 'Spain'],
  ['SE', 'Sweden'], ['CH', 'Switzerland'], ['TZ', 'Tanzania'], ['TR', 'Türkiye'],
  ['UG', 'Uganda'], ['AE', 'United Arab Emirates'], ['GB', 'United Kingdom'],
  ['US', 'United States'], ['VN', 'Vietnam'],
];

const form = document.getElementById('customer');
const country = document.getElementById('country');
const phone = document.getElementById('phone_number');
const phoneHint = document.getElementById('phone_number-hint');
const announcer = document.getElementById('announce');
const summary = document.getElementById('summary');
const touched = new Set();
const fields = () => [...form.querySelectorAll('[data-pointer]')];

for (const [code, name] of COUNTRIES) {
  country.add(new Option(name, code, code === 'NG', code === 'NG'));
}

const labelOf = (input) => form.querySelector(`label[for="${input.id}"]`)
  .firstChild.textContent.trim();
const errorBox = (input) => document.getElementById(`${input.id}-error`);

/** Says `text` in the one polite live region (the same text twice is said again). */
function announce(text) {
  announcer.textContent = '';
  requestAnimationFrame(() => { announcer.textContent = text; });
}

/** Shows a field's errors; returns whether its text changed. */
function show(input, errors) {
  const text = errors.map((e) => e.detail).join('; ');
  const changed = errorBox(input).textContent !== text;
  errorBox(input).textContent = text;
  errorBox(input).dataset.code = errors.map((e) => e.code).join(' ');
  input.setAttribute('aria-invalid', errors.length ? 'true' : 'false');
  return changed;
}

/** A field's message for a person: "Email: is required". */
const spoken = (input, errors) => `${labelOf(input)}: ${errors.map((e) => e.detail).join('; ')}`;

/** The phone field's answer: while typing, "so far" is a hint; else the final answer. */
function phoneAnswer({ final }) {
  const typed = phone.value;
  if (!typed.trim()) {
    phoneHint.textContent = '';
    return { value: null, errors: final ? validateField('/phone_number', '').errors : [] };
  }
  const read = normalizePhone(typed, country.value, { typing: !final });
  if (read.ok) {
    const field = validateField('/phone_number', read.e164, { country: country.value });
    phoneHint.classList.remove('pending');
    phoneHint.textContent = `Will be sent as ${read.e164}`;
    return { value: read.e164, errors: field.ok ? [] : field.errors };
  }
  if (!final && read.reason === 'too_short') {
    phoneHint.classList.add('pending');
    phoneHint.textContent = read.errors[0]?.detail ?? '';
    return { value: null, errors: [] };
  }
  phoneHint.textContent = '';
  return { value: null, errors: read.errors };
}

/** A field's answer: its value when valid, and its errors. */
function answer(input, { final }) {
  if (input === phone) return phoneAnswer({ final });
  const result = validateField(input.dataset.pointer, input.value);
  return { value: result.ok ? result.value : null, errors: result.ok ? [] : result.errors };
}

function checkField(input, { final }) {
  if (!final && !touched.has(input.id) && input !== phone) return;
  const { errors } = answer(input, { final });
  const changed = show(input, errors);
  if (final && changed && errors.length) announce(spoken(input, errors));
}

for (const input of fields()) {
  input.addEventListener('input', () => checkField(input, { final: false }));
  input.addEventListener('blur', () => {
    touched.add(input.id);
    checkField(input, { final: true });
  });
}
country.addEventListener('change', () => {
  if (phone.value.trim()) checkField(phone, { final: touched.has('phone_number') });
});

function showSummary(invalid) {
  const list = document.getElementById('summary-list');
  list.replaceChildren(...invalid.map(({ input, errors }) => {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = `#${input.id}`;
    link.textContent = spoken(input, errors);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      input.focus();
    });
    item.append(link);
    return item;
  }));
  const n = invalid.length;
  document.getElementById('summary-title').textContent =
    `${n} ${n === 1 ? 'field needs' : 'fields need'} attention`;
  summary.hidden = n === 0;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const answers = new Map(fields().map((input) => [input, answer(input, { final: true })]));
  const value = (input) => answers.get(input).value ?? input.value;
  const byId = (id) => document.getElementById(id);
  const body = {
    first_name: value(byId('first_name')),
    last_name: value(byId('last_name')),
    email: value(byId('email')),
    phone_number: value(phone),
    billing_address: {
      line1: value(byId('line1')),
      line2: answers.get(byId('line2')).value,
      city: value(byId('city')),
      state: answers.get(byId('state')).value,
      zip_code: answers.get(byId('zip_code')).value,
      country: country.value,
    },
  };
  const result = validateCreateCustomer(JSON.stringify(body));
  const outcome = byId('outcome');
  outcome.hidden = false;
  const invalid = [];
  for (const input of fields()) {
    touched.add(input.id);
    // The field's own answer; the request's errors only where the field alone is fine.
    let { errors } = answers.get(input);
    if (!errors.length && !result.ok) {
      errors = result.problem.errors.filter((e) => e.pointer === input.dataset.pointer);
    }
    show(input, errors);
    if (errors.length) invalid.push({ input, errors });
  }
  showSummary(invalid);
  if (result.ok && !invalid.length) {
    byId('outcome-title').textContent = 'Valid: this is what would be sent';
    byId('result').textContent = JSON.stringify(result.customer, null, 2);
    outcome.dataset.ok = 'true';
    announce('The form is valid.');
  } else {
    byId('outcome-title').textContent = `Not valid: the API would answer ${result.ok ? 400 : result.problem.status}`;
    byId('result').textContent = JSON.stringify(result.ok ? result.customer : result.problem, null, 2);
    outcome.dataset.ok = 'false';
    const n = invalid.length;
    announce(`${n} ${n === 1 ? 'field needs' : 'fields need'} attention. ${invalid.map((i) => spoken(i.input, i.errors)).join('. ')}`);
    invalid[0]?.input.focus();
  }
});

const status = document.getElementById('status');
try {
  await init();
  validateField('/first_name', '');
  performance.mark('customer-core:first-answer');
  status.textContent = 'Validator ready.';
  document.body.dataset.ready = 'true';
} catch (error) {
  status.textContent = `The validator could not load: ${error}`;
}
