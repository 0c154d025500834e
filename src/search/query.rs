//! The words of a search query as the ranking sees them (folded as indexed, the last one a
//! prefix while it is being typed) and the typo distance between two words. The ranking
//! rules themselves are in `rank.rs`.

use super::analysis::{MAX_TOKEN_BYTES, fold};

/// A query's words, folded: (form, whether it is a prefix).
pub fn query_words(query: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut push = |word: &str, prefix: bool| {
        if word.len() < MAX_TOKEN_BYTES {
            let lowered: String = word.chars().flat_map(char::to_lowercase).collect();
            out.push((fold(&lowered), prefix));
        }
    };
    for (i, c) in query.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push(&query[s..i], false);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(&query[s..], true);
    }
    out
}

/// Typos allowed in a word of `letters` letters.
pub fn max_typos(letters: usize) -> usize {
    match letters {
        0..5 => 0,
        5..9 => 1,
        _ => 2,
    }
}

/// Levenshtein distance with swaps of neighbours (optimal string alignment), or `None`
/// past `max`.
pub fn distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * w] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    Some(d[a.len() * w + b.len()]).filter(|v| *v <= max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_count_swaps_as_one() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(distance(&c("farinelli"), &c("farinvlli"), 2), Some(1));
        assert_eq!(distance(&c("cinema"), &c("cinmea"), 1), Some(1));
        assert_eq!(distance(&c("cinema"), &c("cniema"), 1), Some(1));
        assert_eq!(distance(&c("cinema"), &c("kinama"), 1), None);
        assert_eq!(max_typos(4), 0);
        assert_eq!(max_typos(5), 1);
        assert_eq!(max_typos(9), 2);
    }

    #[test]
    fn a_query_is_folded_and_its_last_word_is_a_prefix() {
        assert_eq!(
            query_words("Cléo de 5 à"),
            [
                ("cleo".to_string(), false),
                ("de".into(), false),
                ("5".into(), false),
                ("a".into(), true)
            ]
        );
        assert!(query_words("Sing ").iter().all(|(_, p)| !p));
    }
}
