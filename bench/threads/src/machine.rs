//! What the machine is and how busy it was: the host, the processor, the cores, the
//! load average, and how many cores other programs kept busy during a measurement,
//! from Linux's /proc (elsewhere these say "unknown").

/// Clock ticks of CPU time: the whole machine's busy and total time (all cores, from
/// /proc/stat) and this process's own with that of its children that have ended and
/// been waited for (from /proc/self/stat; a child's count includes its own children),
/// in the same unit.
#[derive(Clone, Copy)]
pub struct Ticks {
    busy: u64,
    total: u64,
    own: u64,
}

impl Ticks {
    /// The counters now, or `None` where /proc does not have them.
    pub fn now() -> Option<Ticks> {
        let stat = read("/proc/stat");
        let cpu: Vec<u64> = stat
            .lines()
            .next()?
            .strip_prefix("cpu ")?
            .split_whitespace()
            .map(|w| w.parse().ok())
            .collect::<Option<_>>()?;
        // user nice system idle iowait irq softirq steal ...: idle and iowait are idle.
        let total: u64 = cpu.iter().take(8).sum();
        let busy = total - cpu.get(3)? - cpu.get(4)?;
        let own = read("/proc/self/stat");
        // The fields after the command name, which is in parentheses and may hold
        // blanks; utime, stime, cutime and cstime are the line's fields 14 to 17.
        let fields: Vec<&str> = own.rsplit_once(')')?.1.split_whitespace().collect();
        let own = fields
            .get(11..15)?
            .iter()
            .map(|f| f.parse::<u64>().ok())
            .sum::<Option<u64>>()?;
        Some(Ticks { busy, total, own })
    }

    /// How many cores, on average, programs other than this one kept busy between
    /// `self` and `later`.
    pub fn others_since(self, later: Ticks, cores: usize) -> f64 {
        let others = later
            .busy
            .saturating_sub(self.busy)
            .saturating_sub(later.own - self.own);
        let wall = (later.total - self.total) as f64 / cores as f64;
        if wall > 0.0 {
            others as f64 / wall
        } else {
            0.0
        }
    }
}

pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

pub fn host() -> String {
    or_unknown(read("/proc/sys/kernel/hostname").trim().to_string())
}

pub fn cpu() -> String {
    or_unknown(
        read("/proc/cpuinfo")
            .lines()
            .find_map(|l| {
                l.strip_prefix("model name")?
                    .split_once(':')
                    .map(|(_, m)| m.trim().to_string())
            })
            .unwrap_or_default(),
    )
}

/// The one-minute load average, from /proc/loadavg.
pub fn load_average() -> String {
    or_unknown(
        read("/proc/loadavg")
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string(),
    )
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

fn or_unknown(s: String) -> String {
    if s.is_empty() {
        "unknown".to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn others_are_the_busy_time_that_is_not_ours() {
        let before = Ticks {
            busy: 100,
            total: 1000,
            own: 10,
        };
        // 200 ticks of wall time on 2 cores (400 in total), 300 busy, 100 of them ours.
        let after = Ticks {
            busy: 400,
            total: 1400,
            own: 110,
        };
        assert_eq!(before.others_since(after, 2), 1.0);
    }
}
