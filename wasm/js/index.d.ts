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
  PhoneOptions,
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
  PhoneOptions,
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

/**
 * The E.164 form of a phone number as typed in `country`, or the precise error: while
 * typing (the default), "too short so far" for digits that can still become a number;
 * with `{ typing: false }`, the final answer (on submit), which never says "so far".
 */
export function normalizePhone(input: string, country: string, options?: PhoneOptions): PhoneResult;

/** A fetch `Response` (or anything with its `arrayBuffer()`), without the DOM library. */
export interface ResponseLike {
  readonly ok: boolean;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Bytes of the `.wasm` file. */
export type WasmBytes = ArrayBuffer | ArrayBufferView;

/**
 * A compiled `WebAssembly.Module` (typed structurally, so that no DOM library is needed).
 */
export type WasmModule = object;

/**
 * What `init` can load the module from: a URL (fetched; a `file:` URL is read from disk
 * in node), a `Response`, the bytes, or a compiled module.
 */
export type InitInput = string | { readonly href: string } | ResponseLike | WasmBytes | WasmModule;

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
export function initSync(bytesOrModule: WasmBytes | WasmModule, options?: InitOptions): void;
