//! `runner book serve`: builds the book, serves the HTML over HTTP and rebuilds it when
//! a source changes; open pages then reload themselves. The server adds a small script
//! to every page it sends, which asks [`BUILD_URL`] once a second which build the server
//! is at and reloads the page when that changes: plain requests, where mdBook's own
//! `serve` keeps a websocket open, because a request per second to this machine costs
//! nothing and holds no connection or thread.
//!
//! The server only sends files: it answers GET and HEAD, one request per connection,
//! each connection on a thread of its own, so that a client slow to send or to read
//! holds up no other. What a client can make it hold is bounded: a request head of at
//! most [`MAX_HEAD`] bytes, sent within [`READ_TIME`], a URL of at most [`MAX_URL`]
//! bytes, and no body. It is written on std's sockets, with httparse reading requests,
//! because tiny_http, used before, read request heads without a limit and, refusing a
//! body unread, allocated as much memory as the body claimed to need: one request
//! claiming exabytes aborted the server.

use super::driver::build;
use super::watch::{self, Snapshot};
use crate::course::Course;
use anyhow::{anyhow, Context, Result};
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

/// How often the sources are checked for changes.
const POLL: Duration = Duration::from_secs(1);

/// The most bytes of request line and headers read. A browser sends well under 2 KiB.
const MAX_HEAD: usize = 8 * 1024;

/// The most headers a request may have; a browser sends about a dozen.
const MAX_HEADERS: usize = 64;

/// The longest URL served. The book's paths are a few dozen characters; 2 KiB is what
/// browsers and servers have long agreed on, and a longer one is not a page of the book.
const MAX_URL: usize = 2048;

/// How long a client has to send its request: a browser sends it at once, and a
/// client that trickles it in would hold a thread for as long as it liked.
const READ_TIME: Duration = Duration::from_secs(10);

/// How long writing a reply may stall before the client counts as gone.
const WRITE_TIME: Duration = Duration::from_secs(30);

/// How long a closing connection is drained of what the client still sends (see [`close`]).
const LINGER: Duration = Duration::from_secs(1);

/// How long to wait after a connection could not be accepted.
const ACCEPT_PAUSE: Duration = Duration::from_millis(50);

/// The methods the server answers, as the `Allow` header of a 405 lists them.
const ALLOWED: &str = "GET, HEAD";

/// Where a page served by `book serve` asks which build the server is at. No file of
/// the book has this name: mdBook writes nothing that starts with `__`.
pub const BUILD_URL: &str = "/__workbook/build";

/// A status code with its reason phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Status(u16, &'static str);

const OK: Status = Status(200, "OK");
const BAD_REQUEST: Status = Status(400, "Bad Request");
const NOT_FOUND: Status = Status(404, "Not Found");
const METHOD_NOT_ALLOWED: Status = Status(405, "Method Not Allowed");
const REQUEST_TIMEOUT: Status = Status(408, "Request Timeout");
const CONTENT_TOO_LARGE: Status = Status(413, "Content Too Large");
const URI_TOO_LONG: Status = Status(414, "URI Too Long");
const HEADERS_TOO_LARGE: Status = Status(431, "Request Header Fields Too Large");

/// What the server needs of a request.
struct Request {
    method: String,
    url: String,
    /// A Content-Length above 0 or a Transfer-Encoding: a body the server has no use for.
    has_body: bool,
}

/// A complete reply, read into memory: the book's files are small.
struct Reply {
    status: Status,
    content_type: &'static str,
    body: Vec<u8>,
}

/// What the server answers from: the built book, and under `book serve` the count of
/// its builds, which tells open pages when to reload.
struct Served {
    site: PathBuf,
    builds: Option<Arc<Builds>>,
}

/// The builds of one `book serve`: a rebuild changes the id that its pages compare.
struct Builds {
    /// When this server started, in milliseconds, so that the ids of a restarted server
    /// differ from the last one's, and pages left open across the restart reload too.
    started: u128,
    count: AtomicU64,
}

impl Builds {
    fn new() -> Builds {
        let since_epoch = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH);
        Builds {
            started: since_epoch.map(|d| d.as_millis()).unwrap_or_default(),
            count: AtomicU64::new(0),
        }
    }

    /// The current build's id: letters, digits and `-`, safe inside a script's string.
    fn id(&self) -> String {
        format!("{:x}-{}", self.started, self.count.load(Ordering::SeqCst))
    }

    fn rebuilt(&self) {
        self.count.fetch_add(1, Ordering::SeqCst);
    }
}

