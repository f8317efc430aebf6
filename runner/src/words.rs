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

/// Processes of one run by their place in it (ranks first, then spawned workers, as
/// `session::RankRun::rank` numbers them), with the run's number of ranks so that each
/// can be named. Shown as "rank 1", "ranks 0 and 2", "rank 0 and spawned worker 1".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Procs {
    pub indices: Vec<usize>,
    pub np: usize,
}

impl Procs {
    pub fn len(&self) -> usize {
        self.indices.len()
    }

    pub fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }
}

impl std::fmt::Display for Procs {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&process_list(&self.indices, self.np))
    }
}

/// Which process of a run something is about: a rank, or a worker a rank spawned.
/// Shown as "rank 2" or "spawned worker 1"; `grade`'s JSON has `"rank": 2` or
/// `"worker": 1`.
#[derive(serde::Serialize)]
#[serde(untagged)]
pub enum Who {
    Rank { rank: usize },
    Worker { worker: usize },
}

impl Who {
    /// The process at `index` of a run with `np` ranks (spawned workers come after).
    pub fn of(index: usize, np: usize) -> Who {
        match index.checked_sub(np) {
            Some(worker) => Who::Worker { worker },
            None => Who::Rank { rank: index },
        }
    }
}

impl std::fmt::Display for Who {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Who::Rank { rank } => write!(f, "rank {rank}"),
            Who::Worker { worker } => write!(f, "spawned worker {worker}"),
        }
    }
}

/// The name of the process at `index` of a run whose first `np` processes are its
/// ranks and the rest workers they spawned: "rank 2", "spawned worker 0".
pub fn who(index: usize, np: usize) -> String {
    Who::of(index, np).to_string()
}

/// Processes by their place in a run, in words: "rank 1", "ranks 0 and 2", "rank 0
/// and spawned worker 1", "spawned workers 0 and 2".
pub fn process_list(indices: &[usize], np: usize) -> String {
    let (ranks, workers): (Vec<usize>, Vec<usize>) = indices.iter().partition(|&&i| i < np);
    let workers: Vec<usize> = workers.iter().map(|w| w - np).collect();
    let spawned = match workers.as_slice() {
        [] => None,
        [one] => Some(format!("spawned worker {one}")),
        many => Some(format!("spawned workers {}", join_words(many, "and"))),
    };
    match (ranks.is_empty(), spawned) {
        (_, None) => rank_list(&ranks),
        (true, Some(spawned)) => spawned,
        (false, Some(spawned)) => format!("{} and {spawned}", rank_list(&ranks)),
    }
}

/// The processes of a run in words, as [`process_list`] says them, or "the program"
/// for one that runs without MPI, which has no ranks to speak of.
pub fn processes(indices: &[usize], np: usize, mpi: bool) -> String {
    match mpi {
        true => process_list(indices, np),
        false => "the program".to_string(),
    }
}

/// What a snapshot of `count` outputs holds, the first `np` of them ranks': "2 ranks'
/// outputs", "1 rank's and 2 spawned workers' outputs".
pub fn outputs_of(count: usize, np: usize) -> String {
    let ranks = count.min(np);
    let of_ranks = match ranks {
        1 => "1 rank's".to_string(),
        n => format!("{n} ranks'"),
    };
    match count - ranks {
        0 if ranks == 1 => format!("{of_ranks} output"),
        0 => format!("{of_ranks} outputs"),
        1 => format!("{of_ranks} and 1 spawned worker's outputs"),
        w => format!("{of_ranks} and {w} spawned workers' outputs"),
    }
}

/// `text` with its first letter upper-case, for the start of a sentence.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
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

    #[test]
    fn spawned_workers_are_named_after_the_ranks() {
        assert_eq!(process_list(&[1], 2), "rank 1");
        assert_eq!(process_list(&[2], 2), "spawned worker 0");
        assert_eq!(process_list(&[0, 3, 4], 2), "rank 0 and spawned workers 1 and 2");
        assert_eq!(outputs_of(1, 1), "1 rank's output");
        assert_eq!(outputs_of(3, 1), "1 rank's and 2 spawned workers' outputs");
        assert_eq!(outputs_of(4, 4), "4 ranks' outputs");
    }
}
