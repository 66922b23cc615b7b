#!/usr/bin/env python3
"""The phone oracle: Google's libphonenumber (its Python port, at the release pinned in
scripts/phone-requirements.txt, the tables' own) gives verdicts that customer-core's phone
engine must reproduce exactly.

    python3 scripts/phone_oracle.py fixture [OUT]        # examples + mutations (committed)
    python3 scripts/phone_oracle.py random N SEED OUT [--seconds S] [--jobs J]
    python3 scripts/phone_oracle.py normalize [OUT]      # typed forms (committed)

Each output line is one E.164 number, space-separated:

    DIGITS VALID REGION TYPE FOR

- DIGITS: the E.164 digits without `+`;
- VALID: 1 if `is_valid_number`, else 0;
- REGION: `region_code_for_number` when valid (`001` non-geographic), else `-`;
- TYPE: `number_type` name when valid (`MOBILE`…), else `-`;
- FOR: the regions for which `is_valid_number_for_region` is true (`FI,AX`), or `-`.
  Only regions of the number's calling code can be; 001 is left out.

A strict E.164 string denotes the PhoneNumber with the calling code (the 1-3 digit
prefix that libphonenumber knows, as `extractCountryCode`) and the rest as national
significant number, leading zeros kept (`italian_leading_zero`,
`number_of_leading_zeros`). It is built directly, not through `parse`, because `parse`
would also strip a national prefix (`+44 0…`), which a strict E.164 API must not do.
"""

import multiprocessing
import os
import random
import sys
import time

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumber, PhoneNumberType


