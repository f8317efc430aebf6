// The workbook's addition to mdBook's scripts (book.toml: additional-js): inline code
// breaks at its spaces, not after a hyphen (see workbook.css, `.nobreak`). Runs once
// the page is loaded, after mdBook's highlighting has rewritten the code elements.
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
