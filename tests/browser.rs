//! The book as a reader gets it (issue 16). `runner book build` writes the book into a
//! temporary folder, as tests/book.rs does, and:
//!
//! - its search index holds the pages' text but neither their speaker notes nor the
//!   solutions (no browser needed);
//! - headless Chromium opens its pages 1280 px wide, as on an attendee's laptop: a
//!   search for "scatterv" finds the exercise and shows no solution; the scatterv-reduce
//!   page shows rank 0's expected output whole; no code block or table of that page or
//!   of its chapter's is wider than its box (workbook.js sets one in smaller type when
//!   it has to); no `{{#…}}` directive is left, in the HTML files or on the rendered
//!   pages; the speaker notes are hidden, and shown with `?notes`;
//! - and the runner's page, in a window as narrow as Chromium makes one (the phone
//!   layout): the page does not scroll sideways, and no flag of inline code breaks
//!   between its hyphens.
//!
//! A script added to each page opened ([`PROBE`]) measures what the test checks and
//! writes it into the page as JSON, which `chromium --dump-dom` prints: Chromium's own
//! command line is all the test needs, no DevTools client.
//!
//! Chromium is Debian's `chromium`, found on the PATH. Where it is missing, the browser
//! test prints "skipped: install chromium (apt-get install chromium) to run the browser
//! test" to standard error and passes, unless the environment variable `CI` is set:
//! .ci/run installs Chromium, so there its absence is a failure.

mod common;

use runner::course::{Course, Exercise, Variant};
use serde_json::Value;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The exercise whose page and search are checked.
const EXERCISE: &str = "scatterv-reduce";

/// The most a page may take in Chromium: a page takes 1 to 4 s on a busy 2-core
/// machine, and only a Chromium that hangs should ever reach this.
const PAGE_TIMEOUT: Duration = Duration::from_secs(60);

/// An attendee's laptop, and a phone (390 px, the width the book's phone defects were
/// seen at). Headless Chromium makes no window narrower than about 500 px, whatever is
/// asked: the page is then 485 px wide, which still gets the phone layout that
/// workbook.css gives below 700 px.
const LAPTOP: u32 = 1280;
const PHONE: u32 = 390;

/// Below this width workbook.css lays the book out for a phone.
const PHONE_LAYOUT: f64 = 700.0;

/// Builds the book with `runner book build` into `<temp>/book` and returns that folder.
fn build_book(temp: &common::TempDir) -> PathBuf {
    let book = temp.path().join("book");
    let out = Command::new(env!("CARGO_BIN_EXE_runner"))
        .args(["book", "build"])
        .current_dir(common::workspace())
        .env("MDBOOK_BUILD__BUILD_DIR", &book)
        .env("MDBOOK_BUILD__CREATE_MISSING", "false")
        .output()
        .expect("the runner starts");
    assert!(
        out.status.success(),
        "`runner book build` failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    book
}

/// Every file under `dir`, in its subfolders too, whose name ends in `.{extension}`.
fn files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for path in entries.map(|entry| entry.unwrap().path()) {
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == extension) {
                found.push(path);
            }
        }
    }
    found
}

