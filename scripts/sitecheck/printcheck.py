"""Print: an advice page and a questionnaire result, in the source language and a
right-to-left language, printed to PDF by headless Chromium and read back with poppler-utils:
the content is there, navigation and buttons are not, and the fonts are embedded and cover the
script."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata

from . import browser
from .pages import Site, Page
from .report import Check

ARABIC_FONT = re.compile(r"arab|naskh|kufi|nastaliq|vazir|amiri|scheherazade|sahel|tahoma", re.I)
ARABIC_CHARS = re.compile(r"[\u0600-\u06FF]")
TEXT_BLOCKS = {"h1", "h2", "h3", "h4", "p", "li", "dt", "dd", "td", "th", "caption",
               "blockquote", "pre", "figcaption"}


_CHARSETS: dict[str, set[int]] | None = None


def _font_charsets() -> dict[str, set[int]]:
    """PostScript name -> code points, for every font fontconfig knows."""
    global _CHARSETS
    if _CHARSETS is None:
        _CHARSETS = {}
        out = subprocess.run(["fc-list", "--format", "%{postscriptname}\t%{charset}\n"],
                             capture_output=True, text=True).stdout
        for line in out.splitlines():
            name, _, ranges = line.partition("\t")
            chars = _CHARSETS.setdefault(name, set())
            for r in ranges.split():
                lo, _, hi = r.partition("-")
                chars.update(range(int(lo, 16), int(hi or lo, 16) + 1))
    return _CHARSETS


def skeleton(text: str) -> str:
    """Text reduced so that what pdftotext gives back compares with the HTML: compatibility
    forms folded (Arabic presentation forms), marks, format characters, spaces and punctuation
    dropped, Arabic alef variants unified, and lam and alef removed (pdftotext returns lam-alef
    ligatures in varying order)."""
    text = unicodedata.normalize("NFKC", text)
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] in "MCZP" or cat in ("Sk", "So"):
            continue
        if ch in "أإآٱا" or ch == "ل":
            continue
        if ch == "ى":
            ch = "ي"
        out.append(ch.lower())
    return "".join(out)


def _rtl_word(word: str) -> bool:
    """A word written right to left only: Arabic or Hebrew letters, no Latin letters or digits."""
    kinds = {unicodedata.bidirectional(ch) for ch in word}
    return bool(kinds & {"R", "AL"}) and not kinds & {"L", "EN", "AN"}


def in_pdf(block: str, printed_sk: str) -> bool:
    """Whether a text block is in the PDF's text. pdftotext gives a line that mixes directions
    (an Arabic sentence quoting "§ 26", "A2" or a German term) in its visual order, so the
    digits and Latin words of such a block can come out before or after their neighbours: a
    block with right-to-left words counts as printed when every run of right-to-left words is
    there as written and every other word is there on its own; a word made of numbers or names
    joined by punctuation ("000000-30", "example،") counts by its parts, since a phone number
    inside right-to-left text comes out with its groups reversed ("30-000000")."""
    if skeleton(block) in printed_sk:
        return True
    words = block.split()
    if not any(_rtl_word(w) for w in words):
        return False
    runs: list[str] = []
    current: list[str] = []
    for word in words:
        if _rtl_word(word):
            current.append(word)
            continue
        if current:
            runs.append(" ".join(current))
            current = []
        runs.append(word)
    if current:
        runs.append(" ".join(current))
    def printed(run: str) -> bool:
        if skeleton(run) in printed_sk:
            return True
        parts = [skeleton(part) for part in re.split(r"[^\w]+", run)]
        return not _rtl_word(run) and all(part in printed_sk for part in parts if part)
    return all(printed(run) for run in runs)


# Elements that must not be printed: they only make sense on screen.
def _screen_only(node) -> bool:
    cls = node.classes()
    return (node.tag in ("form", "button") or
            (node.tag == "nav" and ("languages" in cls or "site-nav" in cls)) or
            (node.tag == "a" and "skip" in cls) or
            "restart" in cls or
            # "Change" links under "Your answers" and "Question N of at most M" (issue 13)
            (node.tag == "a" and "change" in cls) or
            (node.tag == "p" and "progress" in cls) or
            "leaflet-links" in cls or "print-hint" in cls)


def _pick(site: Site, kind: str, lang: str) -> Page | None:
    pages = [p for p in site.pages if p.base_kind == kind and p.lang == lang and not p.fallback]
    if not pages:
        pages = [p for p in site.pages if p.base_kind == kind and p.lang == lang]
    return max(pages, key=lambda p: (len(p.html), p.url)) if pages else None


def check_print(driver, site: Site, base: str, artifacts: str, langs: list[str],
                expect_results: bool) -> Check:
    check = Check("print")
    for tool in ("pdftotext", "pdffonts"):
        if not shutil.which(tool):
            check.summary = "not run"
            check.fail("", f"{tool} not found (apt-get install poppler-utils)")
            return check
    printed = 0
    for lang in langs:
        for kind in ("advice", "result"):
            page = _pick(site, kind, lang)
            if page is None:
                if kind == "advice" or expect_results:
                    check.fail(f"/{lang}/", f"no {kind} page to print")
                continue
            printed += 1
            pdf = os.path.join(artifacts, "print", f"{browser.slug(page.url)}.pdf")
            driver.get(base + page.url)
            browser.print_pdf(driver, pdf)
            text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True,
                                  text=True).stdout
            printed_sk = skeleton(text)
            if not printed_sk:
                check.fail(page.url, "the PDF has no text")
                continue
            # Content present: every heading, paragraph, list item, definition and table cell
            # of the main content (what the print style hides aside), and for a result the name
            # of the questionnaire it answers.
            main = page.main
            wanted = []
            if main is not None:
                for node in main.iter():
                    if node.tag in TEXT_BLOCKS and not _screen_only(node) and \
                            not node.inside(_screen_only) and \
                            not node.inside(lambda n: n.tag == "nav"):
                        wanted.append(node.text(skip=_screen_only))
            missing = [w for w in wanted if w and not in_pdf(w, printed_sk)]
            if len(missing) > 5:
                check.fail(page.url, f"{len(missing)} of {len(wanted)} text blocks are missing "
                                     f"from the printed PDF")
            for w in missing[:5]:
                check.fail(page.url, f"the printed PDF lacks “{w[:80]}”")
            # Screen-only parts absent (unless the same words are printed content too).
            body = page.doc.find("body")
            content_sk = skeleton(body.text(skip=_screen_only)) if body else ""
            hidden = []
            for node in page.doc.iter():
                if _screen_only(node) and not node.inside(_screen_only):
                    if node.tag == "nav":
                        hidden += [li.text() for li in node.find_all("li")]
                    else:
                        hidden.append(node.text())
            for h in hidden:
                sk = skeleton(h)
                if len(sk) >= 3 and sk not in content_sk and sk in printed_sk:
                    check.fail(page.url, f"screen-only text “{h}” is printed")
            # Fonts embedded, and one that covers the script.
            fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
            rows = [l.split() for l in fonts.splitlines()[2:] if l.strip()]
            names = [r[0] for r in rows]
            not_embedded = [r[0] for r in rows if len(r) >= 5 and r[-5] != "yes"]
            if not rows:
                check.fail(page.url, "the PDF has no fonts")
            for name in not_embedded:
                check.fail(page.url, f"font {name} is not embedded")
            # Every letter of the page's text must be in one of the embedded fonts (their
            # installed originals, looked up with fontconfig), e.g. Arabic letters need an
            # Arabic font; a page whose letters fall back to no font prints boxes.
            coverage = set()
            unknown = []
            for name in names:
                base_name = re.sub(r"^[A-Z]{6}\+", "", name)
                chars = _font_charsets().get(base_name)
                if chars is None:
                    unknown.append(base_name)
                else:
                    coverage |= chars
            letters = {ord(c) for c in (main.text(skip=_screen_only) if main is not None else "")
                       if unicodedata.category(c).startswith("L")}
            uncovered = sorted(letters - coverage)
            if unknown and uncovered:
                check.notes.append(f"{page.url}: fontconfig does not know "
                                   + ", ".join(unknown))
            elif uncovered:
                sample = "".join(chr(c) for c in uncovered[:12])
                check.fail(page.url, f"{len(uncovered)} letters of the page are in none of the "
                                     f"embedded fonts ({', '.join(names)}): {sample}")
            if ARABIC_CHARS.search(text) and not any(ARABIC_FONT.search(n) for n in names):
                check.fail(page.url, "Arabic text but no Arabic-script font in the PDF (fonts: "
                           + ", ".join(names) + ")")
            check.notes.append(f"{page.url} -> {pdf} ({len(rows)} fonts: "
                               + ", ".join(sorted({re.sub(r'^[A-Z]{6}\+', '', n) for n in names}))
                               + ")")
    check.summary = (f"{printed} pages printed to PDF (advice page and result in "
                     f"{' and '.join(langs)}), checked with pdftotext and pdffonts")
    return check
