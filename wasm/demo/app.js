// The demo form: live per-field errors from customer-core (WebAssembly), phone
// normalization as you type, the country driving the phone check, and the whole-request
// check on submit. No framework: the package's three calls and the DOM.
import init, { normalizePhone, validateCreateCustomer, validateField } from '/pkg/index.js';

const COUNTRIES = [
  ['NG', 'Nigeria'], ['GH', 'Ghana'], ['KE', 'Kenya'], ['ZA', 'South Africa'],
  ['EG', 'Egypt'], ['TZ', 'Tanzania'], ['GB', 'United Kingdom'], ['IE', 'Ireland'],
  ['FR', 'France'], ['DE', 'Germany'], ['IT', 'Italy'], ['ES', 'Spain'],
  ['US', 'United States'], ['CA', 'Canada'], ['BR', 'Brazil'], ['IN', 'India'],
  ['JP', 'Japan'], ['AU', 'Australia'],
];

const form = document.getElementById('customer');
const country = document.getElementById('country');
const phone = document.getElementById('phone_number');
const phoneHint = document.getElementById('phone_number-hint');
const touched = new Set();

for (const [code, name] of COUNTRIES) {
  country.add(new Option(`${name} (${code})`, code, code === 'NG', code === 'NG'));
}

function errorBox(input) {
  return document.getElementById(`${input.id}-error`);
}

function show(input, errors) {
  const text = errors.map((e) => e.detail).join('; ');
  errorBox(input).textContent = text;
  errorBox(input).dataset.code = errors.map((e) => e.code).join(' ');
  input.setAttribute('aria-invalid', errors.length ? 'true' : 'false');
}

/** The phone field: read as typed in the chosen country. */
function checkPhone({ final }) {
  const typed = phone.value;
  if (!typed.trim()) {
    phoneHint.textContent = '';
    show(phone, final ? validateField('/phone_number', '').errors : []);
    return null;
  }
  const read = normalizePhone(typed, country.value);
  if (read.ok) {
    const field = validateField('/phone_number', read.e164, { country: country.value });
    phoneHint.classList.remove('pending');
    phoneHint.textContent = `Will be sent as ${read.e164}`;
    show(phone, field.ok ? [] : field.errors);
    return read.e164;
  }
  phoneHint.textContent = '';
  const [error] = read.errors;
  if (!final && error && (read.reason === 'too_short' || read.reason === 'invalid_length')) {
    // Still being typed: a hint, not an error.
    phoneHint.classList.add('pending');
    phoneHint.textContent = error.detail;
    show(phone, []);
  } else {
    show(phone, read.errors);
  }
  return null;
}

function checkField(input, { final }) {
  if (input === phone) return checkPhone({ final });
  if (!final && !touched.has(input.id)) return null;
  const result = validateField(input.dataset.pointer, input.value);
  show(input, result.ok ? [] : result.errors);
  return result.ok ? result.value : null;
}

for (const input of form.querySelectorAll('[data-pointer]')) {
  input.addEventListener('input', () => checkField(input, { final: false }));
  input.addEventListener('blur', () => {
    touched.add(input.id);
    checkField(input, { final: true });
  });
}
country.addEventListener('change', () => {
  if (phone.value.trim()) checkPhone({ final: touched.has('phone_number') });
});

function body() {
  const value = (id) => document.getElementById(id).value;
  const read = phone.value.trim() ? normalizePhone(phone.value, country.value) : null;
  return {
    first_name: value('first_name'),
    last_name: value('last_name'),
    email: value('email'),
    phone_number: read && read.ok ? read.e164 : value('phone_number'),
    billing_address: {
      line1: value('line1'),
      line2: value('line2'),
      city: value('city'),
      state: value('state'),
      zip_code: value('zip_code'),
      country: country.value,
    },
  };
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const result = validateCreateCustomer(JSON.stringify(body()));
  const outcome = document.getElementById('outcome');
  const title = document.getElementById('outcome-title');
  const pre = document.getElementById('result');
  outcome.hidden = false;
  for (const input of form.querySelectorAll('[data-pointer]')) show(input, []);
  if (result.ok) {
    title.textContent = 'Valid: this is what would be sent';
    pre.textContent = JSON.stringify(result.customer, null, 2);
    outcome.dataset.ok = 'true';
  } else {
    title.textContent = `Not valid: the API would answer ${result.problem.status}`;
    pre.textContent = JSON.stringify(result.problem, null, 2);
    outcome.dataset.ok = 'false';
    for (const input of form.querySelectorAll('[data-pointer]')) {
      const errors = result.problem.errors.filter((e) => e.pointer === input.dataset.pointer);
      show(input, errors);
    }
    // A phone that could not be read: the as-typed reason says more than "not E.164".
    if (phone.value.trim()) {
      const read = normalizePhone(phone.value, country.value);
      if (!read.ok) show(phone, read.errors);
    }
  }
});

const status = document.getElementById('status');
try {
  await init();
  status.textContent = 'Validator ready.';
  document.body.dataset.ready = 'true';
} catch (error) {
  status.textContent = `The validator could not load: ${error}`;
}