/// The text of a file the test reads, with the file named when it cannot be read.
fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every section of the book that search can show: its address and its text (title,
/// body and breadcrumbs), read from `searchindex-<hash>.js`.
fn search_documents(book: &Path) -> Vec<(String, String)> {
    let file = files(book, "js")
        .into_iter()
        .find(|path| path.parent() == Some(book) && path.to_string_lossy().contains("/searchindex"))
        .expect("the book has a search index");
    let script = read(&file);
    // mdBook writes `...JSON.parse('<json>'));`, with `\` and `'` escaped by a backslash.
    const FORMAT: &str = "searchindex.js as mdBook 0.5 writes it";
    let quoted = script
        .split_once("JSON.parse('")
        .and_then(|(_, rest)| rest.strip_suffix("'));"))
        .expect(FORMAT);
    let mut json = String::with_capacity(quoted.len());
    let mut chars = quoted.chars();
    while let Some(c) = chars.next() {
        json.push(if c == '\\' { chars.next().expect(FORMAT) } else { c });
    }
    let index: Value = serde_json::from_str(&json).expect(FORMAT);
    let urls = index["doc_urls"].as_array().expect(FORMAT);
    let docs = index["index"]["documentStore"]["docs"].as_object().expect(FORMAT);
    let url = |id: &str| id.parse::<usize>().ok().and_then(|id| urls.get(id)?.as_str());
    docs.iter()
        .map(|(id, doc)| {
            let text = ["title", "body", "breadcrumbs"].map(|field| doc[field].as_str().unwrap_or_default());
            (url(id).expect(FORMAT).to_string(), text.join("\n"))
        })
        .collect()
}

/// The longest start of a line of Markdown that renders as the same plain text (no
/// markup, quotes or dashes that mdBook would change), if it has at least 20 characters.
fn plain_start(line: &str) -> Option<&str> {
    let line = line.trim().trim_start_matches("- ");
    let end = line
        .find(|c: char| !(c.is_alphanumeric() || " ,;:()".contains(c)))
        .unwrap_or(line.len());
    let start = line[..end].trim_end();
    (start.len() >= 20).then_some(start)
}

/// A page of book/src with speaker notes: where it is built, the plain start of a line
/// of its prose and of a line of its notes.
struct NotedPage {
    html: PathBuf,
    prose: String,
    note: String,
}

/// Every page of book/src whose speaker notes start with a line of plain text; a block
/// shown in a fenced code block (the instructor's guide shows how to write one) is not
/// a page's notes.
fn pages_with_notes(src: &Path) -> Vec<NotedPage> {
    let mut found = Vec::new();
    for path in files(src, "md") {
        let Some((prose, note)) = prose_and_note(&read(&path)) else {
            continue;
        };
        let page = path.strip_prefix(src).expect("a page of book/src");
        let html = match page.file_stem().and_then(|stem| stem.to_str()) {
            Some("README") => page.with_file_name("index.html"),
            _ => page.with_extension("html"),
        };
        found.push(NotedPage { html, prose, note });
    }
    found
}

/// The plain start of the page's first line of prose and of its notes' first item.
fn prose_and_note(page: &str) -> Option<(String, String)> {
    let mut fenced = false;
    let mut prose = None;
    let mut lines = page.lines();
    while let Some(line) = lines.next() {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if fenced {
            continue;
        } else if line.trim() == r#"<details class="speaker-notes">"# {
            let item = lines.find(|l| l.starts_with("- "))?;
            return Some((prose?, plain_start(item)?.to_string()));
        } else if prose.is_none() && !line.starts_with(['#', '-', '>', '<', '|', '{', '*']) {
            prose = plain_start(line).map(String::from);
        }
    }
    None
}

/// Lines of the exercise's solution that neither its stub nor any page of the book has:
/// text that only the solution shows.
fn solution_only_lines(course: &Course, ex: &Exercise) -> Vec<String> {
    let main = |variant| read(&course.crate_dir(ex, variant).join("src/main.rs"));
    let stub = main(Variant::Exercise);
    let pages: String = files(&course.book_src(), "md")
        .iter()
        .map(|page| read(page))
        .collect();
    let lines: Vec<String> = main(Variant::Solution)
        .lines()
        .map(str::trim)
        .filter(|line| line.len() >= 20 && !stub.contains(line) && !pages.contains(line))
        .map(String::from)
        .collect();
    assert!(!lines.is_empty(), "{}'s solution has no line of its own", ex.id);
    lines
}

/// Search finds every page by its text, never by its speaker notes (they stay on the
/// page, for `?notes`), and never shows a line of a solution.
#[test]
fn the_search_index_holds_the_pages_but_not_their_notes_nor_the_solutions() {
    let temp = common::TempDir::new("browser-index");
    let book = build_book(&temp);
    let documents = search_documents(&book);
    let indexed = |text: &str| {
        documents
            .iter()
            .find(|(_, doc)| doc.contains(text))
            .map(|(url, _)| url)
    };

    let course = common::course();
    let pages = pages_with_notes(&course.book_src());
    assert!(pages.len() >= 10, "only {} pages have speaker notes", pages.len());
    for page in &pages {
        let html = read(&book.join(&page.html));
        assert!(
            html.contains(&page.note),
            "{}: the notes are not on the page",
            page.html.display()
        );
        assert!(
            indexed(&page.prose).is_some(),
            "{}: {:?} is not in the index",
            page.html.display(),
            page.prose
        );
        if let Some(url) = indexed(&page.note) {
            panic!(
                "{}: the note {:?} is in the index, at {url}",
                page.html.display(),
                page.note
            );
        }
    }

    let ex = course.resolve(EXERCISE).unwrap();
    for line in solution_only_lines(&course, ex) {
        if let Some(url) = indexed(&line) {
            panic!("the solution's line {line:?} is in the index, at {url}");
        }
    }
}