/// Builds the book, then serves it at `http://host:port/` and rebuilds it on changes,
/// until the process is interrupted (Ctrl-C).
///
/// The first build must succeed, as there is nothing to serve otherwise; a later failed
/// build is reported and the previous HTML stays online until the next change.
pub fn serve(course: &Course, host: &str, port: u16) -> Result<()> {
    // Watching starts before the first build, so that an edit saved while it runs, or
    // right after, is not missed.
    let before = Snapshot::take(course);
    let index = build(course)?;
    let site = index
        .parent()
        .context("the built book's index.html has no directory")?
        .to_path_buf();
    let builds = Arc::new(Builds::new());
    let served = Served {
        site,
        builds: Some(Arc::clone(&builds)),
    };
    let addr = listen(served, host, port)?;
    println!("Serving the book at http://{addr}/");
    println!(
        "Rebuilding it when {} change (checked every second); open pages reload. Press Ctrl-C \
         to stop.",
        watch::describe(course)
    );
    rebuild_on_change(course, &builds, before)
}

/// Serves the files under `site` at `host:port` (port 0 picks a free one) on threads of
/// their own, and returns the address it listens on. A rebuild replaces the files in
/// place, so the next request sees it. The files go out as they are, with no script
/// added: that is `book serve`'s.
pub fn serve_site(site: PathBuf, host: &str, port: u16) -> Result<SocketAddr> {
    listen(Served { site, builds: None }, host, port)
}

/// Serves `served` at `host:port`, each connection on a thread of its own.
fn listen(served: Served, host: &str, port: u16) -> Result<SocketAddr> {
    let listener = TcpListener::bind((host, port)).map_err(|e| {
        anyhow!(
            "cannot serve the book on {host}:{port}: {e}.\n\
             If another program uses that port, pick another one with --port."
        )
    })?;
    let addr = listener
        .local_addr()
        .context("asking the book's server for its address")?;
    let served = Arc::new(served);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            match stream {
                Ok(stream) => {
                    let served = Arc::clone(&served);
                    std::thread::spawn(move || serve_connection(&served, stream));
                }
                // A client that gave up concerns no other; out of file descriptors,
                // accepting fails until a connection closes, so wait rather than spin.
                Err(_) => std::thread::sleep(ACCEPT_PAUSE),
            }
        }
    });
    Ok(addr)
}

/// Answers the one request of a connection, then closes it. A client that went away
/// gets nothing, and no one else notices.
fn serve_connection(served: &Served, mut stream: TcpStream) {
    let (reply, with_body) = match read_request(&mut stream) {
        None => return,
        Some(Err(refusal)) => (refusal, true),
        Some(Ok(request)) => (answer(served, &request), request.method != "HEAD"),
    };
    if stream.set_write_timeout(Some(WRITE_TIME)).is_ok() && send(&mut stream, &reply, with_body).is_ok() {
        close(stream);
    }
}

/// Reads a request head of at most [`MAX_HEAD`] bytes within [`READ_TIME`]: the
/// request, or the reply that refuses it; `None` if the client closed the connection
/// or it failed. Bytes after the head (a body) are left unread.
fn read_request(stream: &mut TcpStream) -> Option<Result<Request, Reply>> {
    let deadline = Instant::now() + READ_TIME;
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0; 1024];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        stream
            .set_read_timeout(Some(left.max(Duration::from_millis(1))))
            .ok()?;
        let read = match stream.read(&mut chunk) {
            Ok(0) => return None,
            Ok(read) => read,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Some(Err(Reply::text(
                    REQUEST_TIMEOUT,
                    format!("The request did not arrive within {} s.\n", READ_TIME.as_secs()),
                )));
            }
            Err(_) => return None,
        };
        head.extend_from_slice(&chunk[..read]);
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut parsed = httparse::Request::new(&mut headers);
        let outcome = match parsed.parse(&head) {
            Ok(httparse::Status::Complete(_)) => Ok(Request::from_parsed(&parsed)),
            Ok(httparse::Status::Partial) if head.len() < MAX_HEAD => continue,
            Ok(httparse::Status::Partial) => Err(too_long(&head)),
            Err(httparse::Error::TooManyHeaders) => Err(Reply::text(
                HEADERS_TOO_LARGE,
                format!("The request has more than {MAX_HEADERS} headers; a browser sends about a dozen.\n"),
            )),
            Err(_) => Err(Reply::text(
                BAD_REQUEST,
                "This is not an HTTP/1 request; the book's server answers a browser's GET and HEAD.\n".into(),
            )),
        };
        return Some(outcome);
    }
}

