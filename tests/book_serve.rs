//! `runner book serve` as a reader uses it: the pages it serves reload themselves after
//! a rebuild. The server adds a script to every page that asks `/__workbook/build`
//! which build it is at; a change to a page's source must change that answer and the
//! page, while the files that `book build` writes stay free of the script.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a rebuild of the one-page book may take on a busy machine.
const REBUILD: Duration = Duration::from_secs(60);

/// A course with no exercises and a book of one page, in a temporary folder.
fn one_page_course(dir: &std::path::Path) {
    let write = |path: &str, text: &str| {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "info.toml",
        "format = 1\ntitle = \"Serve test\"\nexpected = \"tests/snapshots\"\n",
    );
    write(
        "book/book.toml",
        "[book]\ntitle = \"Serve test\"\nsrc = \"src\"\n",
    );
    write("book/src/SUMMARY.md", "# Summary\n\n- [A page](page.md)\n");
    write("book/src/page.md", "# A page\n\nThe first version.\n");
}

/// `runner book serve` on a free port, killed when dropped (also when the test fails).
struct Server {
    child: Child,
    address: String,
}

impl Server {
    fn start(course: &std::path::Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_runner"))
            .args(["book", "serve", "--port", "0"])
            .env("WORKBOOK_COURSE", course)
            // Polling works on every file system the tests may run on.
            .env("WORKBOOK_WATCH", "poll")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let address = served_address(child.stdout.take().unwrap());
        Server { child, address }
    }

    /// The body of a GET of `path`, which must answer 200 OK.
    fn get(&self, path: &str) -> String {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut reply = String::new();
        stream.read_to_string(&mut reply).unwrap();
        let (head, body) = reply.split_once("\r\n\r\n").expect("a reply with a head");
        assert!(head.starts_with("HTTP/1.1 200 "), "GET {path}: {head}");
        body.to_string()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The address from the server's "Serving the book at http://…/" line. The rest of its
/// output is read and dropped on a thread, so that the server never blocks on a full
/// pipe.
fn served_address(stdout: ChildStdout) -> String {
    let mut lines = BufReader::new(stdout).lines();
    let address = loop {
        let line = lines
            .next()
            .expect("`book serve` ended before it served the book")
            .unwrap();
        if let Some(rest) = line.strip_prefix("Serving the book at http://") {
            break rest.trim_end_matches('/').to_string();
        }
    };
    std::thread::spawn(move || lines.for_each(drop));
    address
}

#[test]
fn a_served_page_reloads_itself_after_a_rebuild() {
    let dir = common::TempDir::new("book-serve");
    one_page_course(dir.path());
    let server = Server::start(dir.path());

    let page = server.get("/page.html");
    assert!(page.contains("The first version."), "{page}");
    assert!(page.contains("fetch(\"/__workbook/build\""), "{page}");
    let first = server.get("/__workbook/build");
    assert!(
        page.contains(&format!("now === \"{first}\"")),
        "{first} not in {page}"
    );
    let on_disk = std::fs::read_to_string(dir.path().join("book/book/page.html")).unwrap();
    assert!(!on_disk.contains("__workbook"), "the built file has the script");

    // Polling compares modification times in whole seconds: save in the next one.
    std::thread::sleep(Duration::from_millis(1100));
    std::fs::write(
        dir.path().join("book/src/page.md"),
        "# A page\n\nThe second version.\n",
    )
    .unwrap();
    let started = Instant::now();
    while server.get("/__workbook/build") == first {
        assert!(started.elapsed() < REBUILD, "no rebuild within {REBUILD:?}");
        std::thread::sleep(Duration::from_millis(200));
    }
    let page = server.get("/page.html");
    assert!(page.contains("The second version."), "{page}");
    assert!(!page.contains(&format!("now === \"{first}\"")), "{page}");
}
