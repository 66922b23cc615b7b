// A consumer that must type-check against the built package's .d.ts (wasm/pkg).
import init, {
  normalizePhone,
  validateCreateCustomer,
  validateField,
  type CreateCustomerResult,
  type CustomerFields,
  type ErrorCode,
  type FieldResult,
  type PhoneResult,
  type Problem,
} from '../../pkg/index.js';

export async function submit(body: string): Promise<CustomerFields | Problem> {
  await init();
  const result: CreateCustomerResult = validateCreateCustomer(body);
  if (result.ok) {
    const country: string = result.customer.billing_address.country;
    const line2: string | null = result.customer.billing_address.line2;
    void country;
    void line2;
    return result.customer;
  }
  const codes: ErrorCode[] = result.problem.errors.map((e) => e.code);
  const status: number = result.problem.status;
  void codes;
  void status;
  return result.problem;
}

export function firstNameError(value: string): string | null {
  const result: FieldResult = validateField('/first_name', value);
  return result.ok ? null : (result.errors[0]?.detail ?? null);
}

export function phoneForCountry(typed: string, country: string): string | undefined {
  const checked = validateField('/phone_number', typed, { country });
  if (!checked.ok && checked.errors.some((e) => e.code === 'phone_country_mismatch')) {
    return undefined;
  }
  const read: PhoneResult = normalizePhone(typed, country);
  return read.ok ? read.e164 : undefined;
}
