//! What can still follow a walk of the engine's automata: the typing support of
//! [`super::PhoneNumber::normalize_typing`].
//!
//! Every automaton of `tables.rs` (number types, general pattern, leading digits,
//! national and international prefixes) is a minimized DFA over the ten digits whose
//! states carry a label (0 when the digits read so far are not accepted). Whether the
//! digits read so far can still be completed into accepted ones is a property of the
//! state reached: can a labelled state still be reached from it (co-reachability)? With
//! it come the fewest and the most further digits to such a state, so that "too short so
//! far" and "too long" are exact for the digits typed, not bounds of the whole country.
//!
//! The facts are computed from `TRANSITIONS` and `LABELS` at first use, in one pass over
//! the states in reverse topological order (a depth-first post-order), so they hold for
//! any generated tables; they are held inline in a static (no allocation). The tables'
//! automata are acyclic (numbers have bounded lengths), except [`TAIL_ANY`], which only
//! ends a leading-digits match; a cycle, should a table ever have one, is handled by
//! repeating the pass until nothing changes and counts as unbounded.

use std::sync::OnceLock;

use super::tables::{LABELS, TAIL, TAIL_ANY, TRANSITIONS};

/// The number of DFA states.
const STATES: usize = LABELS.len();
/// [`Reach::min`] of a state from which no labelled state can be reached.
const NONE: u8 = u8::MAX;
/// [`Reach::max`] when arbitrarily many digits can follow (a [`TAIL_ANY`] or a cycle).
pub(super) const UNBOUNDED: u8 = u8::MAX;

/// The further digits a state needs to reach a labelled state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Reach {
    /// The fewest digits (0 when the state is labelled), [`NONE`] when none reach one.
    min: u8,
    /// The most digits after which a labelled state is reached, or [`UNBOUNDED`].
    max: u8,
}

impl Reach {
    /// No labelled state can be reached.
    const DEAD: Reach = Reach { min: NONE, max: 0 };

    /// Whether some continuation (possibly empty) reaches a labelled state.
    pub(super) fn live(self) -> bool {
        self.min != NONE
    }

    /// The fewest further digits to a labelled state, when one can be reached.
    pub(super) fn min(self) -> Option<usize> {
        self.live().then_some(usize::from(self.min))
    }

    /// The most further digits to a labelled state (`None` when unbounded or dead).
    pub(super) fn max(self) -> Option<usize> {
        (self.live() && self.max != UNBOUNDED).then_some(usize::from(self.max))
    }

    /// This reach, one digit earlier (the digit that leads to it).
    fn before(self) -> Reach {
        if !self.live() {
            return Reach::DEAD;
        }
        Reach {
            min: self.min.saturating_add(1).min(NONE - 1),
            max: self.max.saturating_add(1),
        }
    }

    /// Both continuations allowed.
    fn either(self, other: Reach) -> Reach {
        match (self.live(), other.live()) {
            (false, _) => other,
            (_, false) => self,
            _ => Reach {
                min: self.min.min(other.min),
                max: self.max.max(other.max),
            },
        }
    }
}

/// The target of a transition that is neither dead nor a tail.
fn target(state: u16, next: u16) -> u16 {
    state.wrapping_sub(next) & !TAIL
}

/// The reach of a tail transition's landing (`TAIL | k << 5 | label`), counted after
/// its digit.
fn tail_reach(code: u16) -> Reach {
    let k = (code >> 5) & 31;
    if code & 31 == 0 {
        Reach::DEAD
    } else if k == TAIL_ANY {
        Reach {
            min: 0,
            max: UNBOUNDED,
        }
    } else {
        let k = u8::try_from(k).unwrap_or(NONE - 1);
        Reach { min: k, max: k }
    }
}

/// The reach of `state` from its successors' reaches.
fn reach_of(state: usize, facts: &[Reach; STATES]) -> Reach {
    let own = match LABELS.get(state) {
        Some(&label) if label != 0 => Reach { min: 0, max: 0 },
        _ => Reach::DEAD,
    };
    let Some(row) = TRANSITIONS.get(state) else {
        return Reach::DEAD;
    };
    let from = u16::try_from(state).unwrap_or(u16::MAX);
    row.iter().fold(own, |acc, &next| {
        let after = if next == 0 {
            Reach::DEAD
        } else if next & TAIL != 0 {
            tail_reach(next)
        } else {
            facts
                .get(usize::from(target(from, next)))
                .copied()
                .unwrap_or(Reach::DEAD)
        };
        acc.either(after.before())
    })
}

