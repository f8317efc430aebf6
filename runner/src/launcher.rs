//! Choosing and driving the MPI launcher. Attendees bring Open MPI, MPICH or Intel MPI on
//! laptops and `srun` on clusters; each needs its own flags, and the runner must never
//! assume one of them. A launcher is chosen by `--launcher`/`WORKBOOK_LAUNCHER` (a name,
//! or a command template such as `srun --mpi=pmix -n {np}`), else detected: `srun`
//! inside a SLURM allocation, else whatever `mpiexec --version` says it is. A cluster's
//! own flags and hostfile ([`Extras`]) are added where each launcher wants them.

use crate::mpi_family::Mpi;
use crate::probe;
use anyhow::{bail, Context, Result};
use std::env::VarError;
use std::path::{Path, PathBuf};
use std::process::Command;

/// How the ranks are started. Which MPI a launcher belongs to is a separate fact
/// ([`Launcher::mpi`]): srun and a site's template serve whatever MPI the program links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Starter {
    /// An MPI's mpiexec (Open MPI's, Hydra for MPICH and Intel MPI, or one that does
    /// not say what it is, used with `-n` only).
    Mpiexec,
    /// SLURM's srun, inside an allocation.
    Srun,
    /// A site's command template; used as given.
    Template,
}

/// What a launch command depends on besides the launcher: read once, when the launcher
/// is chosen, not at every launch.
#[derive(Debug, Clone, Copy)]
struct Machine {
    physical_cores: usize,
    /// Open MPI refuses to run as root without `--allow-run-as-root` (containers, CI).
    as_root: bool,
}

impl Machine {
    fn read() -> Machine {
        Machine {
            physical_cores: probe::physical_cores(),
            as_root: probe::is_root(),
        }
    }
}

/// What a cluster adds to every launch: `--launcher-arg`s (and `WORKBOOK_LAUNCHER_ARGS`)
/// and a `--hostfile` (or `WORKBOOK_HOSTFILE`). The runner cannot guess a site's
/// binding, network or node choices, so it passes them on. The two sources of
/// arguments are kept apart so that a message can name the one to fix.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// [`ARGS_VARIABLE`]'s, split as a shell would: a site sets them, so they come first.
    pub env_args: Vec<String>,
    /// The `--launcher-arg`s, one argument each, as given.
    pub cli_args: Vec<String>,
    /// The hosts to run on, in the launcher's own hostfile format.
    pub hostfile: Option<PathBuf>,
}

/// The environment variable with a site's launcher arguments.
const ARGS_VARIABLE: &str = "WORKBOOK_LAUNCHER_ARGS";

/// The environment variable with a launcher name or template (clap reads it as `--launcher`).
const LAUNCHER_VARIABLE: &str = "WORKBOOK_LAUNCHER";

/// The most ranks `--np` accepts. Every rank is a process of its own on this machine
/// (or allocation) and gets a line or a diff of its own in a report; the exercises are
/// written for a handful of ranks, and 256 is already a few nodes of a cluster. A slip
/// such as `--np 100000` would otherwise try to start a hundred thousand processes and
/// print megabytes of "never started".
const MAX_RANKS: usize = 256;

/// The longest `--timeout`, a day: an exercise runs for seconds, so a run still going
/// after a day is hung, and a larger number is a slip (milliseconds meant as seconds).
const MAX_TIMEOUT_SECS: u64 = 24 * 60 * 60;

/// Parses `--np`: a whole number of ranks from 1 to [`MAX_RANKS`]. Refused at parsing,
/// with the range and why, so that no build or launch starts for a count that cannot run.
pub fn parse_ranks(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_RANKS).contains(&n) => Ok(n),
        _ => Err(format!(
            "--np takes a number of ranks from 1 to {MAX_RANKS}: a run needs at least one rank, \
             and every rank is a process of its own with a report of its own"
        )),
    }
}

