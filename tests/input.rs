//! Bad input gets a clear error: rank counts and timeouts out of range, launcher
//! settings that cannot be split or that set the rank count themselves, rank output
//! that would drive the terminal, snapshots with Windows line ends, and requests the
//! book's server should not serve. Each test asserts the exact words and the exit code
//! (2 for a usage or configuration problem), and touches nothing outside temporary
//! folders.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The fixture course: the tests that stop before anything is built use it as it is.
fn fixtures() -> PathBuf {
    common::workspace().join("tests/fixtures/course")
}

/// The runner on `course` with no launcher settings from the caller's environment.
fn runner(course: &Path, args: &[&str]) -> Command {
    let mut cmd = common::runner(course, args);
    cmd.env_remove("WORKBOOK_LAUNCHER_ARGS")
        .env_remove("WORKBOOK_HOSTFILE");
    cmd
}

/// Runs `cmd` and returns its exit code and stdout + stderr.
fn output(cmd: &mut Command) -> (i32, String) {
    let out = cmd.output().unwrap();
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

/// clap's report of a value its parser refused.
fn invalid_value(value: &str, option: &str, why: &str) -> String {
    format!("error: invalid value '{value}' for '{option}': {why}\n\nFor more information, try '--help'.\n")
}

const NP_RANGE: &str = "--np takes a number of ranks from 1 to 256: a run needs at least one rank, \
                        and every rank is a process of its own with a report of its own";

const TIMEOUT_RANGE: &str = "--timeout takes whole seconds from 1 to 86400 (a day): 0 would stop \
                             every run before it starts, and a run still going after a day is hung";

#[test]
fn np_out_of_range_is_refused_at_parsing() {
    for (verb, np) in [("check", "0"), ("run", "0"), ("run", "100000"), ("run", "257")] {
        let (code, text) = output(&mut runner(&fixtures(), &[verb, "ex01", "--np", np]));
        assert_eq!(code, 2, "{verb} --np {np}: {text}");
        assert_eq!(text, invalid_value(np, "--np <N>", NP_RANGE), "{verb} --np {np}");
    }
}

#[test]
fn timeout_out_of_range_is_refused_at_parsing() {
    for timeout in ["0", "86401", "-1"] {
        let (code, text) = output(&mut runner(
            &fixtures(),
            &["check", "ex01", &format!("--timeout={timeout}")],
        ));
        assert_eq!(code, 2, "--timeout {timeout}: {text}");
        assert_eq!(
            text,
            invalid_value(timeout, "--timeout <SECONDS>", TIMEOUT_RANGE),
            "--timeout {timeout}"
        );
    }
}

/// What the runner says of a launcher setting (`origin`, its `value`) with a quote
/// left open.
fn unclosed_quote(origin: &str, value: &str) -> String {
    format!(
        "error: {origin} `{value}` has a quote that is not closed, or ends in a backslash: it is \
         split into arguments as a shell splits words. Close the quote, or write a quote that is \
         part of an argument as \\' or \\\".\n"
    )
}

#[test]
fn an_unclosed_quote_in_launcher_args_names_the_variable() {
    let value = "--bind-to 'core";
    let (code, text) = output(runner(&fixtures(), &["check", "ex01"]).env("WORKBOOK_LAUNCHER_ARGS", value));
    assert_eq!(code, 2, "{text}");
    assert_eq!(text, unclosed_quote("WORKBOOK_LAUNCHER_ARGS", value));
}

#[test]
fn an_unclosed_quote_in_a_launcher_template_names_where_it_came_from() {
    let template = "mpiexec -n {np} --map-by 'core";
    let (code, text) = output(&mut runner(
        &fixtures(),
        &["check", "ex01", "--launcher", template],
    ));
    assert_eq!(code, 2, "{text}");
    assert_eq!(text, unclosed_quote("--launcher", template));
    let (code, text) = output(runner(&fixtures(), &["check", "ex01"]).env("WORKBOOK_LAUNCHER", template));
    assert_eq!(code, 2, "{text}");
    assert_eq!(text, unclosed_quote("WORKBOOK_LAUNCHER", template));
}

/// What the runner says of launcher arguments (from `origin`) that set the rank count.
fn sets_the_rank_count(origin: &str, setting: &str) -> String {
    format!(
        "error: {origin} sets the number of ranks (`{setting}`); the runner sets it per exercise: \
         remove it. To run at another count, use `cargo run -p runner -- run <exercise> --np N`.\n"
    )
}

#[test]
fn launcher_args_that_set_the_rank_count_are_a_configuration_problem() {
    let (code, text) = output(runner(&fixtures(), &["check", "ex01"]).env("WORKBOOK_LAUNCHER_ARGS", "-n 1"));
    assert_eq!(code, 2, "{text}");
    assert_eq!(text, sets_the_rank_count("WORKBOOK_LAUNCHER_ARGS", "-n 1"));
    // Split as a shell would: the quoted binding is one argument, and `-n4` is still seen.
    let (code, text) = output(
        runner(&fixtures(), &["run", "ex01"]).env("WORKBOOK_LAUNCHER_ARGS", "--map-by 'ppr:1:core' -n4"),
    );
    assert_eq!(code, 2, "{text}");
    assert_eq!(text, sets_the_rank_count("WORKBOOK_LAUNCHER_ARGS", "-n4"));
    let (code, text) = output(&mut runner(
        &fixtures(),
        &["check", "ex01", "--launcher-arg=-np", "--launcher-arg=2"],
    ));
    assert_eq!(code, 2, "{text}");
    assert_eq!(text, sets_the_rank_count("--launcher-arg", "-np 2"));
}

#[test]
fn doctor_names_launcher_args_that_set_the_rank_count() {
    let (code, text) = output(runner(&fixtures(), &["doctor"]).env("WORKBOOK_LAUNCHER_ARGS", "--np=2"));
    assert_eq!(code, 2, "{text}");
    let line = "  ✗ settings   every check would stop: WORKBOOK_LAUNCHER_ARGS sets the number of ranks \
                (`--np=2`); the runner sets it per exercise: remove it. To run at another count, use \
                `cargo run -p runner -- run <exercise> --np N`.\n";
    assert!(text.contains(line), "{text}");
}

/// A course of one single-process exercise in a temporary folder: the stub prints a
/// line that, obeyed by a terminal, would overwrite itself with a forged pass, and
/// writes a title and a screen clear on stderr; the solution prints the expected line.
/// The snapshot has CRLF line ends, as a Windows checkout with core.autocrlf has it.
struct ForgingCourse(PathBuf);

impl ForgingCourse {
    fn new(name: &str) -> ForgingCourse {
        let root = std::env::temp_dir().join(format!("workbook-input-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        write(
            &root.join("info.toml"),
            "format = 1\ntitle = \"Input fixtures\"\nexpected = \"snapshots\"\n\n\
             [[chapter]]\nslug = \"input\"\ntitle = \"Input\"\n\n\
             [[exercise]]\nid = \"ex01\"\nslug = \"forged-pass\"\ntitle = \"Prints a forged pass\"\n\
             chapter = \"input\"\nranks = [1]\nmpi = false\ntimeout = 30\nseed = \"none\"\nhints = []\n",
        );
        let stub = r#"fn main() {
    print!("\r\x1b[2K  ✓ rank 1  output matches\n");
    eprintln!("\x1b]0;pwned\x07\x1b[2J all good");
}
"#;
        let solution = "fn main() {\n    println!(\"rank 0 says hello\");\n}\n";
        for (dir, package, main) in [
            ("exercises", "ex-forged-pass", stub),
            ("solutions", "sol-forged-pass", solution),
        ] {
            let dir = root.join(dir).join("ex01-forged-pass");
            write(
                &dir.join("Cargo.toml"),
                &format!("[package]\nname = \"{package}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[workspace]\n"),
            );
            write(&dir.join("src/main.rs"), main);
        }
        let snapshot =
            "---\nsource: tests/solutions.rs\nexpression: output\n---\n[rank 0]\nrank 0 says hello\n";
        write(
            &root.join("snapshots/forged-pass@np1.snap"),
            &snapshot.replace('\n', "\r\n"),
        );
        ForgingCourse(root)
    }

    /// The runner on this course, building into the course's own folder.
    fn run(&self, args: &[&str]) -> (i32, String) {
        output(runner(&self.0, args).env("CARGO_TARGET_DIR", self.0.join("target")))
    }
}

impl Drop for ForgingCourse {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// True if `text` holds a character a terminal would act on (all but newline and tab).
fn drives_the_terminal(text: &str) -> bool {
    text.chars().any(|c| c.is_control() && c != '\n' && c != '\t')
}

#[test]
fn a_crlf_snapshot_is_read_as_the_lf_one() {
    let course = ForgingCourse::new("crlf");
    let (code, text) = course.run(&["check", "ex01", "--solution"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("  ✓ the program  output matches\n"), "{text}");
}

#[test]
fn a_forged_pass_in_a_diff_is_shown_escaped() {
    let course = ForgingCourse::new("diff");
    let (code, text) = course.run(&["check", "ex01"]);
    assert_eq!(code, 1, "{text}");
    assert!(!drives_the_terminal(&text), "{text:?}");
    let report = "  ✗ the program  output differs (- expected, + yours):\n\
                  \x20     - rank 0 says hello\n\
                  \x20     + \\r\\x1b[2K  ✓ rank 1  output matches\n\
                  \x20     its stderr ended with:\n\
                  \x20     \\x1b]0;pwned\\x07\\x1b[2J all good\n";
    assert!(text.contains(report), "{text}");
}

#[test]
fn a_forged_pass_in_run_output_is_shown_escaped() {
    let course = ForgingCourse::new("run");
    let (code, text) = course.run(&["run", "ex01"]);
    assert_eq!(code, 0, "{text}");
    assert!(!drives_the_terminal(&text), "{text:?}");
    assert_eq!(
        text,
        "── rank 0 ── exited normally\n\
         \\r\\x1b[2K  ✓ rank 1  output matches\n\
         stderr| \\x1b]0;pwned\\x07\\x1b[2J all good\n"
    );
}

/// A folder of HTML for the book's server: a page, a 404 page, and a file large
/// enough (32 MiB) that a client not reading it fills the socket's buffers.
struct Site(PathBuf);

impl Site {
    fn new(name: &str) -> Site {
        let root = std::env::temp_dir().join(format!("workbook-input-site-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        write(&root.join("index.html"), "<h1>The book</h1>\n");
        write(&root.join("404.html"), "<h1>Not in the book</h1>\n");
        std::fs::write(root.join("big.bin"), vec![b'x'; 32 << 20]).unwrap();
        Site(root)
    }

    fn serve(&self) -> SocketAddr {
        runner::book::serve_site(self.0.clone(), "127.0.0.1", 0).unwrap()
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A response: status code, head (status line and headers) and body.
struct Reply {
    status: u16,
    head: String,
    body: Vec<u8>,
}

/// Sends `request` on a new connection and reads the reply until the server closes
/// it; a server that does not answer within 5 s fails the test.
fn http(addr: SocketAddr, request: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    stream.write_all(request).unwrap();
    let mut bytes = Vec::new();
    stream
        .read_to_end(&mut bytes)
        .unwrap_or_else(|e| panic!("no reply to {:?}: {e}", String::from_utf8_lossy(request)));
    let end = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a reply with a head");
    let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    Reply {
        status,
        head,
        body: bytes[end + 4..].to_vec(),
    }
}

/// A request of `method` for `url`, closing the connection after the reply.
fn request(method: &str, url: &str, extra_headers: &str) -> Vec<u8> {
    format!("{method} {url} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{extra_headers}\r\n")
        .into_bytes()
}

#[test]
fn the_book_server_answers_get_and_head() {
    let site = Site::new("get");
    let addr = site.serve();
    let get = http(addr, &request("GET", "/", ""));
    assert_eq!(get.status, 200, "{}", get.head);
    assert_eq!(get.body, b"<h1>The book</h1>\n");
    let head = http(addr, &request("HEAD", "/index.html", ""));
    assert_eq!(head.status, 200, "{}", head.head);
    assert!(head.head.contains("\r\nContent-Length: 18"), "{}", head.head);
    assert!(head.body.is_empty());
    let missing = http(addr, &request("GET", "/missing.html", ""));
    assert_eq!(missing.status, 404, "{}", missing.head);
    assert_eq!(missing.body, b"<h1>Not in the book</h1>\n");
}

#[test]
fn the_book_server_refuses_other_methods_bodies_and_long_urls() {
    let site = Site::new("refuse");
    let addr = site.serve();
    let post = http(addr, &request("POST", "/", "Content-Length: 5\r\n\r\nhello"));
    assert_eq!(post.status, 405, "{}", post.head);
    assert!(post.head.contains("\r\nAllow: GET, HEAD"), "{}", post.head);
    assert_eq!(
        String::from_utf8_lossy(&post.body),
        "POST is not served here: the book's server answers GET, HEAD only.\n"
    );
    let delete = http(addr, &request("DELETE", "/index.html", ""));
    assert_eq!(delete.status, 405, "{}", delete.head);
    let body = http(addr, &request("GET", "/", "Content-Length: 5\r\n\r\nhello"));
    assert_eq!(body.status, 413, "{}", body.head);
    assert_eq!(
        String::from_utf8_lossy(&body.body),
        "A GET request has no body here: the book's server only sends files.\n"
    );
    let chunked = http(
        addr,
        &request(
            "GET",
            "/",
            "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        ),
    );
    assert_eq!(chunked.status, 413, "{}", chunked.head);
    let long = http(addr, &request("GET", &format!("/{}", "a".repeat(3000)), ""));
    assert_eq!(long.status, 414, "{}", long.head);
    assert_eq!(
        String::from_utf8_lossy(&long.body),
        "The URL is 3001 bytes long; no page of the book has one longer than 2048.\n"
    );
}

#[test]
fn the_book_server_bounds_what_a_request_can_make_it_hold() {
    let site = Site::new("bounds");
    let addr = site.serve();
    // A body claimed to be exabytes long, refused unread; the server stays up.
    let lying = http(
        addr,
        &request("POST", "/", "Content-Length: 4611686018427387904\r\n\r\nabc"),
    );
    assert_eq!(lying.status, 405, "{}", lying.head);
    let lying = http(
        addr,
        &request("GET", "/", "Content-Length: 4611686018427387904\r\n\r\nabc"),
    );
    assert_eq!(lying.status, 413, "{}", lying.head);
    // A request line or headers past 8 KiB are not read further.
    let endless_url = http(addr, format!("GET /{}", "a".repeat(20_000)).as_bytes());
    assert_eq!(endless_url.status, 414, "{}", endless_url.head);
    assert_eq!(
        String::from_utf8_lossy(&endless_url.body),
        "The request line is longer than 8192 bytes; no page of the book has a URL longer than 2048.\n"
    );
    let big_headers = http(addr, &request("GET", "/", &"X-Padding: aaaaaaaa\r\n".repeat(500)));
    assert_eq!(big_headers.status, 431, "{}", big_headers.head);
    let not_http = http(addr, b"hello there\r\n\r\n");
    assert_eq!(not_http.status, 400, "{}", not_http.head);
    let get = http(addr, &request("GET", "/", ""));
    assert_eq!(get.status, 200, "{}", get.head);
}

#[test]
fn a_slow_client_does_not_hold_up_the_others() {
    let site = Site::new("slow");
    let addr = site.serve();
    // One connects and says nothing; one asks for the large file and never reads it.
    let _silent = TcpStream::connect(addr).unwrap();
    let mut stalled = TcpStream::connect(addr).unwrap();
    stalled.write_all(&request("GET", "/big.bin", "")).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    for _ in 0..3 {
        let get = http(addr, &request("GET", "/", ""));
        assert_eq!(get.status, 200, "{}", get.head);
    }
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
}
