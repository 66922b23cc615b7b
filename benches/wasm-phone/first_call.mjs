// node benches/wasm-phone/first_call.mjs FILE.wasm: instantiate, then time the first and
// second validation of an E.164 number (what a browser form waits for).
import { readFileSync } from "node:fs";

const file = process.argv[2];
const t0 = performance.now();
const { instance } = await WebAssembly.instantiate(readFileSync(file), {});
const t1 = performance.now();
const call = (s) => {
  const bytes = new TextEncoder().encode(s);
  const ptr = instance.exports.alloc(bytes.length);
  new Uint8Array(instance.exports.memory.buffer, ptr, bytes.length).set(bytes);
  return instance.exports.validate(ptr, bytes.length);
};
const t2 = performance.now();
const first = call("+2348012345678");
const t3 = performance.now();
const second = call("+447911123456");
const t4 = performance.now();
console.log(
  `${file}: instantiate ${(t1 - t0).toFixed(2)} ms, first call ${(t3 - t2).toFixed(3)} ms ` +
    `(valid=${first}), second call ${(t4 - t3).toFixed(3)} ms (valid=${second})`,
);