/// Parses `--timeout`: whole seconds from 1 to [`MAX_TIMEOUT_SECS`]. 0 would stop every
/// run before its ranks could print, and would be reported as the learner's hang.
pub fn parse_timeout(text: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(secs) if (1..=MAX_TIMEOUT_SECS).contains(&secs) => Ok(secs),
        _ => Err(format!(
            "--timeout takes whole seconds from 1 to {MAX_TIMEOUT_SECS} (a day): 0 would stop \
             every run before it starts, and a run still going after a day is hung"
        )),
    }
}

impl Extras {
    /// The extras of this run: [`ARGS_VARIABLE`]'s arguments, split as a shell splits
    /// words (so that `--map-by 'ppr:2:node'` or `-x A=1\ 2` say what they would say
    /// in a job script), then the command line's `cli_args`, and the `hostfile`.
    pub fn from_env(cli_args: &[String], hostfile: Option<PathBuf>) -> Result<Extras> {
        let env_args = match std::env::var(ARGS_VARIABLE) {
            Ok(text) => split_words(&text, ARGS_VARIABLE)?,
            Err(VarError::NotPresent) => Vec::new(),
            Err(VarError::NotUnicode(_)) => {
                bail!("{ARGS_VARIABLE} is not valid UTF-8: set it again with plain text, or unset it")
            }
        };
        Ok(Extras {
            env_args,
            cli_args: cli_args.to_vec(),
            hostfile,
        })
    }
}

/// `text` split into arguments as a POSIX shell splits words: quotes group, a backslash
/// escapes. `origin` (the option or variable it came from) names it in the error.
fn split_words(text: &str, origin: &str) -> Result<Vec<String>> {
    shlex::split(text).with_context(|| {
        format!(
            "{origin} `{text}` has a quote that is not closed, or ends in a backslash: it is \
             split into arguments as a shell splits words. Close the quote, or write a quote \
             that is part of an argument as \\' or \\\"."
        )
    })
}

/// A launcher ready to start `np` copies of a program.
#[derive(Debug, Clone)]
pub struct Launcher {
    pub starter: Starter,
    /// The MPI whose mpiexec this is; `None` for srun, a template, or an mpiexec that
    /// does not say.
    pub mpi: Option<Mpi>,
    /// Open MPI's major version (4 and 5 spell oversubscription apart).
    open_mpi_major: u32,
    /// The command and arguments before the program, with `{np}` still in them.
    argv: Vec<String>,
    /// The hostfile flag and the site's arguments, after the runner's own flags.
    extra: Vec<String>,
    /// What the launcher said of its version, for reports.
    pub version: String,
    machine: Machine,
}

/// The launcher names `--launcher` accepts besides a template.
pub const NAMES: &str = "openmpi, mpich, intel, srun, mpiexec";

/// Where a template puts the hostfile, if it wants one.
const HOSTFILE_SLOT: &str = "{hostfile}";

impl Launcher {
    /// Picks the launcher: the explicit choice if any, else detection.
    pub fn choose(choice: Option<&str>) -> Result<Launcher> {
        match choice.map(str::trim).filter(|c| !c.is_empty()) {
            Some(template) if template.contains(char::is_whitespace) || template.contains("{np}") => {
                Launcher::template(template)
            }
            Some(name) => Launcher::named(name),
            None => Launcher::detect(),
        }
    }

    /// A site's command template, split as a shell would split it, so that a quoted
    /// argument with spaces stays one argument.
    fn template(template: &str) -> Result<Launcher> {
        let origin = launcher_origin(template);
        let argv = split_words(template, origin)?;
        if !argv.iter().any(|word| word.contains("{np}")) {
            bail!(
                "the launcher template `{template}` has no `{{np}}`: write where the rank count goes, \
                 e.g. `srun --mpi=pmix -n {{np}}`"
            );
        }
        require_on_path(&argv[0], "the program of your launcher template")?;
        Ok(Launcher::new(Starter::Template, None, argv, template.to_string()))
    }

