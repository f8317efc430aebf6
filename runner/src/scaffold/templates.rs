//! The texts `dev new` starts an exercise from: a program that runs (under MPI or
//! alone, like the rest of its chapter), its stub with a `todo!()` where the learner
//! works, a manifest entry and a book page. What the author must still write carries
//! [`super::MARK`], so that `dev check` lists it until it is written.

use super::{Request, MARK};
use crate::course::{Exercise, Variant};

/// A crate's Cargo.toml, in the course's style: settings from the workspace.
pub fn cargo_toml(package: &str, mpi: bool) -> String {
    let dependencies = if mpi { "mpi.workspace = true\n" } else { "" };
    format!(
        "[package]\nname = \"{package}\"\nversion = \"0.1.0\"\nedition.workspace = true\n\
         rust-version.workspace = true\npublish.workspace = true\nlicense.workspace = true\n\n\
         [dependencies]\n{dependencies}"
    )
}

/// The solution's or the stub's program: the same `main`, and a function whose body
/// the stub leaves to the learner. The solution's output becomes the expected output.
pub fn program(id: &str, title: &str, mpi: bool, variant: Variant) -> String {
    let (what, body) = match variant {
        Variant::Solution => (
            "The reference solution: `dev bless` makes the expected output from what it prints.",
            if mpi {
                "format!(\"Hello from rank {rank} of {size}\")"
            } else {
                "(1..=n).sum()"
            },
        ),
        Variant::Exercise => (
            "What the learner edits: it builds, and fails until the work is done.",
            if mpi {
                "todo!(\"say hello from rank {rank} of {size}\")"
            } else {
                "todo!(\"add up the numbers 1 to {n}\")"
            },
        ),
    };
    let head = format!(
        "//! {id}: {title}.\n//!\n//! {what}\n//! {MARK} replace this program with the exercise's.\n\n"
    );
    let program = if mpi {
        format!(
            "use mpi::traits::*;\n\nfn main() {{\n    let universe = mpi::initialize().expect(\"MPI is \
             initialized once\");\n    let world = universe.world();\n    println!(\"{{}}\", \
             greeting(world.rank(), world.size()));\n}}\n\n/// The line this rank prints.\nfn \
             greeting(rank: i32, size: i32) -> String {{\n    {body}\n}}\n"
        )
    } else {
        format!(
            "fn main() {{\n    println!(\"1 + 2 + ... + 100 = {{}}\", sum_to(100));\n}}\n\n/// \
             The sum of 1 to `n`.\nfn sum_to(n: u64) -> u64 {{\n    {body}\n}}\n"
        )
    };
    head + &program
}

/// The `[[exercise]]` entry, with the settings of `like` (the chapter's last exercise).
pub fn manifest_entry(id: &str, request: &Request, like: Option<&Exercise>) -> String {
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mpi = like.is_none_or(|ex| ex.mpi);
    let ranks = match like {
        Some(ex) if mpi => format!("{:?}", ex.ranks),
        _ if mpi => "[4, 2]".to_string(),
        _ => "[1]".to_string(),
    };
    let mut entry = format!(
        "[[exercise]]\nid = \"{id}\"\nslug = \"{}\"\ntitle = {}\nchapter = \"{}\"\n",
        request.slug,
        quoted(request.title),
        request.chapter
    );
    if !mpi {
        entry.push_str("mpi = false\n");
    }
    if like.is_some_and(|ex| ex.release) {
        entry.push_str("release = true\n");
    }
    entry.push_str(&format!(
        "ranks = {ranks}\ntimeout = {}\nminutes = 10\nseed = \"{MARK} the seed and example this \
         mirrors\"\nhints = [\n    \"{MARK} a first hint: what to look at.\",\n    \"{MARK} a \
         second hint: the calls to use.\",\n]\n",
        like.map_or(30, |ex| ex.timeout)
    ));
    entry
}

/// The book page: the sections every exercise page has, and the directive that brings
/// in the run command, the rank counts and the expected output.
pub fn page(id: &str, request: &Request, stub: &str) -> String {
    format!(
        "# {id}: {title}\n\n<!-- {MARK} why this exercise, in two or three sentences. -->\n\n\
         ## The idea\n\n<!-- {MARK} the concept and the calls, without the code to type. -->\n\n\
         ## The original\n\n<!-- {MARK} the Python course's version, and what it prints. -->\n\n\
         ## Your task\n\nEdit `{stub}/src/main.rs`. <!-- {MARK} what to write, and what each \
         rank prints. -->\n\n{{{{#exercise {slug}}}}}\n",
        title = request.title,
        slug = request.slug,
    )
}
