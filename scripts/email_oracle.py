#!/usr/bin/env python3
"""The email oracle: Python's email-validator (pinned, default options, deliverability
checks off) gives verdicts that customer-core's `Email::parse` is compared with.

    python3 scripts/email_oracle.py [OUT]     # default OUT: tests/data/email/oracle.jsonl

It builds a corpus (ASCII grid of local/domain shapes, internationalized local parts and
domains in many scripts, mutations, whitespace and control characters, lengths at every
limit, special-use and reserved names, quoted, commented and display-name forms) and
writes one JSON array a line:

    [ADDRESS]                               refused (EmailSyntaxError)
    [ADDRESS, NORMALIZED, ASCII_DOMAIN]     valid: email-validator's `normalized` (""
                                            when it equals ADDRESS) and `ascii_domain`
                                            ("" when it equals the normalized domain)

Lines starting with `#` are a header (versions, counts). The output is deterministic:
no randomness, the corpus in a fixed order, duplicates dropped. `tests/email_oracle.rs`
reads the committed file without Python; `.ci/email.sh` regenerates it and fails on any
difference.
"""

import json
import sys
import unicodedata

import email_validator
import idna
from email_validator import EmailNotValidError, validate_email

PINNED = "2.3.0"
IDNA_PINNED = "3.20"

# ---------------------------------------------------------------------------- corpus

ASCII_LOCALS = [
    "a", "john.doe", "John.Doe", "JOHN", "a+tag", "user.name+tag+sorting", "o'brien",
    "x_y", "a-b", "1", "123456", "a!#$%&'*+-/=?^_`{|}~b", "first.middle.last", "ab.cd.ef",
    "_", "-", "~x", "postmaster", "Info", "SUPPORT",
    # invalid shapes
    ".a", "a.", "a..b", "a b", "a,b", "a;b", "a:b", "a\\b", "a[b]", "a\"b", "a<b",
    "a>b", "a(b", "a)b", "\"ab\"", "\"a b\"", "a(b)c", "(c)a", "",
]

# Domains every local part is tried with.
ASCII_DOMAINS = [
    "example.com", "EXAMPLE.COM", "Example.Com", "sub.example.co.uk", "a.io", "1.io",
    "x.y", "a.b.c.d.e.f.g", "mail-server.example.org", "123.com", "example.museum",
    "xn--bcher-kva.de", "XN--BCHER-KVA.DE", "a.xn--p1ai", "xn--fsqu00a.xn--4rr70v",
    "a--b.com", "localhost.com", "test.com", "onion.example.com",
]

# Domain shapes, mostly invalid or refused, each tried with a few local parts.
ASCII_DOMAIN_SHAPES = [
    "example", "localhost", "com", "example.123", "example.com1", "example.c1m",
    "example.co-m", "-a.com", "a-.com", "ab--c.com", "xn--abc.com", "xn--a.com",
    "xn--.com", "xn---.com", "a_b.com", "a b.com", "example.com.", ".example.com",
    "example..com", "[127.0.0.1]", "[IPv6:::1]", "x.localhost", "printer.local",
    "x.invalid", "example.test", "x.onion", "home.arpa", "x.alt", "LOCALHOST", "a.b-",
    "exa$mple.com", "exa%mple.com", "exa+mple.com", "exa'mple.com", "a.-b.com", "a.b-.com",
    "xn--bcher-kva.xn--abc", "XN--ABC.com", "xn--zz.com", "",
]

INTL_LOCALS = [
    "josé", "José", "JOSÉ", "adébáyọ̀", "ngũgĩ", "müller", "Müller", "MÜLLER", "straße",
    "STRASSE", "çelik", "İstanbul", "łódź", "Dvořák", "nguyễn", "søren", "åsa", "þór",
    "ñandú", "ŝi", "παράδειγμα", "ΟΔΟΣ", "οδοσ", "пример", "Иван", "київ", "مثال", "محمد",
    "דוגמה", "उदाहरण", "प्रिया", "উদাহরণ", "உதாரணம்", "ఉదాహరణ", "ಉದಾಹರಣೆ", "ตัวอย่าง",
    "ຕົວຢ່າງ", "用户", "用戶", "例え", "テスト", "ユーザー", "실례", "사용자", "ምሳሌ", "ნიმუში",
    "օրինակ", "ᏣᎳᎩ", "ᐃᓄᒃᑎᑐᑦ", "ꦗꦮ", "𝓊𝓈𝑒𝓇", "€uro", "a©b", "a·b", "x™", "☃", "😀",
    "a😀b", "ab̃c", "pełny.adres", "jose\u0301", "mu\u0308ller", "a\u0301\u0302",
    # invalid
    "\u0301a", "a\u200bb", "a\u200db", "a\u202eb", "a\u2028b", "a\u00a0b", "a\u3000b",
    "a\ue000b", "a\u0378b", "a\ufeffb", "a\u00adb", "a\u037eb", "a\u2024b", "é.", ".é",
    "é..b", "a\ud7ffb", "a\U000e0041b",
]

