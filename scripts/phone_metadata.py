#!/usr/bin/env python3
"""Dumps libphonenumber's metadata, as its Python port `phonenumbers` ships it, to JSON for
`cargo xtask phone-tables` (xtask/src/phone_source.rs), which compiles it into the phone
tables and the example numbers.

    python3 scripts/phone_metadata.py VERSION [OUT]      # OUT: stdout when left out

VERSION is the release the caller pinned: the script refuses any other installed version.
The JSON is one object:

    {"version": "9.0.43",
     "calling_codes": [{"code": 1, "entities": [ENTITY, ...]}, ...]}

Calling codes ascending; a code's entities in libphonenumber's order
(`COUNTRY_CODE_TO_REGION_CODE`: the main country first), which is the order
`getRegionCodeForNumberFromRegionList` tries them in. An ENTITY is one `PhoneMetadata`:

    {"id": "GB" | "001", "country_code": 44, "main_country_for_code": true,
     "international_prefix": "00" | null, "national_prefix": "0" | null,
     "national_prefix_for_parsing": "0|180020" | null,
     "national_prefix_transform_rule": null, "leading_digits": "7" | null,
     "general": DESC, "fixed_line": DESC | null, "mobile": ..., "toll_free": ...,
     "premium_rate": ..., "shared_cost": ..., "personal_number": ..., "voip": ...,
     "pager": ..., "uan": ..., "voicemail": ...}

and a DESC one `PhoneNumberDesc`: `{"pattern": "...", "example": "..." | null,
"lengths": [9, 10], "local_lengths": [4]}`. A type whose description is absent or has no
pattern never matches (libphonenumber `_match_national_number`): it is null. Patterns and
rules are the port's strings, unchanged.
"""

import json
import sys

import phonenumbers
from phonenumbers import PhoneMetadata

TYPES = [
    "fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost",
    "personal_number", "voip", "pager", "uan", "voicemail",
]


def desc(d):
    if d is None or not d.national_number_pattern:
        return None
    return {
        "pattern": d.national_number_pattern,
        "example": d.example_number or None,
        "lengths": sorted(d.possible_length or ()),
        "local_lengths": sorted(d.possible_length_local_only or ()),
    }


def entity(md):
    out = {
        "id": md.id,
        "country_code": md.country_code,
        "main_country_for_code": bool(md.main_country_for_code),
        "international_prefix": md.international_prefix or None,
        "national_prefix": md.national_prefix or None,
        "national_prefix_for_parsing": md.national_prefix_for_parsing or None,
        "national_prefix_transform_rule": md.national_prefix_transform_rule or None,
        "leading_digits": md.leading_digits or None,
        "general": desc(md.general_desc),
    }
    for t in TYPES:
        out[t] = desc(getattr(md, t))
    return out


def dump(version):
    if phonenumbers.__version__ != version:
        sys.exit(f"phonenumbers {phonenumbers.__version__} installed, {version} pinned")
    codes = []
    for cc in sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE):
        entities = []
        for region in phonenumbers.COUNTRY_CODE_TO_REGION_CODE[cc]:
            if region == "001":
                md = PhoneMetadata.metadata_for_nongeo_region(cc)
            else:
                md = PhoneMetadata.metadata_for_region(region)
            if md is None:
                sys.exit(f"no metadata for {region} (+{cc})")
            if md.country_code != cc:
                sys.exit(f"{region}: country code {md.country_code}, listed under {cc}")
            if md.general_desc is None or not md.general_desc.national_number_pattern:
                sys.exit(f"{region} (+{cc}) has no general description")
            entities.append(entity(md))
        codes.append({"code": cc, "entities": entities})
    return {"version": version, "calling_codes": codes}


def main(argv):
    if len(argv) not in (1, 2):
        sys.exit(__doc__)
    text = json.dumps(dump(argv[0]), indent=1, sort_keys=True) + "\n"
    if len(argv) == 2:
        with open(argv[1], "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main(sys.argv[1:])