/// Added before the end of each page opened: once the page has settled (and a search
/// asked for in the address shows its results), opens the folded blocks as a reader
/// would, lets workbook.js fit them (on their `toggle` events: 1.5 s of the page's
/// virtual time is plenty), and writes what the test checks as JSON into a `pre#browser-probe`. The JSON is kept
/// to ASCII, so that the HTML that `--dump-dom` prints escapes only `&<>` in it.
const PROBE: &str = r##"
addEventListener("load", () => {
    const searching = new URLSearchParams(location.search).has("search");
    const settle = (tries) => {
        if (searching && !document.querySelector("#mdbook-searchresults li") && tries > 0) {
            setTimeout(() => settle(tries - 1), 100);
            return;
        }
        for (const folded of document.querySelectorAll("main details:not(.speaker-notes)")) {
            folded.open = true;
        }
        setTimeout(report, 1500);
    };
    settle(50);
});
function report() {
    const width = document.documentElement.clientWidth;
    const blocks = [...document.querySelectorAll("main pre, main pre > code, main .table-wrapper")]
        .filter((block) => block.checkVisibility())
        .map((block) => ({
            text: block.innerText,
            scroll: block.scrollWidth,
            client: block.clientWidth,
            right: block.getBoundingClientRect().right,
        }));
    const notes = [...document.querySelectorAll(".speaker-notes")].map((notes) => ({
        element: notes.localName,
        display: getComputedStyle(notes).display,
        visible: notes.checkVisibility(),
    }));
    const results = [...document.querySelectorAll("#mdbook-searchresults li")].map((result) => ({
        href: result.querySelector("a").href,
        text: result.innerText,
    }));
    // Inline code's words with a hyphen, which workbook.js keeps whole (`.nobreak`):
    // those laid out on more than one line.
    const flags = [...document.querySelectorAll(":not(pre) > code .nobreak")];
    const split = flags.filter((flag) => flag.getClientRects().length > 1).map((flag) => flag.textContent);
    const page = document.documentElement.scrollWidth;
    const json = JSON.stringify({
        width, page, text: document.body.innerText, blocks, notes, results, flags: flags.length, split,
    });
    const out = document.createElement("pre");
    out.id = "browser-probe";
    out.textContent = json.replace(/[^\x00-\x7f]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
    document.body.append(out);
}
"##;

/// Headless Chromium, with its profile and home in a temporary folder.
struct Chromium {
    binary: PathBuf,
    /// The test's temporary folder: the profile, the home, the probe. Every process of
    /// Chromium's has it on its command line, which is how the test finds them all.
    temp: PathBuf,
}

impl Chromium {
    /// Chromium on the PATH; `None`, after saying so, where it is not installed (a
    /// failure under CI).
    fn find(temp: &Path) -> Option<Chromium> {
        let paths = std::env::var_os("PATH").unwrap_or_default();
        let Some(binary) = std::env::split_paths(&paths)
            .map(|dir| dir.join("chromium"))
            .find(|p| p.is_file())
        else {
            assert!(
                std::env::var_os("CI").is_none(),
                "chromium is not installed: .ci/run should have installed it (apt-get install chromium)"
            );
            // Straight to stderr: `eprintln!` would be captured, and shown only on failure.
            let _ = writeln!(
                std::io::stderr(),
                "skipped: install chromium (apt-get install chromium) to run the browser test"
            );
            return None;
        };
        std::fs::write(temp.join("probe.js"), PROBE).unwrap();
        Some(Chromium {
            binary,
            temp: temp.to_path_buf(),
        })
    }

    /// Opens `page` of `book` with `query` appended to its address in a window `width`
    /// pixels wide, and returns the probe's report.
    fn open(&self, book: &Path, page: &Path, query: &str, width: u32) -> Value {
        let file = book.join(page);
        let html = read(&file);
        let probe = format!(
            "<script src=\"file://{}\"></script>",
            self.temp.join("probe.js").display()
        );
        // A page opened twice (with and without `?notes`) has it already.
        if !html.contains(&probe) {
            let html = html.replacen("</body>", &format!("{probe}</body>"), 1);
            std::fs::write(&file, html).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        }
        let url = format!("file://{}{query}", file.display());
        let dom = self.dump_dom(&url, width);
        let report = dom
            .split_once(r#"<pre id="browser-probe">"#)
            .and_then(|(_, rest)| rest.split_once("</pre>"))
            .unwrap_or_else(|| panic!("no report from {url}:\n{dom}"))
            .0;
        let json = report
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("the report from {url}: {e}\n{json}"))
    }

    /// The page's DOM once its scripts have run (`--virtual-time-budget` lets its timers
    /// run without waiting for them in real time). Chromium and all its helper processes
    /// have ended when this returns.
    fn dump_dom(&self, url: &str, width: u32) -> String {
        let home = self.temp.join("home");
        let log = self.temp.join("chromium.log");
        let mut child = Command::new(&self.binary)
            .args(["--headless", "--no-sandbox", "--disable-gpu"])
            .arg(format!("--window-size={width},900"))
            .args(["--virtual-time-budget=10000", "--dump-dom"])
            .arg(format!("--user-data-dir={}", self.temp.join("profile").display()))
            .arg(url)
            // Its crash reports and caches go under the home, in the temporary folder.
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).expect("a log file in the temporary folder"))
            .spawn()
            .unwrap_or_else(|e| panic!("{}: {e}", self.binary.display()));
        let mut stdout = child.stdout.take().expect("Chromium's standard output, piped");
        let reader = std::thread::spawn(move || {
            let mut dom = String::new();
            stdout.read_to_string(&mut dom).map(|_| dom)
        });
        let status = wait_or_kill(&mut child, PAGE_TIMEOUT);
        self.end_all();
        let log = std::fs::read_to_string(&log).unwrap_or_default();
        match status {
            None => panic!("Chromium did not finish {url} in {PAGE_TIMEOUT:?}:\n{log}"),
            Some(status) => assert!(status.success(), "Chromium failed on {url} ({status}):\n{log}"),
        }
        reader
            .join()
            .expect("the thread reading Chromium's output")
            .expect("Chromium's output is UTF-8")
    }

    /// Ends whatever of Chromium outlives its main process (its zygotes, its crash
    /// handler, which leaves the process group), and checks that nothing of it is left.
    fn end_all(&self) {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let left = self.processes();
            if left.is_empty() {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "Chromium's processes {left:?} do not end"
            );
            for pid in left {
                if let Some(pid) = rustix::process::Pid::from_raw(pid) {
                    let _ = rustix::process::kill_process(pid, rustix::process::Signal::KILL);
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The running processes whose command line names the test's temporary folder.
    fn processes(&self) -> Vec<i32> {
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return Vec::new();
        };
        let marker = self.temp.to_string_lossy().into_owned();
        entries
            .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<i32>().ok())
            .filter(|pid| {
                std::fs::read(format!("/proc/{pid}/cmdline"))
                    .is_ok_and(|cmdline| String::from_utf8_lossy(&cmdline).contains(&marker))
            })
            .collect()
    }
}

