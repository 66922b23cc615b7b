// customer-core-wasm: types of the package's entry point (index.js). The result types and
// the three calls' signatures come from the wasm-bindgen output, generated from Rust.
export type {
  BillingAddress,
  CreateCustomerResult,
  CustomerFields,
  ErrorCode,
  FieldContext,
  FieldPointer,
  FieldResult,
  InvalidField,
  InvalidRequest,
  PhoneResult,
  Problem,
  ProblemError,
  ValidField,
  ValidPhone,
  ValidRequest,
} from './customer_core_wasm.js';
export { validateCreateCustomer, validateField, normalizePhone } from './customer_core_wasm.js';

/** What `init` can load the module from. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Loads and starts the module (by default the `.wasm` file beside index.js). */
export default function init(input?: InitInput | Promise<InitInput>): Promise<void>;

/** Starts the module synchronously from its bytes or a compiled module. */
export function initSync(bytesOrModule: BufferSource | WebAssembly.Module): void;
