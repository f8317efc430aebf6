// The workbook's additions to mdBook's scripts (book.toml: additional-js).

// Speaker notes come as their HTML in a `<script type="text/html" class="speaker-notes">`,
// which mdBook's search does not index (runner/src/book/notes.rs). Put back on the page
// as the `details` element they were written as, before the rest of this file runs.
// mdBook's book.js has highlighted the page's code already; the notes' code gets the
// same treatment here (the `hljs` class is what gives inline code its background).
for (const source of document.querySelectorAll('script.speaker-notes[type="text/html"]')) {
    const notes = document.createElement("template");
    notes.innerHTML = source.textContent;
    for (const code of notes.content.querySelectorAll("code")) {
        window.hljs?.highlightBlock(code);
        code.classList.add("hljs");
    }
    source.replaceWith(notes.content);
}

// Inline code breaks at its spaces, not after a hyphen (see workbook.css, `.nobreak`).
// Runs once the page is loaded, after mdBook's highlighting has rewritten the code
// elements.
document.addEventListener("DOMContentLoaded", () => {
    // The most characters of code that a phone's line holds.
    const short = 32;
    for (const code of document.querySelectorAll(":not(pre) > code")) {
        if (code.childElementCount > 0 || !code.textContent.includes("-")) {
            continue;
        }
        const parts = code.textContent.split(/( +)/).map((part) => {
            if (!part.includes("-")) {
                return part;
            }
            const word = document.createElement("span");
            word.className = part.length <= short ? "nobreak" : "nobreak-wide";
            word.textContent = part;
            return word;
        });
        code.replaceChildren(...parts);
    }
});

// Speaker notes (workbook.css, `.speaker-notes`): hidden unless the address has
// `?notes` (`?notes=0` hides them again) or the key `n` is pressed outside a text
// field. The choice is remembered (localStorage), because mdBook's links to the next
// page carry no query; shown notes are unfolded as well.
(() => {
    const remembered = "workbook-speaker-notes";
    const root = document.documentElement;
    const show = (on) => {
        root.classList.toggle("speaker-notes-shown", on);
        for (const notes of document.querySelectorAll("details.speaker-notes")) {
            notes.open = on;
        }
        try {
            localStorage.setItem(remembered, on ? "1" : "0");
        } catch {
            // No storage (a private window, a file: URL): the choice holds for this page.
        }
    };
    const stored = () => {
        try {
            return localStorage.getItem(remembered) === "1";
        } catch {
            return false;
        }
    };
    const query = new URLSearchParams(location.search);
    const start = () => show(query.has("notes") ? query.get("notes") !== "0" : stored());
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
    document.addEventListener("keydown", (event) => {
        const typing = /^(?:input|select|textarea)$/i.test(event.target.nodeName);
        if (event.key !== "n" || typing || event.ctrlKey || event.metaKey || event.altKey) {
            return;
        }
        show(!root.classList.contains("speaker-notes-shown"));
    });
})();

// The schedule's times ("9:15–10:00") stay on one line: a narrow first column broke most
// ranges after their dash, which reads as two times. Its tables are those whose first
// heading is "time" (Markdown gives a table no class of its own). Before the fitting
// below, which measures the tables as they will be.
for (const table of document.querySelectorAll("main table")) {
    if (table.querySelector("th")?.textContent.trim() === "time") {
        for (const row of table.rows) {
            row.cells[0].style.whiteSpace = "nowrap";
        }
    }
}

// A code block or a table a little too wide for the room workbook.css gives it is set
// in smaller type, down to four fifths of it, rather than hiding the end of its lines in
// a scroll area that a reader may not think of: at 1280 px, the last column of the
// ping-pong table and of chapter 13's table of collectives was cut off. Wider still, it
// scrolls, in that smallest type. Only on a wide screen: a phone's blocks scroll anyway,
// and smaller type would not save them.
// Fitted when the page loads, when a `details` around it opens and when the web fonts
// arrive (their glyphs are not quite as wide as the fallback's), then again whenever its
// width changes (the window, the sidebar). The first three do not wait for the
// ResizeObserver, whose reports come with the next frame drawn: headless Chromium may draw
// none before tests/browser.rs measures the page.
(() => {
    const smallest = 0.8;
    const wide = matchMedia("(min-width: 700px)");
    const boxes = "main pre > code, main .table-wrapper";
    const widths = new WeakMap();
    const overflow = (box) => box.scrollWidth > box.clientWidth;
    const fit = (box) => {
        widths.set(box, box.clientWidth);
        box.style.fontSize = "";
        if (!wide.matches || box.clientWidth === 0 || !overflow(box)) {
            return;
        }
        const style = getComputedStyle(box);
        const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
        const full = parseFloat(style.fontSize);
        let scale = Math.max((box.clientWidth - padding) / (box.scrollWidth - padding), smallest);
        // Glyph widths round to pixels, and a table's cell padding keeps its size: smaller
        // steps from that first guess until it fits.
        for (;;) {
            box.style.fontSize = `${full * scale}px`;
            if (scale === smallest || !overflow(box)) {
                return;
            }
            scale = Math.max(scale - 0.01, smallest);
        }
    };
    const fitAll = (within) => within.querySelectorAll(boxes).forEach(fit);
    const resized = new ResizeObserver((entries) => {
        for (const { target } of entries) {
            if (widths.get(target) !== target.clientWidth) {
                fit(target);
            }
        }
    });
    const start = () => {
        fitAll(document);
        document.querySelectorAll(boxes).forEach((box) => resized.observe(box));
    };
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
    // `toggle` does not bubble: caught on its way down.
    document.addEventListener("toggle", (event) => fitAll(event.target), true);
    document.fonts.addEventListener("loadingdone", () => fitAll(document));
})();