    /// A launcher by name. Debian and Ubuntu install several MPIs side by side and point
    /// `mpiexec` at one of them; the others stay reachable as `mpiexec.mpich`,
    /// `mpiexec.openmpi`, and Hydra's own `mpiexec.hydra`, so those are tried too.
    fn named(name: &str) -> Result<Launcher> {
        let (wanted, programs): (Option<Mpi>, &[&str]) = match name.to_ascii_lowercase().as_str() {
            "srun" | "slurm" => return Launcher::srun(),
            "openmpi" | "open-mpi" | "ompi" => (Some(Mpi::OpenMpi), &["mpiexec", "mpiexec.openmpi"]),
            "mpich" | "hydra" => (Some(Mpi::Mpich), &["mpiexec", "mpiexec.mpich", "mpiexec.hydra"]),
            "intel" | "intelmpi" | "intel-mpi" => (Some(Mpi::IntelMpi), &["mpiexec", "mpiexec.hydra"]),
            "mpiexec" => (None, &["mpiexec"]),
            _ => bail!(
                "unknown launcher `{name}`: use one of {NAMES}, or a command template with {{np}}, \
                 e.g. --launcher 'srun --mpi=pmix -n {{np}}'"
            ),
        };
        let mut seen = Vec::new();
        for program in programs.iter().filter(|p| probe::on_path(p)) {
            let launcher = Launcher::mpiexec(program);
            if wanted.is_none() || launcher.mpi == wanted {
                return Ok(launcher);
            }
            seen.push(format!("`{program}` is {}", launcher.describe()));
        }
        if seen.is_empty() {
            require_on_path("mpiexec", "MPI's launcher, mpiexec")?;
        }
        bail!(
            "you asked for {name}, but {}: none of {} on your PATH is {name}'s launcher.\n\
             Install {name}, put its bin directory first on PATH (or load its module), \
             or drop --launcher to use what is installed.",
            seen.join("; "),
            programs
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }

    fn detect() -> Result<Launcher> {
        if std::env::var_os("SLURM_JOB_ID").is_some() && probe::on_path("srun") {
            return Launcher::srun();
        }
        require_on_path("mpiexec", "MPI's launcher, mpiexec")?;
        Ok(Launcher::mpiexec("mpiexec"))
    }

    fn srun() -> Result<Launcher> {
        require_on_path("srun", "SLURM's srun")?;
        let version = probe::first_line("srun", &["--version"]).unwrap_or_else(|| "srun".into());
        let argv = vec!["srun".into(), "-n".into(), "{np}".into()];
        Ok(Launcher::new(Starter::Srun, None, argv, version))
    }

    /// An mpiexec-like `program` (on PATH), classified by what `--version` prints.
    fn mpiexec(program: &str) -> Launcher {
        let said = probe::output(program, &["--version"]).unwrap_or_default();
        let mpi = Mpi::of_mpiexec(&said);
        let argv = vec![program.into(), "-n".into(), "{np}".into()];
        let mut launcher = Launcher::new(Starter::Mpiexec, mpi, argv, version_of(&said, mpi));
        launcher.open_mpi_major = open_mpi_major(&said);
        launcher
    }

    fn new(starter: Starter, mpi: Option<Mpi>, argv: Vec<String>, version: String) -> Launcher {
        Launcher {
            starter,
            mpi,
            open_mpi_major: 4,
            argv,
            extra: Vec::new(),
            version,
            machine: Machine::read(),
        }
    }

    /// Adds the cluster's hostfile and arguments. Each MPI spells the hostfile its own
    /// way; srun has none (the allocation decides the nodes), which is an error rather
    /// than a silently ignored option.
    pub fn with_extras(mut self, extras: &Extras) -> Result<Launcher> {
        self.refuse_rank_count(&extras.env_args, ARGS_VARIABLE)?;
        self.refuse_rank_count(&extras.cli_args, "--launcher-arg")?;
        // Only a template can have the slot: the others' argv is the runner's own.
        let wants_slot = self.argv.iter().any(|a| a.contains(HOSTFILE_SLOT));
        match &extras.hostfile {
            Some(file) if wants_slot => {
                let file = existing_hostfile(file)?;
                for arg in &mut self.argv {
                    *arg = arg.replace(HOSTFILE_SLOT, &file);
                }
            }
            Some(file) => {
                let flag = match (self.starter, self.mpi) {
                    _ if self.is_srun() => bail!(srun_has_no_hostfile()),
                    (Starter::Mpiexec, Some(Mpi::OpenMpi)) => "--hostfile",
                    (Starter::Mpiexec, Some(Mpi::Mpich | Mpi::IntelMpi)) => "-f",
                    // The spelling Open MPI, MPICH, Intel MPI and MVAPICH all accept.
                    _ => "-hostfile",
                };
                self.extra.extend([flag.to_string(), existing_hostfile(file)?]);
            }
            None if wants_slot => bail!(
                "your launcher template `{}` has {HOSTFILE_SLOT}, but no hostfile was given: \
                 pass --hostfile FILE or set WORKBOOK_HOSTFILE.",
                self.argv.join(" ")
            ),
            None => {}
        }
        self.extra
            .extend(extras.env_args.iter().chain(&extras.cli_args).cloned());
        Ok(self)
    }

    /// True for SLURM's srun, whether detected or the program of a site's template.
    fn is_srun(&self) -> bool {
        self.starter == Starter::Srun || Path::new(&self.argv[0]).ends_with("srun")
    }

    /// Refuses `args` (from `origin`) that set the number of ranks: the runner sets it
    /// per exercise with the launcher's own `-n`, and a second count (`-n 1` in a
    /// site's variable) would start the wrong number of ranks, which a check would
    /// blame on the learner's output.
    fn refuse_rank_count(&self, args: &[String], origin: &str) -> Result<()> {
        match rank_count_setting(args, self.rank_count_flags()) {
            Some(setting) => bail!(
                "{origin} sets the number of ranks (`{setting}`); the runner sets it per exercise: \
                 remove it. To run at another count, use `cargo run -p runner -- run <exercise> --np N`."
            ),
            None => Ok(()),
        }
    }

    /// The flags with which this launcher's arguments set the number of ranks. Open MPI
    /// spells it most ways (`-c`, `-N` per node, `--npernode`); srun's `-c` and `-N`
    /// are CPUs per task and nodes, which a site may well want, so only `-n` and
    /// `--ntasks` count there. Other mpiexecs take the standard `-n` and `-np`.
    fn rank_count_flags(&self) -> &'static [&'static str] {
        match self.mpi {
            Some(Mpi::OpenMpi) => &["-n", "--n", "-np", "--np", "-c", "-N", "-npernode", "--npernode"],
            _ if self.is_srun() => &["-n", "--ntasks"],
            _ => &["-n", "-np", "--np"],
        }
    }