/// The exit status of `child`, or `None` if it still runs after `timeout` (it is then
/// killed).
fn wait_or_kill(child: &mut Child, timeout: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().expect("waiting for Chromium") {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

/// A report's list under `key`.
fn list<'a>(report: &'a Value, key: &str) -> &'a Vec<Value> {
    report[key]
        .as_array()
        .unwrap_or_else(|| panic!("no {key} in the report"))
}

/// A report's number under `key`.
fn number(value: &Value, key: &str) -> f64 {
    value[key]
        .as_f64()
        .unwrap_or_else(|| panic!("no number {key} in {value}"))
}

/// A report's text under `key`.
fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("no {key} in {value}"))
}

/// The book's pages, built and opened in Chromium 1280 px wide, and the runner's page,
/// the one with the most flags, on a phone.
#[test]
fn the_book_works_in_chromium() {
    let temp = common::TempDir::new("browser");
    let Some(chromium) = Chromium::find(temp.path()) else {
        return;
    };
    let book = build_book(&temp);
    let course = common::course();
    let ex = course.resolve(EXERCISE).unwrap();
    let page = course
        .book_page(ex)
        .strip_prefix(course.book_src())
        .expect("the exercise's page is in book/src")
        .with_extension("html");
    let chapter = Path::new(&ex.chapter).join("index.html");

    no_directive_is_left(&book);
    let search = chromium.open(&book, Path::new("index.html"), "?search=scatterv", LAPTOP);
    search_shows_no_solution(&search, &course, ex, &page);
    let exercise = chromium.open(&book, &page, "", LAPTOP);
    expected_output_is_whole(&exercise, &course, ex);
    let hidden = chromium.open(&book, &chapter, "", LAPTOP);
    let shown = chromium.open(&book, &chapter, "?notes", LAPTOP);
    speaker_notes_show_when_asked(&hidden, &shown);
    for (name, report) in [("index", &search), ("exercise", &exercise), ("chapter", &shown)] {
        assert!(
            !text(report, "text").contains("{{#"),
            "a directive on the {name} page:\n{report}"
        );
        blocks_fit(name, report);
    }
    let phone = chromium.open(&book, Path::new("runner.html"), "", PHONE);
    reads_on_a_phone(&phone);
}

