#!/usr/bin/env bash
# Instructions per byte of CreateCustomer::from_json for spec 000's body and for hostile
# bodies of about 64 KB (issue 8: at most 2x the valid request's work per byte), then
# spec 000's body beside a plain serde_json parse into a borrowed struct.
# Needs valgrind. Usage: benches/hostile/run.sh
set -euo pipefail
cd "$(dirname "$0")"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-../../target/hostile}
cargo build -q --release
bin=$CARGO_TARGET_DIR/release/hostile-callgrind
dir=$(mktemp -d)
python3 - "$dir" <<'PY'
import sys
d = sys.argv[1]
SIZE = 64 * 1024 - 64
def fill(prefix, unit, suffix):
    body, i = prefix, 0
    while len(body) + len(unit(i)) + len(suffix) <= SIZE:
        body += unit(i); i += 1
    return body + suffix
bodies = {
    "valid": '{"first_name":"John","last_name":"Doe","email":"john.doe@example.com",'
             '"phone_number":"+2348012345678","billing_address":{"line1":"123 Test Lane",'
             '"line2":"Suite 456","city":"Lagos","state":"Lagos","zip_code":"100001","country":"NG"}}',
    "unknown_keys": fill("{", lambda i: '"k%d":1,' % i, '"z":1}'),
    "nested_objects": fill("{", lambda i: '"k%d":{"a":{"b":1}},' % i, '"z":1}'),
    "long_string": '{"first_name":"' + "a" * (SIZE - 64) + '"}',
    "escapes": '{"first_name":"' + "\\u00e9" * ((SIZE - 64) // 6) + '"}',
    "duplicate_keys": fill("{", lambda i: '"first_name":"Ada",', '"z":1}'),
}
for name, body in bodies.items():
    open(f"{d}/{name}.json", "w").write(body)
PY
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" 2>&1 | grep -o 'Collected : [0-9]*' | grep -o '[0-9]*'; }
printf '| body | bytes | instructions per request | per byte | x valid |\n| --- | --- | --- | --- | --- |\n'
valid_per_byte=""
for name in valid unknown_keys nested_objects long_string escapes duplicate_keys; do
  n=20; [ "$name" = valid ] && n=2000
  f=$dir/$name.json
  bytes=$(wc -c < "$f")
  total=$(count "$f" "$n"); base=$(count "$f" 0)
  python3 - "$name" "$bytes" "$n" "$total" "$base" "${valid_per_byte:-0}" <<'PY'
import sys
name, b, n, t, z, v = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
per = (t - z) / n; pb = per / b
print(f"| {name} | {b} | {per:,.0f} | {pb:.1f} | {pb / (v or pb):.2f} |")
PY
  [ "$name" = valid ] && valid_per_byte=$(python3 -c "print(($total-$base)/$n/$bytes)")
done
# Spec 000's body beside plain serde_json into a borrowed typed struct (no rules): the
# reader's goal is at most 1.5x.
f=$dir/valid.json
ours=$(( ($(count "$f" 2000) - $(count "$f" 0)) / 2000 ))
plain=$(( ($(count "$f" 2000 plain) - $(count "$f" 0 plain)) / 2000 ))
python3 -c "print(f'\nspec 000: CreateCustomer::from_json {$ours:,} instructions, plain serde {$plain:,}: {$ours / $plain:.2f}x')"
rm -rf "$dir"