    /// The launch command for `np` ranks, before the program and its arguments, with
    /// what this launcher needs on this machine: oversubscription when the processes
    /// (the ranks and the `spawns` workers they will start) outnumber cores, and Open
    /// MPI's consent to run as root (containers, CI). The cluster's extras come last, so
    /// that a site's flag can override the runner's.
    pub fn command(&self, np: usize, spawns: usize) -> Command {
        let mut argv: Vec<String> = self
            .argv
            .iter()
            .map(|a| a.replace("{np}", &np.to_string()))
            .collect();
        let oversubscribed = np + spawns > self.machine.physical_cores;
        match (self.starter, self.mpi) {
            (Starter::Mpiexec, Some(Mpi::OpenMpi)) => {
                if oversubscribed {
                    if self.open_mpi_major >= 5 {
                        argv.extend(["--map-by".into(), ":OVERSUBSCRIBE".into()]);
                    } else {
                        argv.push("--oversubscribe".into());
                    }
                }
                if self.machine.as_root {
                    argv.push("--allow-run-as-root".into());
                }
            }
            (Starter::Srun, _) if oversubscribed => argv.push("--overcommit".into()),
            _ => {}
        }
        argv.extend(self.extra.iter().cloned());
        let mut cmd = Command::new(&argv[0]);
        cmd.args(&argv[1..]);
        cmd
    }

    /// The launcher's program, as run: `mpiexec`, `mpiexec.mpich`, `srun`, ….
    pub fn program(&self) -> &str {
        &self.argv[0]
    }

