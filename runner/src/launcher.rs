//! Choosing and driving the MPI launcher. Attendees bring Open MPI, MPICH or Intel MPI on
//! laptops and `srun` on clusters; each needs its own flags, and the runner must never
//! assume one of them. A launcher is chosen by `--launcher`/`WORKBOOK_LAUNCHER` (a name,
//! or a command template such as `srun --mpi=pmix -n {np}`), else detected: `srun`
//! inside a SLURM allocation, else whatever `mpiexec --version` says it is.

use crate::probe;
use anyhow::{bail, Result};
use std::process::Command;

/// The MPI implementations and launchers the runner knows the quirks of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flavor {
    /// Open MPI's mpiexec, with its major version (4 and 5 spell oversubscription apart).
    OpenMpi {
        major: u32,
    },
    /// MPICH's Hydra mpiexec.
    Mpich,
    IntelMpi,
    /// SLURM's srun, inside an allocation.
    Srun,
    /// An mpiexec that does not say what it is: used with `-n` only.
    Generic,
    /// A site's command template; used as given.
    Template,
}

/// A launcher ready to start `np` copies of a program.
#[derive(Debug, Clone)]
pub struct Launcher {
    pub flavor: Flavor,
    /// The command and arguments before the program, with `{np}` still in them.
    argv: Vec<String>,
    /// What the launcher said of its version, for reports.
    pub version: String,
}

/// The launcher names `--launcher` accepts besides a template.
pub const NAMES: &str = "openmpi, mpich, intel, srun, mpiexec";

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

    fn template(template: &str) -> Result<Launcher> {
        if !template.contains("{np}") {
            bail!(
                "the launcher template `{template}` has no `{{np}}`: write where the rank count goes, \
                 e.g. `srun --mpi=pmix -n {{np}}`"
            );
        }
        let argv: Vec<String> = template.split_whitespace().map(String::from).collect();
        require_on_path(&argv[0], "the program of your launcher template")?;
        Ok(Launcher {
            flavor: Flavor::Template,
            argv,
            version: template.to_string(),
        })
    }

    fn named(name: &str) -> Result<Launcher> {
        let wanted = name.to_ascii_lowercase();
        let is_wanted: fn(&Flavor) -> bool = match wanted.as_str() {
            "srun" | "slurm" => return Launcher::srun(),
            "openmpi" | "open-mpi" | "ompi" => |f| matches!(f, Flavor::OpenMpi { .. }),
            "mpich" | "hydra" => |f| *f == Flavor::Mpich,
            "intel" | "intelmpi" | "intel-mpi" => |f| *f == Flavor::IntelMpi,
            "mpiexec" => |_| true,
            _ => bail!(
                "unknown launcher `{name}`: use one of {NAMES}, or a command template with {{np}}, \
                 e.g. --launcher 'srun --mpi=pmix -n {{np}}'"
            ),
        };
        let launcher = Launcher::mpiexec()?;
        if !is_wanted(&launcher.flavor) {
            bail!(
                "you asked for {name}, but the mpiexec on your PATH is {}.\n\
                 Put {name}'s bin directory first on PATH (or load its module), \
                 or drop --launcher to use what is installed.",
                launcher.version
            );
        }
        Ok(launcher)
    }

    fn detect() -> Result<Launcher> {
        if std::env::var_os("SLURM_JOB_ID").is_some() && probe::on_path("srun") {
            return Launcher::srun();
        }
        Launcher::mpiexec()
    }

    fn srun() -> Result<Launcher> {
        require_on_path("srun", "SLURM's srun")?;
        let version = probe::first_line("srun", &["--version"]).unwrap_or_else(|| "srun".into());
        Ok(Launcher {
            flavor: Flavor::Srun,
            argv: vec!["srun".into(), "-n".into(), "{np}".into()],
            version,
        })
    }

    fn mpiexec() -> Result<Launcher> {
        require_on_path("mpiexec", "MPI's launcher, mpiexec")?;
        let said = probe::output("mpiexec", &["--version"]).unwrap_or_default();
        let flavor = classify(&said);
        let version = said
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("mpiexec (unknown version)")
            .trim()
            .to_string();
        Ok(Launcher {
            flavor,
            argv: vec!["mpiexec".into(), "-n".into(), "{np}".into()],
            version,
        })
    }

    /// The launch command for `np` ranks, before the program and its arguments, with
    /// what this launcher needs on this machine: oversubscription when ranks outnumber
    /// cores, and Open MPI's consent to run as root (containers, CI).
    pub fn command(&self, np: usize) -> Command {
        let mut argv: Vec<String> = self
            .argv
            .iter()
            .map(|a| a.replace("{np}", &np.to_string()))
            .collect();
        let oversubscribed = np > probe::physical_cores();
        match self.flavor {
            Flavor::OpenMpi { major } => {
                if oversubscribed {
                    if major >= 5 {
                        argv.extend(["--map-by".into(), ":OVERSUBSCRIBE".into()]);
                    } else {
                        argv.push("--oversubscribe".into());
                    }
                }
                if probe::is_root() {
                    argv.push("--allow-run-as-root".into());
                }
            }
            Flavor::Srun if oversubscribed => argv.push("--overcommit".into()),
            _ => {}
        }
        let mut cmd = Command::new(&argv[0]);
        cmd.args(&argv[1..]);
        cmd
    }

    /// A short name for reports: `Open MPI 4 (mpiexec (OpenRTE) 4.1.4)`.
    pub fn describe(&self) -> String {
        let name = match self.flavor {
            Flavor::OpenMpi { major } => format!("Open MPI {major}"),
            Flavor::Mpich => "MPICH".into(),
            Flavor::IntelMpi => "Intel MPI".into(),
            Flavor::Srun => "SLURM srun".into(),
            Flavor::Generic => "mpiexec".into(),
            Flavor::Template => "launcher template".into(),
        };
        format!("{name}: {}", self.version)
    }
}

/// Tells the MPI implementation from what its `mpiexec --version` printed.
pub fn classify(version_text: &str) -> Flavor {
    if version_text.contains("Open MPI") || version_text.contains("OpenRTE") {
        let major = version_text
            .split(|c: char| c.is_whitespace() || c == ')')
            .filter_map(|word| word.split('.').next()?.parse().ok())
            .next()
            .unwrap_or(4);
        Flavor::OpenMpi { major }
    } else if version_text.contains("Intel(R) MPI") {
        Flavor::IntelMpi
    } else if version_text.contains("HYDRA") || version_text.contains("MPICH") {
        Flavor::Mpich
    } else {
        Flavor::Generic
    }
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

    #[test]
    fn classifies_the_implementations_by_their_version_text() {
        assert_eq!(
            classify("mpiexec (OpenRTE) 4.1.4\n\nReport bugs to http://www.open-mpi.org/community/help/"),
            Flavor::OpenMpi { major: 4 }
        );
        assert_eq!(
            classify("mpiexec (Open MPI) 5.0.3\n"),
            Flavor::OpenMpi { major: 5 }
        );
        assert_eq!(
            classify("HYDRA build details:\n    Version:                                 4.0.2"),
            Flavor::Mpich
        );
        assert_eq!(
            classify("Intel(R) MPI Library for Linux* OS, Version 2021.10"),
            Flavor::IntelMpi
        );
        assert_eq!(classify("something else"), Flavor::Generic);
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
        let cmd = launcher.command(3);
        let args: Vec<_> = cmd.get_args().map(|a| a.to_string_lossy().into_owned()).collect();
        assert_eq!(cmd.get_program(), "env");
        assert_eq!(args, ["-n", "3"]);
    }
}