/// The refusal of a head longer than [`MAX_HEAD`]: the URL is too long if the request
/// line (method, URL, version) has not even ended, else the headers are.
fn too_long(head: &[u8]) -> Reply {
    if head.contains(&b'\n') {
        Reply::text(
            HEADERS_TOO_LARGE,
            format!("The request's headers are longer than {MAX_HEAD} bytes; a browser's fit in 2 KiB.\n"),
        )
    } else {
        Reply::text(
            URI_TOO_LONG,
            format!(
                "The request line is longer than {MAX_HEAD} bytes; no page of the book has a URL \
                 longer than {MAX_URL}.\n"
            ),
        )
    }
}

impl Request {
    fn from_parsed(parsed: &httparse::Request) -> Request {
        let has_body = parsed.headers.iter().any(|h| {
            h.name.eq_ignore_ascii_case("Transfer-Encoding")
                || (h.name.eq_ignore_ascii_case("Content-Length") && h.value.trim_ascii() != b"0")
        });
        Request {
            method: parsed.method.unwrap_or_default().to_string(),
            url: parsed.path.unwrap_or_default().to_string(),
            has_body,
        }
    }
}

/// The reply to a complete request: a refusal, the file it names, or under `book serve`
/// the current build's id. A server of static files has no use for a body, and refusing
/// it unread bounds what a request can make the server hold.
fn answer(served: &Served, request: &Request) -> Reply {
    let Request {
        method,
        url,
        has_body,
    } = request;
    if method != "GET" && method != "HEAD" {
        Reply::text(
            METHOD_NOT_ALLOWED,
            format!("{method} is not served here: the book's server answers {ALLOWED} only.\n"),
        )
    } else if url.len() > MAX_URL {
        Reply::text(
            URI_TOO_LONG,
            format!(
                "The URL is {} bytes long; no page of the book has one longer than {MAX_URL}.\n",
                url.len()
            ),
        )
    } else if *has_body {
        Reply::text(
            CONTENT_TOO_LARGE,
            format!("A {method} request has no body here: the book's server only sends files.\n"),
        )
    } else {
        match &served.builds {
            None => respond(&served.site, url),
            Some(builds) if path_of(url) == BUILD_URL => Reply::text(OK, builds.id()),
            Some(builds) => respond(&served.site, url).with_reload(&builds.id()),
        }
    }
}

impl Reply {
    fn text(status: Status, text: String) -> Reply {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            body: text.into_bytes(),
        }
    }

    /// An HTML page with the script that reloads it once the server is past `build`,
    /// before its last `</body>` (at its end if it has none); any other reply as it is.
    fn with_reload(mut self, build: &str) -> Reply {
        if self.content_type.starts_with("text/html") {
            let at = self
                .body
                .windows(7)
                .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
                .unwrap_or(self.body.len());
            self.body.splice(at..at, reload_script(build).into_bytes());
        }
        self
    }
}

/// Asks the server every second which build it is at, and reloads the page when that is
/// not `build`, the one the page came from. A server that does not answer (stopped, or
/// restarting) is asked again every two seconds, and an error counts as no change; a
/// failed rebuild keeps the id, so the page stays as it is.
fn reload_script(build: &str) -> String {
    const SCRIPT: &str = r#"<script>
// Added by `runner book serve`: reloads this page when the book has been rebuilt.
(() => {
    const check = () => fetch("BUILD_URL", { cache: "no-store" })
        .then((reply) => (reply.ok ? reply.text() : "BUILD"))
        .then((now) => (now === "BUILD" ? setTimeout(check, 1000) : location.reload()))
        .catch(() => setTimeout(check, 2000));
    setTimeout(check, 1000);
})();
</script>
"#;
    SCRIPT
        .replace("BUILD_URL", BUILD_URL)
        .replace("\"BUILD\"", &format!("\"{build}\""))
}

