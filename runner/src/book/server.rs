//! `runner book serve`: builds the book, serves the HTML over HTTP on one thread and
//! rebuilds it on another when a source changes. Reload the page to see a rebuild; the
//! book has no live reload, which would need a websocket endpoint for little gain.

use super::driver::build;
use super::watch::{self, Snapshot};
use crate::course::Course;
use anyhow::{anyhow, Context, Result};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};
use tiny_http::{Header, Response, Server};

/// How often the sources are checked for changes.
const POLL: Duration = Duration::from_secs(1);

/// Builds the book, then serves it at `http://host:port/` and rebuilds it on changes,
/// until the process is interrupted (Ctrl-C).
///
/// The first build must succeed, as there is nothing to serve otherwise; a later failed
/// build is reported and the previous HTML stays online until the next change.
pub fn serve(course: &Course, host: &str, port: u16) -> Result<()> {
    let index = build(course)?;
    let site = index
        .parent()
        .context("the built book's index.html has no directory")?
        .to_path_buf();
    let server = Server::http((host, port)).map_err(|e| {
        anyhow!(
            "cannot serve the book on {host}:{port}: {e}.\n\
             If another program uses that port, pick another one with --port."
        )
    })?;
    let url = match server.server_addr().to_ip() {
        Some(addr) => format!("http://{addr}/"),
        None => format!("http://{host}:{port}/"),
    };
    println!("Serving the book at {url}");
    println!(
        "Rebuilding it when {} change (checked every second). Press Ctrl-C to stop.",
        watch::describe(course)
    );
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let response = respond(&site, request.url());
            // An error here means the browser went away; the next request is unaffected.
            let _ = request.respond(response);
        }
    });
    rebuild_on_change(course)
}

/// Polls the sources forever, rebuilding after each change.
fn rebuild_on_change(course: &Course) -> Result<()> {
    let mut last = Snapshot::take(course);
    loop {
        std::thread::sleep(POLL);
        let now = Snapshot::take(course);
        if let Some(path) = now.changed(&last) {
            let started = Instant::now();
            println!("{} changed: rebuilding…", course.relative(path));
            match build(course) {
                Ok(_) => println!("Rebuilt in {:.1?}; reload the page.", started.elapsed()),
                Err(e) => eprintln!("error: {e:#}\nThe previous build stays online; fix the error and save."),
            }
        }
        last = now;
    }
}

/// The response to a GET of `url`: the file under `site`, `index.html` for a
/// directory, or the book's 404 page.
fn respond(site: &Path, url: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    if let Some(file) = resolve(site, url) {
        if let Ok(bytes) = std::fs::read(&file) {
            return with_type(Response::from_data(bytes), &file);
        }
    }
    let page = site.join("404.html");
    match std::fs::read(&page) {
        Ok(bytes) => with_type(Response::from_data(bytes), &page),
        Err(_) => Response::from_string(format!("{url} is not part of the book")),
    }
    .with_status_code(404)
}

/// The file `url` names below `site`, if any. Refuses `..` and anything else that
/// could leave `site`.
fn resolve(site: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let mut file = site.to_path_buf();
    for part in percent_decode(path)?.split('/').filter(|p| !p.is_empty()) {
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

/// Adds the Content-Type header for the kinds of files mdBook writes.
fn with_type<R: std::io::Read>(response: Response<R>, file: &Path) -> Response<R> {
    let extension = file.extension().and_then(|e| e.to_str()).unwrap_or_default();
    let kind = match extension {
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
    };
    match Header::from_bytes("Content-Type", kind) {
        Ok(header) => response.with_header(header),
        Err(()) => response,
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
}