    /// A short name for reports: `Open MPI 4: mpiexec (OpenRTE) 4.1.4`.
    pub fn describe(&self) -> String {
        let name = match (self.starter, self.mpi) {
            (Starter::Srun, _) => "SLURM srun".into(),
            (Starter::Template, _) => "launcher template".into(),
            (Starter::Mpiexec, Some(Mpi::OpenMpi)) => format!("Open MPI {}", self.open_mpi_major),
            (Starter::Mpiexec, Some(mpi)) => mpi.name().into(),
            (Starter::Mpiexec, None) => "mpiexec".into(),
        };
        format!("{name}: {}", self.version)
    }
}

/// Open MPI's major version, from what its `mpiexec --version` printed (4 if it does
/// not say).
fn open_mpi_major(version_text: &str) -> u32 {
    version_text
        .split(|c: char| c.is_whitespace() || c == ')')
        .filter_map(|word| word.split('.').next()?.parse().ok())
        .next()
        .unwrap_or(4)
}

/// The version line for reports. Hydra prints a table whose first line is only
/// `HYDRA build details:`; its version is on the `Version:` line.
fn version_of(said: &str, mpi: Option<Mpi>) -> String {
    let hydra = said
        .lines()
        .find_map(|l| l.trim().strip_prefix("Version:"))
        .filter(|_| mpi == Some(Mpi::Mpich))
        .map(|v| format!("HYDRA {}", v.trim()));
    hydra.unwrap_or_else(|| {
        said.lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("mpiexec (unknown version)")
            .to_string()
    })
}

/// The first of `args` that sets the rank count with one of `flags`, as it was written:
/// `-n 1` (the value is the next argument), `--np=2`, or `-n4` (a one-letter flag
/// with its number attached). `-nolocal` and the like are other flags.
fn rank_count_setting(args: &[String], flags: &[&str]) -> Option<String> {
    args.iter().enumerate().find_map(|(i, arg)| {
        flags.iter().find_map(|flag| {
            let rest = arg.strip_prefix(flag)?;
            let attached = flag.len() == 2 && !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit());
            if rest.is_empty() {
                Some(match args.get(i + 1) {
                    Some(value) => format!("{arg} {value}"),
                    None => arg.clone(),
                })
            } else if rest.starts_with('=') || attached {
                Some(arg.clone())
            } else {
                None
            }
        })
    })
}

/// Where a launcher choice came from, for messages: clap folds `--launcher` and
/// `WORKBOOK_LAUNCHER` into one value, so the variable is compared with it.
fn launcher_origin(choice: &str) -> &'static str {
    match std::env::var(LAUNCHER_VARIABLE) {
        Ok(value) if value.trim() == choice => LAUNCHER_VARIABLE,
        _ => "--launcher",
    }
}

/// The hostfile's absolute path (launchers may run from another directory), or an error
/// naming it if it does not exist.
fn existing_hostfile(file: &Path) -> Result<String> {
    if !file.is_file() {
        bail!(
            "the hostfile {} does not exist (it was given with --hostfile or WORKBOOK_HOSTFILE).\n\
             Write the hosts one per line (`node01 slots=4` for Open MPI, `node01:4` for MPICH and \
             Intel MPI), or drop the option to run on this machine.",
            file.display()
        );
    }
    Ok(std::path::absolute(file)?.to_string_lossy().into_owned())
}

fn srun_has_no_hostfile() -> String {
    "srun takes no hostfile: it runs on the nodes of your SLURM allocation.\n\
     Choose them when you allocate (`salloc --nodelist=node01,node02 ...`), or pass them to srun \
     with --launcher-arg=--nodelist=node01,node02, and drop --hostfile / WORKBOOK_HOSTFILE."
        .into()
}

