//! Suggestions for mistyped keys and words: the known one a person most likely meant, by case, prefix or edit distance.

/// No key or word is longer than 20 characters; longer input is no typo of one.
const CHARS_MAX: usize = 32;

/// The candidate `given` most likely meant, if any: the same word in another
/// case, else one that starts with it (`min` → `min_workers`), else the
/// closest within two edits (`strategi` → `strategy`).
pub(super) fn closest<'a>(
    given: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    // Checked on bytes first, so a huge value is not lowercased only to be refused.
    if given.len() > CHARS_MAX * 4 {
        return None;
    }
    let given: Vec<char> = given.to_lowercase().chars().collect();
    if given.is_empty() || given.len() > CHARS_MAX {
        return None;
    }
    // Lower rank is better: 0 same word, 1 prefix, then 2 + edit distance.
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let candidate_chars: Vec<char> = candidate.chars().collect();
        let distance = edit_distance(&given, &candidate_chars);
        let rank = if distance == 0 {
            0
        } else if given.len() >= 3 && candidate_chars.starts_with(&given) {
            1
        } else if distance <= 2 && distance < given.len() {
            2 + distance
        } else {
            continue;
        };
        if best.is_none_or(|(best_rank, _)| rank < best_rank) {
            best = Some((rank, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Levenshtein distance: insertions, deletions and substitutions each cost one.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_edits() {
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(edit_distance(&chars("strategi"), &chars("strategy")), 1);
        assert_eq!(edit_distance(&chars(""), &chars("abc")), 3);
        assert_eq!(edit_distance(&chars("kitten"), &chars("sitting")), 3);
    }

    #[test]
    fn the_same_word_beats_a_prefix_and_a_prefix_beats_a_typo() {
        let keys = ["workers", "min_workers", "max_workers"];
        assert_eq!(closest("WORKERS", keys.into_iter()), Some("workers"));
        assert_eq!(closest("min", keys.into_iter()), Some("min_workers"));
        assert_eq!(closest("workrs", keys.into_iter()), Some("workers"));
        assert_eq!(closest("zzz", keys.into_iter()), None);
    }
}
