//! The machine the table was measured on, as far as Linux's /proc tells (elsewhere
//! "unknown"): a table of times means little without it.

pub struct Machine {
    host: String,
    cpu: String,
    pub cores: usize,
}

impl Machine {
    pub fn here() -> Machine {
        let read = |path: &str| std::fs::read_to_string(path).unwrap_or_default();
        let cpu = read("/proc/cpuinfo").lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            (key.trim() == "model name").then(|| value.trim().to_string())
        });
        Machine {
            host: or_unknown(read("/proc/sys/kernel/hostname").trim()),
            cpu: or_unknown(cpu.as_deref().unwrap_or_default()),
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }

    /// Host, CPU (what `lscpu` calls "Model name"), cores, and the load now.
    pub fn describe_start(&self) -> String {
        format!(
            "host {}: {}, {} cores; load average {} at the start",
            self.host,
            self.cpu,
            self.cores,
            load_average()
        )
    }

    /// The load when the measurements are done.
    pub fn describe_end(&self) -> String {
        format!("load average {} at the end", load_average())
    }
}

fn or_unknown(text: &str) -> String {
    if text.is_empty() { "unknown" } else { text }.to_string()
}

/// The 1-minute load average, from /proc/loadavg: how many processes wanted a core.
fn load_average() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    or_unknown(text.split_whitespace().next().unwrap_or_default())
}