/// The states in depth-first post-order (successors before the states leading to them,
/// when there is no cycle).
fn post_order() -> [u16; STATES] {
    const WHITE: u8 = 0;
    const GREY: u8 = 1;
    const BLACK: u8 = 2;
    let mut order = [0u16; STATES];
    let mut placed = 0usize;
    let mut color = [WHITE; STATES];
    // (state, next digit to look at)
    let mut stack = [(0u16, 0u8); STATES];
    for root in 0..STATES {
        if color.get(root) != Some(&WHITE) {
            continue;
        }
        let mut depth = 0usize;
        let Ok(root) = u16::try_from(root) else { break };
        if let (Some(slot), Some(c)) = (stack.get_mut(0), color.get_mut(usize::from(root))) {
            *slot = (root, 0);
            *c = GREY;
            depth = 1;
        }
        while let Some(top) = depth.checked_sub(1).and_then(|i| stack.get_mut(i)) {
            let (state, digit) = *top;
            let next = TRANSITIONS
                .get(usize::from(state))
                .and_then(|row| row.get(usize::from(digit)))
                .copied();
            match next {
                Some(next) => {
                    top.1 = digit.saturating_add(1);
                    if next == 0 || next & TAIL != 0 {
                        continue;
                    }
                    let t = target(state, next);
                    if color.get(usize::from(t)) == Some(&WHITE)
                        && let (Some(c), Some(slot)) =
                            (color.get_mut(usize::from(t)), stack.get_mut(depth))
                    {
                        *c = GREY;
                        *slot = (t, 0);
                        depth = depth.saturating_add(1);
                    }
                }
                None => {
                    if let (Some(c), Some(slot)) =
                        (color.get_mut(usize::from(state)), order.get_mut(placed))
                    {
                        *c = BLACK;
                        *slot = state;
                        placed = placed.saturating_add(1);
                    }
                    depth = depth.saturating_sub(1);
                }
            }
        }
    }
    order
}

