//! ex38 (spawn-process): the Python course's spawn.py in Rust. There,
//! `multiprocessing.Process(target=hello)` makes a copy of the running interpreter and
//! calls `hello` in the copy. Rust's `std::process::Command` cannot call a function in
//! another process: it starts a program from its beginning. So this program starts
//! itself again, with the arguments `child Alice`, and `main` tells the two roles
//! apart by those arguments.
//! Check it with `cargo run -p runner -- check ex38`.

use std::env;
use std::io;
use std::os::unix::process::parent_id;
use std::process::{self, Child, Command, ExitStatus};
use std::sync::atomic::{AtomicU32, Ordering};

/// How many greetings this process has printed. A static lives in its process's own
/// memory: the child counts its greeting, and the parent's count stays 0. Threads of
/// one process would share it, and the parent would see 1.
static GREETINGS: AtomicU32 = AtomicU32::new(0);

/// spawn.py's `hello(name)`, run by the child.
fn hello(name: &str) {
    GREETINGS.fetch_add(1, Ordering::Relaxed);
    println!("Hello {name}");
    println!("My PID is {}", process::id());
    println!("My parent's PID is {}", parent_id());
}

/// Starts this same program again as a child that greets `name`. The arguments are
/// all the child gets from the parent: it shares none of the parent's memory.
fn spawn_child(name: &str) -> io::Result<Child> {
    Command::new(env::current_exe()?).args(["child", name]).spawn()
}

/// Waits until the child has ended, Python's `p.join()`, and says how it ended.
fn join(mut child: Child) -> io::Result<ExitStatus> {
    child.wait()
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