/// Writes `reply`, with its body unless it answers a HEAD. Every reply closes the
/// connection; a 405 says which methods are allowed, as HTTP requires.
fn send(stream: &mut TcpStream, reply: &Reply, with_body: bool) -> std::io::Result<()> {
    let Status(code, reason) = reply.status;
    let mut head = format!(
        "HTTP/1.1 {code} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.content_type,
        reply.body.len()
    );
    if reply.status == METHOD_NOT_ALLOWED {
        head.push_str(&format!("Allow: {ALLOWED}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if with_body {
        stream.write_all(&reply.body)?;
    }
    stream.flush()
}

/// Closes a connection without losing the reply. Closing a socket with unread bytes
/// (a refused body) resets the connection, which can discard the reply before the
/// client reads it; so the server stops writing, then reads and drops what still comes,
/// for at most [`LINGER`].
fn close(mut stream: TcpStream) {
    let until = Instant::now() + LINGER;
    if stream.shutdown(Shutdown::Write).is_err() || stream.set_read_timeout(Some(LINGER)).is_err() {
        return;
    }
    let mut sink = [0; 4096];
    while Instant::now() < until && matches!(stream.read(&mut sink), Ok(read) if read > 0) {}
}

/// Polls the sources forever, rebuilding after each change since `last`; a successful
/// rebuild is counted in `builds`, which makes the open pages reload.
fn rebuild_on_change(course: &Course, builds: &Builds, mut last: Snapshot) -> Result<()> {
    loop {
        std::thread::sleep(POLL);
        let now = Snapshot::take(course);
        if let Some(path) = now.changed(&last) {
            let started = Instant::now();
            println!("{} changed: rebuilding…", course.relative(path));
            match build(course) {
                Ok(_) => {
                    builds.rebuilt();
                    println!("Rebuilt in {:.1?}; open pages reload.", started.elapsed());
                }
                Err(e) => eprintln!("error: {e:#}\nThe previous build stays online; fix the error and save."),
            }
        }
        last = now;
    }
}

/// The reply to a GET of `url`: the file under `site`, `index.html` for a directory, or
/// the book's 404 page.
fn respond(site: &Path, url: &str) -> Reply {
    if let Some(file) = resolve(site, url) {
        if let Ok(body) = std::fs::read(&file) {
            return Reply {
                status: OK,
                content_type: content_type(&file),
                body,
            };
        }
    }
    let page = site.join("404.html");
    match std::fs::read(&page) {
        Ok(body) => Reply {
            status: NOT_FOUND,
            content_type: content_type(&page),
            body,
        },
        Err(_) => Reply::text(NOT_FOUND, format!("{url} is not part of the book\n")),
    }
}

/// The path of a URL, without its query and fragment.
fn path_of(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or_default()
}

/// The file `url` names below `site`, if any. Refuses `..` and anything else that
/// could leave `site`.
fn resolve(site: &Path, url: &str) -> Option<PathBuf> {
    let mut file = site.to_path_buf();
    for part in percent_decode(path_of(url))?.split('/').filter(|p| !p.is_empty()) {
        let mut components = Path::new(part).components();
        match (components.next(), components.next()) {
            (Some(Component::Normal(name)), None) => file.push(name),
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

/// Decodes `%XX` escapes; `None` if the result is not UTF-8 or an escape is broken.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type of the kinds of files mdBook writes.
fn content_type(file: &Path) -> &'static str {
    let extension = file.extension().and_then(|e| e.to_str()).unwrap_or_default();
    match extension {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_map_into_the_site_only() {
        let site = std::env::temp_dir().join(format!("book-serve-test-{}", std::process::id()));
        std::fs::create_dir_all(site.join("mpi p2p")).unwrap();
        std::fs::write(site.join("index.html"), "i").unwrap();
        std::fs::write(site.join("mpi p2p/send-recv.html"), "s").unwrap();
        assert_eq!(resolve(&site, "/"), Some(site.join("index.html")));
        assert_eq!(
            resolve(&site, "/mpi%20p2p/send-recv.html?x#y"),
            Some(site.join("mpi p2p/send-recv.html"))
        );
        assert_eq!(resolve(&site, "/../index.html"), None);
        assert_eq!(resolve(&site, "/%2e%2e/index.html"), None);
        assert_eq!(resolve(&site, "/missing.html"), None);
        std::fs::remove_dir_all(site).unwrap();
    }

    fn reply(content_type: &'static str, body: &str) -> Reply {
        Reply {
            status: OK,
            content_type,
            body: body.into(),
        }
    }

    #[test]
    fn pages_get_the_reload_script_before_their_end_and_other_files_nothing() {
        let page = reply("text/html; charset=utf-8", "<p>x</p></BODY></html>\n").with_reload("ab-1");
        let page = String::from_utf8(page.body).unwrap();
        assert!(page.starts_with("<p>x</p><script>\n"), "{page}");
        assert!(page.ends_with("</script>\n</BODY></html>\n"), "{page}");
        assert!(page.contains(r#"fetch("/__workbook/build", "#), "{page}");
        assert!(page.contains(r#"now === "ab-1" ? "#), "{page}");
        let fragment = reply("text/html; charset=utf-8", "<p>x</p>").with_reload("ab-1");
        assert!(String::from_utf8(fragment.body).unwrap().ends_with("</script>\n"));
        let css = reply("text/css; charset=utf-8", "</body>").with_reload("ab-1");
        assert_eq!(css.body, b"</body>");
    }

    #[test]
    fn a_rebuild_changes_the_build_id() {
        let builds = Builds::new();
        let first = builds.id();
        assert_eq!(builds.id(), first);
        builds.rebuilt();
        assert_ne!(builds.id(), first);
        assert!(builds.id().chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    }
}