/// Every state's reach.
fn compute() -> [Reach; STATES] {
    let order = post_order();
    let mut facts = [Reach::DEAD; STATES];
    // One pass settles an acyclic table; a cycle needs more (bounded: each pass either
    // changes nothing or raises some `max` toward UNBOUNDED or lowers some `min`).
    for _ in 0..=usize::from(u8::MAX) {
        let mut changed = false;
        for &state in &order {
            let state = usize::from(state);
            let new = reach_of(state, &facts);
            if let Some(slot) = facts.get_mut(state)
                && *slot != new
            {
                *slot = new;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    facts
}

static FACTS: OnceLock<[Reach; STATES]> = OnceLock::new();

/// Every state's reach, computed at first use.
fn facts() -> &'static [Reach; STATES] {
    FACTS.get_or_init(compute)
}

/// Where a walk of an automaton stands after some digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Walk {
    /// At a state.
    At(u16),
    /// In a tail: `label` after exactly `left` more digits (any number for [`TAIL_ANY`]).
    Tail {
        /// The label at its end.
        label: u8,
        /// The digits still to come, or [`TAIL_ANY`].
        left: u16,
    },
    /// No digits that follow can be accepted.
    Dead,
}

impl Walk {
    /// The walk after one more digit (an ASCII digit; anything else is dead).
    pub(super) fn step(self, digit: u8) -> Walk {
        match self {
            Walk::Dead => Walk::Dead,
            Walk::Tail { label, left } => {
                if !digit.is_ascii_digit() {
                    Walk::Dead
                } else if left == TAIL_ANY {
                    self
                } else {
                    match left.checked_sub(1) {
                        Some(left) => Walk::Tail { label, left },
                        None => Walk::Dead,
                    }
                }
            }
            Walk::At(state) => {
                let next = TRANSITIONS
                    .get(usize::from(state))
                    .and_then(|row| row.get(usize::from(digit.wrapping_sub(b'0'))))
                    .copied()
                    .unwrap_or(0);
                if next == 0 {
                    Walk::Dead
                } else if next & TAIL != 0 {
                    Walk::Tail {
                        label: u8::try_from(next & 31).unwrap_or(0),
                        left: (next >> 5) & 31,
                    }
                } else {
                    Walk::At(target(state, next))
                }
            }
        }
    }

    /// The walk from `start` over `digits`.
    pub(super) fn over(start: u16, digits: &[u8]) -> Walk {
        digits.iter().fold(Walk::At(start), |walk, &d| walk.step(d))
    }

    /// The label where the walk stands (0: not accepted).
    pub(super) fn label(self) -> u8 {
        match self {
            Walk::At(state) => LABELS.get(usize::from(state)).copied().unwrap_or(0),
            Walk::Tail { label, left } if left == 0 || left == TAIL_ANY => label,
            Walk::Tail { .. } | Walk::Dead => 0,
        }
    }

    /// What can still follow.
    pub(super) fn reach(self) -> Reach {
        match self {
            Walk::At(state) => facts()
                .get(usize::from(state))
                .copied()
                .unwrap_or(Reach::DEAD),
            Walk::Tail { label: 0, .. } | Walk::Dead => Reach::DEAD,
            Walk::Tail { left, .. } if left == TAIL_ANY => Reach {
                min: 0,
                max: UNBOUNDED,
            },
            Walk::Tail { left, .. } => {
                let left = u8::try_from(left).unwrap_or(NONE - 1);
                Reach {
                    min: left,
                    max: left,
                }
            }
        }
    }

    /// The fewest digits that take the walk to a labelled state, appended to `out`
    /// (`None` when there are none, or they do not fit).
    pub(super) fn shortest<const N: usize>(
        self,
        out: &mut super::normalize::Digits<N>,
    ) -> Option<()> {
        let mut walk = self;
        let mut need = walk.reach().min()?;
        while need > 0 {
            let next = (b'0'..=b'9').find_map(|d| {
                let after = walk.step(d);
                (after.reach().min() == need.checked_sub(1)).then_some((d, after))
            })?;
            out.push(next.0)?;
            walk = next.1;
            need = need.checked_sub(1)?;
        }
        Some(())
    }
}

/// The longest prefix of `digits` after which the walk from `start` is still live: its
/// length and the walk there.
pub(super) fn live_prefix(start: u16, digits: &[u8]) -> (usize, Walk) {
    let mut walk = Walk::At(start);
    for (i, &d) in digits.iter().enumerate() {
        let next = walk.step(d);
        if !next.reach().live() {
            return (i, walk);
        }
        walk = next;
    }
    (digits.len(), walk)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::phone::engine::walk;

    /// The reach by brute force: every continuation of up to `depth` digits.
    fn brute(walk_now: Walk, depth: usize) -> Reach {
        let own = if walk_now.label() != 0 {
            Reach { min: 0, max: 0 }
        } else {
            Reach::DEAD
        };
        if depth == 0 || walk_now == Walk::Dead {
            return own;
        }
        (b'0'..=b'9').fold(own, |acc, d| {
            acc.either(brute(walk_now.step(d), depth - 1).before())
        })
    }

    #[test]
    fn reach_is_what_brute_force_finds() {
        // States near the ends of numbers: all continuations up to 4 digits.
        let facts = facts();
        let mut checked = 0;
        for (state, fact) in facts.iter().enumerate() {
            let Some(max) = fact.max() else { continue };
            if max > 4 {
                continue;
            }
            let state = u16::try_from(state).unwrap();
            assert_eq!(brute(Walk::At(state), 4), *fact, "state {state}");
            checked += 1;
        }
        assert!(checked > 500, "{checked}");
    }

    #[test]
    fn walks_agree_with_the_engine() {
        let ng = crate::field::phone::engine::entity_of(*b"NG").unwrap();
        for digits in [
            "8012345678",
            "801234567",
            "80123456789",
            "1",
            "",
            "70312345678",
        ] {
            assert_eq!(
                Walk::over(ng.start, digits.as_bytes()).label(),
                walk(ng.start, digits.as_bytes()),
                "{digits}"
            );
        }
        let w = Walk::over(ng.start, b"801234");
        assert_eq!(w.reach().min(), Some(4));
        let mut out = crate::field::phone::normalize::Digits::<8>::EMPTY;
        w.shortest(&mut out).unwrap();
        assert_eq!(out.as_bytes().len(), 4);
        let mut full = b"801234".to_vec();
        full.extend_from_slice(out.as_bytes());
        assert_ne!(walk(ng.start, &full), 0);
        assert!(!Walk::over(ng.start, b"80123456789").reach().live());
        assert_eq!(
            live_prefix(ng.start, b"80123456789"),
            (10, Walk::over(ng.start, b"8012345678"))
        );
    }

    proptest::proptest! {
        /// Live exactly when the shortest continuation is accepted; dead walks accept
        /// no continuation of a few digits.
        #[test]
        fn live_walks_complete(region in 0usize..245, digits in "[0-9]{0,12}") {
            let (_, entity) = super::super::tables::REGIONS[region % super::super::tables::REGIONS.len()];
            let entity = &super::super::tables::ENTITIES[usize::from(entity)];
            let w = Walk::over(entity.start, digits.as_bytes());
            if w.reach().live() {
                let mut out = crate::field::phone::normalize::Digits::<32>::EMPTY;
                w.shortest(&mut out).unwrap();
                let mut full = digits.clone().into_bytes();
                full.extend_from_slice(out.as_bytes());
                proptest::prop_assert!(walk(entity.start, &full) != 0);
            } else {
                proptest::prop_assert_eq!(brute(w, 3), Reach::DEAD);
            }
        }
    }
}
