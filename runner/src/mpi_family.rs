//! The MPI implementations the runner knows: which one a launcher belongs to (from what
//! its `mpiexec --version` says), which one a program links (see `linkage`), and whether
//! the two can work together. Declared once, here, for both.

/// The MPI implementations whose programs and launchers the runner can pair up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mpi {
    OpenMpi,
    Mpich,
    IntelMpi,
}

impl Mpi {
    pub fn name(self) -> &'static str {
        match self {
            Mpi::OpenMpi => "Open MPI",
            Mpi::Mpich => "MPICH",
            Mpi::IntelMpi => "Intel MPI",
        }
    }

    /// The `--launcher` name that launches this MPI's programs.
    pub fn launcher_name(self) -> &'static str {
        match self {
            Mpi::OpenMpi => "openmpi",
            Mpi::Mpich => "mpich",
            Mpi::IntelMpi => "intel",
        }
    }

    /// This MPI's pkg-config package, for `MPI_PKG_CONFIG`.
    pub fn pkg_config(self) -> &'static str {
        match self {
            Mpi::OpenMpi => "ompi",
            Mpi::Mpich => "mpich",
            Mpi::IntelMpi => "impi",
        }
    }

    /// Whether a program linked against `self` runs under `launcher`'s MPI.
    pub fn runs_under(self, launcher: Mpi) -> bool {
        (self == Mpi::OpenMpi) == (launcher == Mpi::OpenMpi)
    }

    /// The MPI whose mpiexec printed `version_text` for `--version`, if it says.
    pub fn of_mpiexec(version_text: &str) -> Option<Mpi> {
        if version_text.contains("Open MPI") || version_text.contains("OpenRTE") {
            Some(Mpi::OpenMpi)
        } else if version_text.contains("Intel(R) MPI") {
            Some(Mpi::IntelMpi)
        } else if version_text.contains("HYDRA") || version_text.contains("MPICH") {
            Some(Mpi::Mpich)
        } else {
            None
        }
    }
}