INTL_DOMAINS = [
    "bücher.de", "BÜCHER.de", "BÜCHER.DE", "bu\u0308cher.de", "münchen.de", "例子.广告",
    "例子。广告", "例子．广告", "例子｡广告", "παράδειγμα.δοκιμή", "ΠΑΡΆΔΕΙΓΜΑ.ΔΟΚΙΜΉ", "пример.рф",
    "ПРИМЕР.РФ", "例え.テスト", "مثال.إختبار", "דוגמה.טעסט", "उदाहरण.परीक्षा", "실례.테스트",
    "ตัวอย่าง.ไทย", "உதாரணம்.இந்தியா", "straße.de", "faß.de", "ｅｘａｍｐｌｅ．ｃｏｍ",
    "ＥＸＡＭＰＬＥ.com", "example.ｃｏｍ", "ejemplo.españa", "日本語.jp", "한국.kr", "中国.cn",
    "台灣.tw", "ελλάδα.gr", "україна.ua", "бг.bg", "ქართული.ge", "հայաստան.am", "ኢትዮጵያ.et",
    "भारत.in", "ভারত.bd", "ලංකා.lk", "ไทย.th", "ລາວ.la", "l·l.cat", "a·b.cat", "a͵β.gr",
    "א׳ב.il", "ア・イ.jp", "a・b.jp", "٠١٢.eg", "۰۱۲.ir", "٠۱.eg", "a\u200cb.com",
    "a\u200db.com", "☃.com", "😀.com", "i❤.ws", "a≠b.com", "\u0301a.com", "a.\u0301b.com",
    "ᄀᄁ.kr", "a\u00adb.com", "a⒈com", "a\u2024b.com", "xn--ls8h.la", "xn--n3h.com",
    "xn--bcher-kva.xn--p1ai", "xn--80ak6aa92e.com", "xn--mgbh0fb.xn--kgbechtv",
    "xn--zckzah.xn--zckzah", "xn--e1afmkfd.xn--80akhbyknj4f", "xn--bcher-kva.de.",
    "1a.مثال", "مثال1.com", "aمثال.com", "例子.广告1", "例子.1广告", "a＠b.com", "a＿b.com",
    "a\u3002\u3002b.com", "\u3002a.com", "a.com\u3002", "ß.de", "ς.gr", "σ.gr",
]

SCRIPT_SEED = ["josé@bücher.de", "用户@例子.广告", "ngozi@παράδειγμα.δοκιμή", "иван@пример.рф",
               "adébáyọ̀@example.ng", "user@bücher.de", "müller@münchen.de", "john.doe@example.com",
               "a+b@sub.example.co.uk", "o'brien@example.ie"]

# Characters inserted by the mutation pass: whitespace, controls, format, look-alikes.
INSERTS = [" ", "\t", "\n", "\r", "\x00", "\x7f", "\u00a0", "\u2028", "\u200b", "\ufeff",
           "\u202e", "\u3000", "@", "＠", "﹫", ".", "..", "-", "<", ">", "(", ")", "\"", ",",
           ";", "[", "]", "\\", "é", "\u0301", "😀", "。"]


