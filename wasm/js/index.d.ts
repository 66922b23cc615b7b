// customer-core-wasm: types of the package's entry point (index.js). The result types come
// from the wasm-bindgen output (generated from the Rust types by tsify); the signatures
// are the Rust exports' with `context` optional.
export type {
  BillingAddress,
  CreateCustomerResult,
  CustomerFields,
  ErrorCode,
  FieldContext,
  FieldPointer,
  FieldResult,
  InvalidField,
  InvalidPhone,
  InvalidRequest,
  PhoneReason,
  PhoneResult,
  Problem,
  ProblemError,
  ValidField,
  ValidPhone,
  ValidRequest,
} from './customer_core_wasm.js';
import type {
  CreateCustomerResult,
  FieldContext,
  FieldPointer,
  FieldResult,
  PhoneResult,
} from './customer_core_wasm.js';

/** Validates a create-customer request body (a JSON string), with every error at once. */
export function validateCreateCustomer(json: string): CreateCustomerResult;

/** One field's errors (the service's codes and messages), or its normalized value. */
export function validateField(
  pointer: FieldPointer,
  value: string | null,
  context?: FieldContext,
): FieldResult;

/** The E.164 form of a phone number as typed in `country`, or the precise error. */
export function normalizePhone(input: string, country: string): PhoneResult;

/** What `init` can load the module from. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** How the module starts. */
export interface InitOptions {
  /**
   * Run each rule once while starting (default `true`), so that the engine compiles the
   * module's functions now rather than on the first keystroke.
   */
  warm?: boolean;
}

/** Loads and starts the module (by default the `.wasm` file beside index.js). */
export default function init(input?: InitInput | Promise<InitInput>, options?: InitOptions): Promise<void>;

/** Starts the module synchronously from its bytes or a compiled module. */
export function initSync(bytesOrModule: BufferSource | WebAssembly.Module, options?: InitOptions): void;
