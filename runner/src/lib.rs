//! The workbook's runner: finds an exercise in the course manifest, builds it with
//! cargo, launches it under whatever MPI launcher the machine has, captures every rank's
//! output apart, and judges each rank against the expected output made from the
//! solution. It also builds the book. It never links MPI itself, so that it can run,
//! and diagnose, a machine where MPI is missing.

// Raw system calls live in `sys`, the one module allowed `unsafe`.
#![deny(unsafe_code)]

pub mod book;
pub mod build;
pub mod capture;
pub mod check;
pub mod class;
pub mod course;
pub mod dev;
pub mod doctor;
pub mod expected;
pub mod file_events;
pub mod frames;
pub mod fresh;
pub mod grade;
pub mod hints;
pub mod interrupt;
pub mod launcher;
pub mod linkage;
pub mod listing;
pub mod mpi_family;
pub mod paint;
pub mod probe;
pub mod progress;
pub mod report;
pub mod reset;
pub mod scaffold;
pub mod session;
pub mod stuck;
pub mod sweep;
pub mod sys;
pub mod terminal_safe;
pub mod verdict;
pub mod watch;
pub mod words;