def corpus():
    out = []
    # 1. ASCII grid.
    for local in ASCII_LOCALS:
        for domain in ASCII_DOMAINS:
            out.append(f"{local}@{domain}")
    for domain in ASCII_DOMAIN_SHAPES:
        for local in ["a", "john.doe", "x_y", "a+tag"]:
            out.append(f"{local}@{domain}")
    # 2. Internationalized local parts on a few domains.
    for local in INTL_LOCALS:
        for domain in ["example.com", "bücher.de", "例子.广告", "пример.рф", "EXAMPLE.org",
                       "παράδειγμα.δοκιμή", "उदाहरण.परीक्षा", "مثال.إختبار", "דוגמה.טעסט",
                       "실례.테스트", "ตัวอย่าง.ไทย", "ＥＸＡＭＰＬＥ.com", "xn--80ak6aa92e.com"]:
            out.append(f"{local}@{domain}")
    # 3. Internationalized domains under a few local parts.
    for domain in INTL_DOMAINS:
        for local in ["user", "José", "用户", "a.b+c"]:
            out.append(f"{local}@{domain}")
    # 4. Mutations of valid seeds: a character inserted at the start, before the @,
    #    after the @, in the middle of the domain, at the end; a character deleted.
    #    Surrounding whitespace (trimmed by us, refused by email-validator) is tried on
    #    one seed only: it is one behaviour, not one per seed.
    for n, seed in enumerate(SCRIPT_SEED):
        at = seed.index("@")
        mid = at + 1 + (len(seed) - at - 1) // 2
        for ins in INSERTS:
            ends = (0, len(seed)) if n < 1 or ins.strip() else ()
            for pos in (1, at, at + 1, mid) + ends:
                out.append(seed[:pos] + ins + seed[pos:])
        for i in range(len(seed)):
            out.append(seed[:i] + seed[i + 1:])
        out.append(seed.upper())
        out.append(seed.lower())
        out.append(unicodedata.normalize("NFD", seed))
        out.append(seed.replace("@", "@@"))
        out.append(seed.replace("@", ""))
        out.append(seed.replace(".", "。"))
        out.append(f"Name <{seed}>")
        out.append(f"<{seed}>")
        out.append(f"\"Name\" <{seed}>")
    # 5. Lengths at every limit.
    for n in (1, 63, 64, 65, 100):
        out.append("a" * n + "@example.com")
    for n in (31, 32, 33):
        out.append("é" * n + "@example.com")
        out.append("e\u0301" * n + "@example.com")  # NFC halves it
    for n in (21, 22):
        out.append("用" * n + "@example.com")  # 3 bytes each
    for n in (61, 62, 63, 64):
        out.append("a@" + "b" * n + ".com")
        out.append("a@x." + "b" * n)
    for n in (56, 57, 58, 59):
        out.append("a@" + "ü" * n + ".de")  # punycode form length around 63
    for n in (19, 20, 21, 22):
        out.append("a@" + "例" * n + ".cn")
    # Whole address 253/254/255 bytes, ASCII and with an IDN domain.
    for total in (252, 253, 254, 255, 256):
        for local in ("a", "a" * 64):
            rest = total - len(local) - 1 - 4  # "@" and ".com"
            labels = []
            while rest > 0:
                take = min(63, rest)
                if rest - take == 1:
                    take -= 1
                labels.append("b" * take)
                rest -= take + 1
            domain = ".".join(l for l in labels if l) + ".com"
            out.append(f"{local}@{domain}")
    for n in (40, 45, 50, 55):
        # Unicode domain under 254 bytes typed but longer in xn-- form.
        out.append("a" * 60 + "@" + ".".join(["ü" * 20] * (n // 20 + 1)) + ".de")
    out.append("a@" + ".".join(["b" * 63] * 4))
    out.append("a@" + ".".join(["b" * 62] * 4) + ".com")
    # 6. Special-use and reserved names.
    for name in ["localhost", "local", "invalid", "test", "onion", "arpa", "alt", "example",
                 "internal", "home.arpa", "in-addr.arpa", "ip6.arpa", "example.com",
                 "example.net", "example.org", "onion.to", "test.de", "local.de"]:
        for prefix in ["", "x.", "mail.x."]:
            out.append(f"user@{prefix}{name}")
        out.append(f"user@{name.upper()}")
    # 7. Quoted, commented, display-name, IP-literal forms.
    out += [
        "\"john\"@example.com", "\"john doe\"@example.com", "\"john@doe\"@example.com",
        "\"\"@example.com", "\"a\\\"b\"@example.com", "\"josé\"@example.com",
        "john(comment)@example.com", "(comment)john@example.com", "john@example.com(comment)",
        "john@(comment)example.com", "john@exam(ple).com", "john.(c).doe@example.com",
        "John Doe <john@example.com>", "<john@example.com>", "John <john@example.com",
        "john@example.com>", "john@[192.168.0.1]", "john@[IPv6:2001:db8::1]",
        "john@[300.1.1.1]", "john@192.168.0.1", "john@[example.com]",
        "@example.com", "john@", "@", "", " ", "john", "john@@example.com",
        "john@ex@ample.com", "jo@hn@example.com", "john.doe@example.com ",
        " john.doe@example.com", "\tjohn@example.com\n",
    ]
    seen = set()
    unique = []
    for a in out:
        if a not in seen:
            seen.add(a)
            unique.append(a)
    return unique


# ---------------------------------------------------------------------------- verdicts

def verdict(address):
    try:
        v = validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return [address]
    normalized = "" if v.normalized == address else v.normalized
    ascii_domain = "" if v.ascii_domain == v.domain else v.ascii_domain
    return [address, normalized, ascii_domain]


def main():
    if email_validator.__version__ != PINNED or idna.__version__ != IDNA_PINNED:
        sys.exit(f"need email-validator=={PINNED} and idna=={IDNA_PINNED}, "
                 f"have {email_validator.__version__} and {idna.__version__}")
    out = sys.argv[1] if len(sys.argv) > 1 else "tests/data/email/oracle.jsonl"
    rows = [verdict(a) for a in corpus()]
    valid = sum(1 for r in rows if len(r) > 1)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# email-validator {PINNED}, idna {IDNA_PINNED}, unicodedata "
                f"{unicodedata.unidata_version}: scripts/email_oracle.py\n")
        f.write(f"# {len(rows)} addresses, {valid} valid\n")
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{out}: {len(rows)} addresses, {valid} valid", file=sys.stderr)


if __name__ == "__main__":
    main()
