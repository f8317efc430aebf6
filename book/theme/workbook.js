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
