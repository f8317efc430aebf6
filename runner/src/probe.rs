//! Small facts about this machine that the launcher and `doctor` need: what is on PATH,
//! how many cores MPI will count, whether we are root, and how software is installed
//! here (apt, dnf, Homebrew, or a cluster's modules).

use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The full path of `program` if it is on PATH.
pub fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| is_executable(candidate))
}

pub fn on_path(program: &str) -> bool {
    which(program).is_some()
}

fn is_executable(path: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

/// What a program prints (stdout then stderr), if it runs at all.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .ok()?;
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    Some(text)
}

/// What a program prints on stdout, if it runs and succeeds.
pub fn stdout_if_ok(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The first non-empty line a program prints.
pub fn first_line(program: &str, args: &[&str]) -> Option<String> {
    output(program, args)?
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(String::from)
}

/// Physical cores: what Open MPI counts as slots by default, so ranks beyond this
/// need oversubscription even where hyper-threads would make more logical CPUs.
pub fn physical_cores() -> usize {
    linux_physical_cores()
        .or_else(|| first_line("sysctl", &["-n", "hw.physicalcpu"])?.parse().ok())
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1)
}

fn linux_physical_cores() -> Option<usize> {
    let info = std::fs::read_to_string("/proc/cpuinfo").ok()?;
    let mut cores = std::collections::HashSet::new();
    let mut physical = "";
    for line in info.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        match key.trim() {
            "physical id" => physical = value.trim(),
            "core id" => {
                cores.insert((physical.to_string(), value.trim().to_string()));
            }
            _ => {}
        }
    }
    (!cores.is_empty()).then_some(cores.len())
}

pub fn is_root() -> bool {
    crate::sys::is_root()
}

/// How software gets installed on this machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// Debian, Ubuntu and their derivatives.
    Apt,
    /// Fedora, RHEL, Rocky, Alma.
    Dnf,
    /// macOS with (or in need of) Homebrew.
    Brew,
    /// A cluster: software comes from the site's environment modules.
    Modules,
    Unknown,
}

pub fn platform() -> Platform {
    if std::env::var_os("SLURM_JOB_ID").is_some()
        || std::env::var_os("MODULESHOME").is_some()
        || std::env::var_os("LMOD_CMD").is_some()
    {
        return Platform::Modules;
    }
    if cfg!(target_os = "macos") {
        return Platform::Brew;
    }
    let release = std::fs::read_to_string("/etc/os-release").unwrap_or_default();
    let ids: String = release
        .lines()
        .filter(|l| l.starts_with("ID=") || l.starts_with("ID_LIKE="))
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    if ids.contains("debian") || ids.contains("ubuntu") {
        Platform::Apt
    } else if ["fedora", "rhel", "centos", "rocky", "alma"]
        .iter()
        .any(|d| ids.contains(d))
    {
        Platform::Dnf
    } else {
        Platform::Unknown
    }
}

/// `sudo ` unless we are root already (containers, CI).
fn sudo() -> &'static str {
    if is_root() {
        ""
    } else {
        "sudo "
    }
}

/// The command that installs MPI and libclang on this platform.
pub fn install_command() -> String {
    match platform() {
        Platform::Apt => format!(
            "{}apt-get install -y openmpi-bin libopenmpi-dev libclang-dev pkg-config make",
            sudo()
        ),
        Platform::Dnf => format!(
            "{}dnf install -y openmpi openmpi-devel clang-devel pkgconf make && module load mpi/openmpi-x86_64",
            sudo()
        ),
        Platform::Brew => "brew install open-mpi pkg-config && xcode-select --install".into(),
        Platform::Modules => {
            "module load openmpi   # or your site's MPI module (`module avail mpi` lists them)".into()
        }
        Platform::Unknown => {
            "install Open MPI or MPICH (with its development files), libclang and make with your package manager"
                .into()
        }
    }
}

/// One sentence with the command that fixes a missing MPI here.
pub fn install_advice() -> String {
    format!("To install MPI, libclang and make here: {}", install_command())
}
