//! English for reports: lists of ranks and counts in words ("ranks 0, 1 and 3", "4 ranks",
//! "1 line"), shared by every module that writes a sentence about ranks.

pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// "it" or "them", for `count` ranks.
pub fn pronoun(count: usize) -> &'static str {
    if count == 1 {
        "it"
    } else {
        "them"
    }
}

/// "1 line", "50000 lines".
pub fn count_lines(n: usize) -> String {
    format!("{n} line{}", plural(n))
}

/// "ranks 1 and 3", "rank 2", "ranks 0, 1 and 2".
pub fn rank_list(ranks: &[usize]) -> String {
    match ranks {
        [] => "no rank".into(),
        [one] => format!("rank {one}"),
        _ => format!("ranks {}", join_words(ranks, "and")),
    }
}

/// An English list: "4", "4 or 2", "4, 3 or 2" (with `last` = "or").
pub fn join_words(items: &[impl std::fmt::Display], last: &str) -> String {
    let words: Vec<String> = items.iter().map(ToString::to_string).collect();
    match words.split_last() {
        Some((tail, init)) if !init.is_empty() => format!("{} {last} {tail}", init.join(", ")),
        _ => words.concat(),
    }
}

/// `1 rank`, `4 ranks`.
pub fn ranks_phrase(count: usize) -> String {
    if count == 1 {
        "1 rank".to_string()
    } else {
        format!("{count} ranks")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_words_as_english_does() {
        assert_eq!(join_words(&[4], "or"), "4");
        assert_eq!(join_words(&[4, 2], "or"), "4 or 2");
        assert_eq!(join_words(&["a", "b", "c"], "and"), "a, b and c");
    }

    #[test]
    fn lists_ranks_in_words() {
        assert_eq!(rank_list(&[2]), "rank 2");
        assert_eq!(rank_list(&[1, 3]), "ranks 1 and 3");
        assert_eq!(rank_list(&[0, 1, 2]), "ranks 0, 1 and 2");
    }
}
