//! ex38 (spawn-process): the Python course's spawn.py in Rust. There,
//! `multiprocessing.Process(target=hello)` makes a copy of the running interpreter and
//! calls `hello` in the copy. Rust's `std::process::Command` cannot call a function in
//! another process: it starts a program from its beginning. So this program starts
//! itself again, with the arguments `child Alice`, and `main` tells the two roles
//! apart by those arguments.
//! (The stub neither starts the child nor waits for it: `spawn_child`, `join` and
//! `hello` are yours to write.)
//! Check it with `cargo run -p runner -- check ex38`.

use std::env;
use std::io;
use std::process::{self, Child, ExitStatus};
use std::sync::atomic::{AtomicU32, Ordering};

/// How many greetings this process has printed. A static lives in its process's own
/// memory: the child counts its greeting, and the parent's count stays 0. Threads of
/// one process would share it, and the parent would see 1.
static GREETINGS: AtomicU32 = AtomicU32::new(0);

/// spawn.py's `hello(name)`, run by the child.
fn hello(_name: &str) {
    GREETINGS.fetch_add(1, Ordering::Relaxed);
    // TODO: print the three lines of spawn.py's hello, for example
    //     Hello Alice
    //     My PID is 4242
    //     My parent's PID is 4241
    // This process's id is `process::id()`; its parent's is
    // `std::os::unix::process::parent_id()`. (Remove the `_` of the parameter.)
    todo!("print the greeting, this process's id and its parent's")
}

/// Starts this same program again as a child that greets `name`. The arguments are
/// all the child gets from the parent: it shares none of the parent's memory.
fn spawn_child(_name: &str) -> io::Result<Child> {
    // TODO: `env::current_exe()?` is the path of this very program. Build a
    // `std::process::Command` for it with the two arguments "child" and the name, and
    // `spawn()` it: that starts the child and returns at once, without waiting.
    todo!("start this program again with the arguments child <name>")
}

/// Waits until the child has ended, Python's `p.join()`, and says how it ended.
fn join(_child: Child) -> io::Result<ExitStatus> {
    // TODO: one method of `Child` waits for the process to end and returns its
    // `ExitStatus` (it needs the child mutably).
    todo!("wait for the child")
}

/// The parent's side of spawn.py, plus what the child's end tells us.
fn parent() -> io::Result<()> {
    let child = spawn_child("Alice")?;
    // Both processes run from here on: this line and the child's may come in any order.
    println!("Spawned a new process from PID {}", process::id());
    let status = join(child)?;
    // After the wait, the child is gone: these lines come after all of its lines.
    println!("The child ended with {status}");
    let count = GREETINGS.load(Ordering::Relaxed);
    println!("Greetings counted in the parent's memory: {count}");
    if status.success() {
        Ok(())
    } else {
        Err(io::Error::other(format!("the child failed: {status}")))
    }
}

fn main() -> io::Result<()> {
    let args: Vec<String> = env::args().skip(1).collect();
    match args.as_slice() {
        [role, name] if role == "child" => {
            hello(name);
            let count = GREETINGS.load(Ordering::Relaxed);
            println!("Greetings counted in the child's memory: {count}");
            Ok(())
        }
        _ => parent(),
    }
}