def _pinned():
    """The `phonenumbers` release pinned in scripts/phone-requirements.txt (the one the
    phone tables are generated from: `cargo xtask phone-tables`)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "phone-requirements.txt")
    with open(path) as f:
        for line in f:
            if line.strip().startswith("phonenumbers=="):
                return line.strip()[len("phonenumbers=="):]
    sys.exit(f"{path} pins no phonenumbers==VERSION")


PINNED = _pinned()

TYPE_ATTRS = [
    "fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "voip",
    "personal_number", "pager", "uan", "voicemail",
]
TYPE_NAMES = {
    v: k for k, v in vars(PhoneNumberType).items() if k.isupper() and isinstance(v, int)
}
CC_MAP = phonenumbers.COUNTRY_CODE_TO_REGION_CODE


def split(digits):
    for n in (1, 2, 3):
        cc = int(digits[:n])
        if cc in CC_MAP:
            return cc, digits[n:]
    return None, None


def number(cc, nsn):
    num = PhoneNumber(country_code=cc, national_number=int(nsn))
    if len(nsn) > 1 and nsn[0] == "0":
        num.italian_leading_zero = True
        zeros = 1
        while zeros < len(nsn) - 1 and nsn[zeros] == "0":
            zeros += 1
        if zeros != 1:
            num.number_of_leading_zeros = zeros
    assert phonenumbers.national_significant_number(num) == nsn, (cc, nsn)
    return num


def verdict(digits):
    cc, nsn = split(digits)
    if cc is None:
        return f"{digits} 0 - - -"
    regions = [r for r in CC_MAP[cc] if r != "001"]
    if not nsn:
        return f"{digits} 0 - - -"
    num = number(cc, nsn)
    valid = phonenumbers.is_valid_number(num)
    region = phonenumbers.region_code_for_number(num) if valid else "-"
    kind = TYPE_NAMES[phonenumbers.number_type(num)] if valid else "-"
    flags = ",".join(
        r for r in regions if phonenumbers.is_valid_number_for_region(num, r)
    ) or "-"
    return f"{digits} {int(valid)} {region or '-'} {kind} {flags}"


def all_metadata():
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        yield PhoneMetadata.metadata_for_region(region)
    for cc in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS):
        yield PhoneMetadata.metadata_for_nongeo_region(cc)


def mutations(digits, rng):
    """A digit dropped, added and changed, each at every position of the number."""
    out = set()
    for i in range(len(digits)):
        out.add(digits[:i] + digits[i + 1:])
        out.add(digits[:i] + rng.choice("0123456789") + digits[i:])
        out.add(digits[:i] + rng.choice([d for d in "0123456789" if d != digits[i]])
                + digits[i + 1:])
    out.add(digits + rng.choice("0123456789"))
    return {d for d in out if d and d[0] != "0" and len(d) <= 15}


def fixture(out):
    rng = random.Random(4)
    numbers = set()
    for md in all_metadata():
        for attr in TYPE_ATTRS:
            desc = getattr(md, attr)
            if desc is None or not desc.example_number:
                continue
            digits = f"{md.country_code}{desc.example_number}"
            numbers.add(digits)
            numbers |= mutations(digits, rng)
    # The cases and a few edge cases.
    numbers |= {"447911123456", "358412345678", "14165550123", "390212345678",
                "2348012345678", "79123456789", "999123456", "1", "44", "3900",
                "39000000000", "221304322687"}
    write(out, sorted(numbers))


def write(out, numbers):
    with open(out, "w") as f:
        f.write(f"# phonenumbers {phonenumbers.__version__}: DIGITS VALID REGION TYPE FOR "
                "(see scripts/phone_oracle.py)\n")
        for digits in numbers:
            f.write(verdict(digits) + "\n")


def random_numbers(n, seed):
    """Random strict E.164 digits: mostly an assigned calling code and a national number
    near a possible length (where the engine can go wrong), some fully random."""
    rng = random.Random(seed)
    codes = sorted(CC_MAP)
    lengths = {}
    for cc in codes:
        md = PhoneMetadata.metadata_for_region_or_calling_code(cc, CC_MAP[cc][0])
        lens = set(md.general_desc.possible_length or ()) if md else set()
        lengths[cc] = sorted(lens | {l - 1 for l in lens} | {l + 1 for l in lens}) or [8]
    for _ in range(n):
        if rng.random() < 0.1:
            size = rng.randint(1, 15)
            yield str(rng.randint(1, 9)) + "".join(rng.choice("0123456789")
                                                   for _ in range(size - 1))
            continue
        cc = rng.choice(codes)
        size = rng.choice(lengths[cc])
        nsn = "".join(rng.choice("0123456789") for _ in range(size))
        yield (str(cc) + nsn)[:15]


def _work(args):
    chunk, deadline = args
    if time.time() > deadline:
        return []
    return [verdict(d) for d in chunk]


def random_file(n, seed, out, seconds, jobs):
    deadline = time.time() + seconds
    numbers = list(random_numbers(n, seed))
    chunks = [(numbers[i:i + 5000], deadline) for i in range(0, len(numbers), 5000)]
    done = 0
    with multiprocessing.Pool(jobs) as pool, open(out, "w") as f:
        f.write(f"# phonenumbers {phonenumbers.__version__} random seed {seed}\n")
        for lines in pool.imap(_work, chunks):
            for line in lines:
                f.write(line + "\n")
            done += len(lines)
    print(f"phone_oracle: {done} of {n} random numbers judged "
          f"(bound {seconds} s) -> {out}", file=sys.stderr)


DIALLING_FROM = ["US", "GB", "NG", "DE", "FR", "JP", "RU", "AU", "BR", "CN", "IN", "ZA"]


def parse_verdict(text, region):
    """`parse(text, region)`: `+E164` if valid, `!+E164` if read but invalid, `ERR`."""
    try:
        num = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return "ERR"
    e164 = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    return e164 if phonenumbers.is_valid_number(num) else "!" + e164


def normalize_fixture(out):
    """Example numbers as people type them: national and international formats, dialled
    from other countries (international prefix), and with a digit dropped or added."""
    rng = random.Random(44)
    fmt = phonenumbers.PhoneNumberFormat
    cases = set()
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        md = PhoneMetadata.metadata_for_region(region)
        for attr in TYPE_ATTRS:
            desc = getattr(md, attr)
            if desc is None or not desc.example_number:
                continue
            num = number(md.country_code, desc.example_number)
            national = phonenumbers.format_number(num, fmt.NATIONAL)
            cases.add((region, national))
            cases.add((region, phonenumbers.format_number(num, fmt.INTERNATIONAL)))
            cases.add((region, f"{md.country_code} {desc.example_number}"))
            for src in rng.sample(DIALLING_FROM, 3):
                cases.add((src, phonenumbers.format_out_of_country_calling_number(num, src)))
            digits = [i for i, c in enumerate(national) if c.isdigit()]
            if digits:
                i = rng.choice(digits)
                cases.add((region, national[:i] + national[i + 1:]))
                cases.add((region, national[:i] + rng.choice("0123456789") + national[i:]))
    with open(out, "w") as f:
        f.write(f"# phonenumbers {phonenumbers.__version__}: REGION<TAB>INPUT<TAB>PARSE "
                "(+E164 valid, !+E164 read but invalid, ERR; see scripts/phone_oracle.py)\n")
        for region, text in sorted(cases):
            if "\t" in text or not text.strip():
                continue
            f.write(f"{region}\t{text}\t{parse_verdict(text, region)}\n")


def main(argv):
    if phonenumbers.__version__ != PINNED:
        sys.exit(f"phonenumbers {phonenumbers.__version__} found, {PINNED} required")
    if len(argv) >= 1 and argv[0] == "fixture":
        fixture(argv[1] if len(argv) > 1 else "tests/data/phone/oracle.txt")
    elif len(argv) >= 1 and argv[0] == "normalize":
        normalize_fixture(argv[1] if len(argv) > 1 else "tests/data/phone/normalize.txt")
    elif len(argv) >= 4 and argv[0] == "random":
        opts = dict(zip(argv[4::2], argv[5::2]))
        random_file(int(argv[1]), int(argv[2]), argv[3],
                    float(opts.get("--seconds", "1e9")),
                    int(opts.get("--jobs", str(os.cpu_count() or 1))))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