/// On a phone, the page does not scroll sideways (a code block may, inside itself),
/// and no flag of inline code (`--oversubscribe`) breaks between its hyphens.
fn reads_on_a_phone(report: &Value) {
    let width = report["width"].as_f64().expect("the report's width");
    assert!(width < PHONE_LAYOUT, "the page is {width} px wide, not a phone's");
    assert_eq!(
        report["page"].as_f64(),
        Some(width),
        "the page scrolls sideways on a phone"
    );
    assert!(
        report["flags"].as_u64().is_some_and(|flags| flags > 10),
        "the runner page's flags are not kept whole by workbook.js: {}",
        report["flags"]
    );
    assert_eq!(
        list(report, "split"),
        &Vec::<Value>::new(),
        "flags broken across lines"
    );
}

/// No page of the book has a `{{#…}}` directive left in its HTML.
fn no_directive_is_left(book: &Path) {
    let left: Vec<PathBuf> = files(book, "html")
        .into_iter()
        .filter(|page| read(page).contains("{{#"))
        .collect();
    assert_eq!(left, Vec::<PathBuf>::new(), "pages with a directive left");
}

/// The search for "scatterv" lists the exercise's page, no solutions page, and no line
/// that only the solution has.
fn search_shows_no_solution(report: &Value, course: &Course, ex: &Exercise, page: &Path) {
    let results = list(report, "results");
    let page = page.to_string_lossy();
    assert!(
        results.iter().any(|r| text(r, "href").contains(&*page)),
        "no result links to {page}: {results:#?}"
    );
    for result in results {
        assert!(
            !text(result, "href").contains("/solutions/"),
            "a solutions page: {result}"
        );
        for line in solution_only_lines(course, ex) {
            assert!(
                !text(result, "text").contains(&line),
                "the solution's {line:?} in {result}"
            );
        }
    }
}

/// Rank 0's Gatherv line, the one to match, is on the page as it is in the expected
/// output (and `blocks_fit` checks that it is not cut off).
fn expected_output_is_whole(report: &Value, course: &Course, ex: &Exercise) {
    let ranks = ex.default_ranks();
    let outputs = runner::expected::read(&course.expected_path(ex, ranks), ranks, ex.spawns)
        .unwrap()
        .expect("the exercise's expected output");
    let line = outputs[0]
        .lines()
        .find(|l| l.starts_with("After Gatherv"))
        .expect("rank 0 prints its Gatherv line");
    assert!(
        list(report, "blocks")
            .iter()
            .any(|b| text(b, "text").lines().any(|l| l == line)),
        "rank 0's {line:?} is not in a code block"
    );
}

/// Every code block and table of the page, the folded ones opened, shows its lines
/// whole: none scrolls inside itself or runs off the page, and the page does not
/// scroll sideways.
fn blocks_fit(name: &str, report: &Value) {
    let width = number(report, "width");
    assert!(width >= 1200.0, "the {name} page is {width} px wide");
    let too_wide: Vec<&Value> = list(report, "blocks")
        .iter()
        .filter(|b| number(b, "scroll") > number(b, "client") || number(b, "right") > width)
        .collect();
    assert!(
        too_wide.is_empty(),
        "blocks of the {name} page wider than their box or the page: {too_wide:#?}"
    );
    assert_eq!(number(report, "page"), width, "the {name} page scrolls sideways");
}

/// The chapter's speaker notes are on the page as `details` elements, not displayed,
/// and displayed with `?notes`.
fn speaker_notes_show_when_asked(hidden: &Value, shown: &Value) {
    for (report, display) in [(hidden, false), (shown, true)] {
        let notes = list(report, "notes");
        assert!(!notes.is_empty(), "the chapter's page has no speaker notes");
        for note in notes {
            assert_eq!(text(note, "element"), "details", "{note}");
            assert_eq!(text(note, "display") != "none", display, "{note}");
            assert_eq!(note["visible"].as_bool(), Some(display), "{note}");
        }
        assert_eq!(text(report, "text").contains("Speaker notes"), display);
    }
}
