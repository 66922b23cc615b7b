// A consumer that must NOT type-check: each line with an error comment (see below) is
// a mistake the types catch. tests/typecheck.mjs requires tsc to report exactly those lines.
import { normalizePhone, validateCreateCustomer, validateField, type ErrorCode } from '../../pkg/index.js';

const result = validateCreateCustomer('{}');
export const customer = result.customer; // error: not narrowed on `ok`
export const problem = result.problem; // error: not narrowed on `ok`
export const code: ErrorCode = 'not_a_code'; // error: not a known code
export const phone = normalizePhone('0801 234 5678'); // error: the country is required
export const e164: string = normalizePhone('0801', 'NG').e164; // error: not narrowed
export const field = validateField('/first_name', 'Jo', { country: 7 }); // error: country is a string
if (result.ok) {
  const wrong: number = result.customer.first_name; // error: a string
  void wrong;
}