fn require_on_path(program: &str, what: &str) -> Result<()> {
    if probe::on_path(program) {
        return Ok(());
    }
    bail!(
        "{what} (`{program}`) is not on your PATH, so no MPI program can be launched.\n{}\n\
         `cargo run -p runner -- doctor` checks everything the course needs.",
        probe::install_advice()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How a launcher starts ranks and which MPI it belongs to, as tests name them.
    type Kind = (Starter, Option<Mpi>);
    const OPEN_MPI: Kind = (Starter::Mpiexec, Some(Mpi::OpenMpi));
    const MPICH: Kind = (Starter::Mpiexec, Some(Mpi::Mpich));
    const INTEL: Kind = (Starter::Mpiexec, Some(Mpi::IntelMpi));
    const GENERIC: Kind = (Starter::Mpiexec, None);
    const SRUN: Kind = (Starter::Srun, None);
    const TEMPLATE: Kind = (Starter::Template, None);

    #[test]
    fn classifies_the_implementations_by_their_version_text() {
        let open_mpi_4 = "mpiexec (OpenRTE) 4.1.4\n\nReport bugs to http://www.open-mpi.org/community/help/";
        assert_eq!(Mpi::of_mpiexec(open_mpi_4), Some(Mpi::OpenMpi));
        assert_eq!(open_mpi_major(open_mpi_4), 4);
        assert_eq!(Mpi::of_mpiexec("mpiexec (Open MPI) 5.0.3\n"), Some(Mpi::OpenMpi));
        assert_eq!(open_mpi_major("mpiexec (Open MPI) 5.0.3\n"), 5);
        assert_eq!(
            Mpi::of_mpiexec("HYDRA build details:\n    Version:                                 4.0.2"),
            Some(Mpi::Mpich)
        );
        assert_eq!(
            Mpi::of_mpiexec("Intel(R) MPI Library for Linux* OS, Version 2021.10"),
            Some(Mpi::IntelMpi)
        );
        assert_eq!(Mpi::of_mpiexec("something else"), None);
    }

    #[test]
    fn hydra_reports_its_version_line() {
        let said =
            "HYDRA build details:\n    Version:                                 4.0.2\n    Release Date: x";
        assert_eq!(version_of(said, Some(Mpi::Mpich)), "HYDRA 4.0.2");
        let said = "mpiexec (OpenRTE) 4.1.4\n";
        assert_eq!(version_of(said, Some(Mpi::OpenMpi)), "mpiexec (OpenRTE) 4.1.4");
    }

    #[test]
    fn a_template_needs_np() {
        let err = Launcher::choose(Some("srun --mpi=pmix")).unwrap_err().to_string();
        assert!(err.contains("has no `{np}`"), "{err}");
    }

    #[test]
    fn unknown_names_list_the_known_ones() {
        let err = Launcher::choose(Some("pbs")).unwrap_err().to_string();
        assert!(err.contains("unknown launcher `pbs`"), "{err}");
        assert!(err.contains(NAMES), "{err}");
    }

    #[test]
    fn a_template_substitutes_np() {
        let launcher = Launcher::choose(Some("env -n {np}")).unwrap();
        assert_eq!(argv(&launcher, 3), ["env", "-n", "3"]);
    }

    /// A launcher of `kind` as `choose` would make it, without asking the machine.
    fn launcher((starter, mpi): Kind, argv: &[&str]) -> Launcher {
        let argv = argv.iter().map(|a| a.to_string()).collect();
        Launcher::new(starter, mpi, argv, String::new())
    }

    fn argv(launcher: &Launcher, np: usize) -> Vec<String> {
        let cmd = launcher.command(np, 0);
        std::iter::once(cmd.get_program())
            .chain(cmd.get_args())
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    /// A real hostfile, so that the existence check passes, and its absolute path.
    fn hostfile(name: &str) -> (PathBuf, String) {
        let path = std::env::temp_dir().join(format!("workbook-hosts-{}-{name}", std::process::id()));
        std::fs::write(&path, "localhost\n").unwrap();
        let shown = path.to_string_lossy().into_owned();
        (path, shown)
    }

    fn extras(hostfile: Option<&Path>, args: &[&str]) -> Extras {
        Extras {
            env_args: Vec::new(),
            cli_args: args.iter().map(|a| a.to_string()).collect(),
            hostfile: hostfile.map(Path::to_path_buf),
        }
    }

    #[test]
    fn each_mpi_gets_the_hostfile_its_own_way_then_the_site_arguments() {
        let (file, shown) = hostfile("kinds");
        let site = extras(Some(&file), &["--bind-to", "core"]);
        let cases = [
            (OPEN_MPI, "--hostfile"),
            (MPICH, "-f"),
            (INTEL, "-f"),
            (GENERIC, "-hostfile"),
        ];
        for (kind, flag) in cases {
            let argv = argv(
                &launcher(kind, &["mpiexec", "-n", "{np}"])
                    .with_extras(&site)
                    .unwrap(),
                1,
            );
            assert_eq!(argv[..3], ["mpiexec", "-n", "1"], "{kind:?}");
            // The runner's own flags (root, oversubscription) sit between; the extras end it.
            assert_eq!(
                argv[argv.len() - 4..],
                [flag, &shown, "--bind-to", "core"],
                "{kind:?}"
            );
        }
        std::fs::remove_file(file).unwrap();
    }

    #[test]
    fn a_template_takes_the_hostfile_where_it_says_or_at_the_end() {
        let (file, shown) = hostfile("template");
        let site = extras(Some(&file), &["-x"]);
        let slotted = launcher(TEMPLATE, &["mympirun", "--hosts={hostfile}", "-np", "{np}"]);
        assert_eq!(
            argv(&slotted.with_extras(&site).unwrap(), 2),
            ["mympirun", &format!("--hosts={shown}"), "-np", "2", "-x"]
        );
        let plain = launcher(TEMPLATE, &["mympirun", "-np", "{np}"]);
        assert_eq!(
            argv(&plain.with_extras(&site).unwrap(), 2),
            ["mympirun", "-np", "2", "-hostfile", &shown, "-x"]
        );
        let err = launcher(TEMPLATE, &["mympirun", "-f", "{hostfile}", "-np", "{np}"])
            .with_extras(&Extras::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("no hostfile was given"), "{err}");
        std::fs::remove_file(file).unwrap();
    }

    #[test]
    fn srun_refuses_a_hostfile_and_says_what_to_do_instead() {
        let (file, _) = hostfile("srun");
        let site = extras(Some(&file), &[]);
        for srun in [
            launcher(SRUN, &["srun", "-n", "{np}"]),
            launcher(TEMPLATE, &["/usr/bin/srun", "--mpi=pmix", "-n", "{np}"]),
        ] {
            let err = srun.with_extras(&site).unwrap_err().to_string();
            assert!(err.contains("srun takes no hostfile"), "{err}");
            assert!(err.contains("--launcher-arg=--nodelist="), "{err}");
        }
        let with_args = launcher(SRUN, &["srun", "-n", "{np}"])
            .with_extras(&extras(None, &["--mpi=pmix"]))
            .unwrap();
        assert_eq!(argv(&with_args, 1), ["srun", "-n", "1", "--mpi=pmix"]);
        std::fs::remove_file(file).unwrap();
    }

    #[test]
    fn a_missing_hostfile_is_named() {
        let missing = Path::new("/nonexistent/hosts.txt");
        let err = launcher(MPICH, &["mpiexec", "-n", "{np}"])
            .with_extras(&extras(Some(missing), &[]))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("the hostfile /nonexistent/hosts.txt does not exist"),
            "{err}"
        );
    }

    #[test]
    fn np_and_timeout_are_bounded_at_parsing() {
        assert_eq!(parse_ranks("4"), Ok(4));
        assert_eq!(parse_ranks("256"), Ok(256));
        for bad in ["0", "257", "100000", "-1", "four", ""] {
            let err = parse_ranks(bad).unwrap_err();
            assert!(
                err.starts_with("--np takes a number of ranks from 1 to 256"),
                "{bad}: {err}"
            );
        }
        assert_eq!(parse_timeout("1"), Ok(1));
        assert_eq!(parse_timeout("86400"), Ok(86400));
        for bad in ["0", "86401", "1.5", "-3"] {
            let err = parse_timeout(bad).unwrap_err();
            assert!(
                err.starts_with("--timeout takes whole seconds from 1 to 86400"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn arguments_are_split_as_a_shell_would() {
        assert_eq!(
            split_words(
                r#"--map-by 'ppr:2:node' -x "A=1 2" --mca btl\ self"#,
                ARGS_VARIABLE
            )
            .unwrap(),
            ["--map-by", "ppr:2:node", "-x", "A=1 2", "--mca", "btl self"]
        );
        assert_eq!(split_words("  ", ARGS_VARIABLE).unwrap(), Vec::<String>::new());
        for unbalanced in ["--bind-to 'core", "-x \"A=1", "--mca btl\\"] {
            let err = split_words(unbalanced, ARGS_VARIABLE).unwrap_err().to_string();
            assert_eq!(
                err,
                format!(
                    "WORKBOOK_LAUNCHER_ARGS `{unbalanced}` has a quote that is not closed, or ends in a \
                     backslash: it is split into arguments as a shell splits words. Close the quote, \
                     or write a quote that is part of an argument as \\' or \\\"."
                )
            );
        }
    }

    #[test]
    fn a_template_is_split_as_a_shell_would() {
        let launcher = Launcher::choose(Some("env 'A B=1' -n {np}")).unwrap();
        assert_eq!(argv(&launcher, 2), ["env", "A B=1", "-n", "2"]);
        let err = Launcher::choose(Some("env 'A B=1 -n {np}"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("--launcher `env 'A B=1 -n {np}` has a quote that is not closed"),
            "{err}"
        );
    }

    /// The error `with_extras` gives for `args`, from `--launcher-arg`, if any.
    fn rank_count_error(kind: Kind, program: &str, args: &[&str]) -> Option<String> {
        launcher(kind, &[program, "-n", "{np}"])
            .with_extras(&extras(None, args))
            .err()
            .map(|e| e.to_string())
    }

    #[test]
    fn launcher_arguments_that_set_the_rank_count_are_refused() {
        let open_mpi = OPEN_MPI;
        for (args, shown) in [
            (&["-n", "1"][..], "-n 1"),
            (&["--bind-to", "core", "-n4"], "-n4"),
            (&["--np=2"], "--np=2"),
            (&["-np", "2"], "-np 2"),
            (&["-c", "2"], "-c 2"),
            (&["-N", "1"], "-N 1"),
            (&["--npernode", "1"], "--npernode 1"),
            (&["-n"], "-n"),
        ] {
            assert_eq!(
                rank_count_error(open_mpi, "mpiexec", args),
                Some(format!(
                    "--launcher-arg sets the number of ranks (`{shown}`); the runner sets it per \
                     exercise: remove it. To run at another count, use \
                     `cargo run -p runner -- run <exercise> --np N`."
                )),
                "{args:?}"
            );
        }
        for fine in [
            &["--bind-to", "core"][..],
            &["-nolocal"],
            &["--map-by", "ppr:1:node"],
            &["-x", "N=4"],
        ] {
            assert_eq!(rank_count_error(open_mpi, "mpiexec", fine), None, "{fine:?}");
        }
        // srun's -c (CPUs per task) and -N (nodes) leave the rank count alone.
        assert_eq!(rank_count_error(SRUN, "srun", &["-c", "4", "-N", "2"]), None);
        for srun in [SRUN, TEMPLATE] {
            let err = rank_count_error(srun, "/usr/bin/srun", &["--ntasks=3"]).unwrap();
            assert!(
                err.starts_with("--launcher-arg sets the number of ranks (`--ntasks=3`)"),
                "{err}"
            );
        }
        let err = rank_count_error(MPICH, "mpiexec", &["-np", "1"]).unwrap();
        assert!(err.contains("(`-np 1`)"), "{err}");
    }

    #[test]
    fn the_variable_is_named_when_its_arguments_set_the_rank_count() {
        let site = Extras {
            env_args: vec!["-n".into(), "1".into()],
            ..Extras::default()
        };
        let err = launcher(MPICH, &["mpiexec", "-n", "{np}"])
            .with_extras(&site)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("WORKBOOK_LAUNCHER_ARGS sets the number of ranks (`-n 1`); the runner sets it per exercise: remove it."),
            "{err}"
        );
    }
}
