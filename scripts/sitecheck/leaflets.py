"""Leaflets (issue 8): for every questionnaire, in the source language and one right-to-left
language, the longest single and the longest bilingual leaflet (by text length) printed to PDF
by headless Chromium with the leaflet's own @page rules, and read back with poppler-utils and
zbar: the page count within the budget (3 A4 pages, 6 for a bilingual one), page numbers in the
margin, both languages' outcome titles in the text, embedded fonts that cover the script, and a
QR code on page 1 that decodes to the result's online URL."""
from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import tempfile
from urllib.parse import urlsplit

from . import browser
from .pages import Site, Page
from .printcheck import skeleton, _font_charsets
from .report import Check

BUDGET_SINGLE = 3
BUDGET_BILINGUAL = 6
TOOLS = ("pdfinfo", "pdftotext", "pdffonts", "pdftoppm", "zbarimg")


# Leaflets known to print over budget: none (2026-12-01). my-residence-prospects' longest results
# (six or seven outcomes) used to print on 4 pages; its outcome texts were shortened, outcomes
# whose own text holds the conditions no longer print a page section that repeats them, and a
# single leaflet's outcome rows may break across pages. Measured with --leaflet-langs all (de, en,
# ar, uk, fa, tr; fa and tr print the German questionnaire texts): the longest single leaflet
# prints on 3 pages, the longest bilingual on 6 (uk) or 5. A leaflet listed here is reported as
# a note, not a failure: keep this empty.
KNOWN_OVER_BUDGET: set[str] = set()

def is_bilingual(page: Page) -> bool:
    main = page.main
    return main is not None and "bilingual" in main.classes()


def questionnaire_of(page: Page) -> str | None:
    """'can-i-work' for /<lang>/can-i-work/<state>/leaflet/…; None for advice page leaflets."""
    parts = page.url.strip("/").split("/")
    if len(parts) >= 4 and parts[3] == "leaflet":
        return parts[1]
    return None


def result_url(page: Page, base_url: str) -> str:
    """The online URL of the result a leaflet prints: the leaflet's URL without /leaflet/…"""
    path = page.url.split("/leaflet/")[0] + "/"
    base_path = urlsplit(base_url).path or "/"
    return base_url.rstrip("/") + "/" + path[len(base_path):] if path.startswith(base_path) else path


def outcome_titles(page: Page) -> dict[str, list[str]]:
    """Outcome titles by the language of their cell."""
    titles: dict[str, list[str]] = {}
    for row in page.doc.find_all("div", cls="outcome"):
        for cell in row.find_all("div", cls="cell"):
            h3 = cell.find("h3")
            if h3 is not None:
                titles.setdefault(cell.attrs.get("lang", ""), []).append(h3.text())
    return titles


def print_pdf(driver, path: str):
    """A4 with the leaflet's own @page size and margins (margin boxes carry the page numbers)."""
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {
        "printBackground": False, "preferCSSPageSize": True,
        "paperWidth": 8.27, "paperHeight": 11.69})
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(base64.b64decode(pdf["data"]))


def page_count(pdf: str) -> int:
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else 0


def decode_qr(pdf: str, work: str) -> list[str]:
    prefix = os.path.join(work, "page1")
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "200", "-gray", "-png", pdf, prefix],
                   capture_output=True)
    images = sorted(f for f in os.listdir(work) if f.startswith("page1") and f.endswith(".png"))
    if not images:
        return []
    r = subprocess.run(["zbarimg", "--raw", "-q", "-Sbinary", os.path.join(work, images[0])],
                       capture_output=True, text=True)
    return [l for l in r.stdout.splitlines() if l.strip()]


def check_leaflets(driver, site: Site, base: str, artifacts: str, langs: list[str],
                   questionnaire_ids: list[str], base_url: str | None) -> Check:
    check = Check("leaflets")
    missing = [t for t in TOOLS if not shutil.which(t)]
    if missing:
        check.summary = "not run"
        check.fail("", f"{', '.join(missing)} not found (scripts/install-check-tools: "
                       f"poppler-utils, zbar-tools)")
        return check
    leaflets = [p for p in site.pages if p.base_kind == "leaflet"]
    if questionnaire_ids and not leaflets:
        check.summary = "no leaflets"
        check.fail("", "the site has questionnaires but no leaflet pages")
        return check
    counts: list[tuple[int, int, str]] = []
    work = tempfile.mkdtemp(prefix="lotse-leaflets-")
    for qid in questionnaire_ids:
        for lang in langs:
            of_lang = [p for p in leaflets if p.lang == lang and questionnaire_of(p) == qid]
            for bilingual in (False, True):
                pages = [p for p in of_lang if is_bilingual(p) == bilingual]
                if not pages:
                    if not bilingual:
                        check.fail(f"/{lang}/{qid}/", "no leaflet for the results")
                    else:
                        check.notes.append(f"/{lang}/{qid}/: no bilingual leaflets ({lang} is the "
                                           f"office language)")
                    continue
                page = max(pages, key=lambda p: (len(p.main.text()) if p.main else 0, p.url))
                budget = BUDGET_BILINGUAL if bilingual else BUDGET_SINGLE
                pdf = os.path.join(artifacts, "leaflets", f"{browser.slug(page.url)}.pdf")
                driver.get(base + page.url)
                print_pdf(driver, pdf)
                n = page_count(pdf)
                counts.append((n, budget, page.url))
                if n > budget:
                    if page.url in KNOWN_OVER_BUDGET:
                        check.notes.append(f"KNOWN, issue 8 open: {page.url} prints on {n} A4 "
                                           f"pages (budget {budget})")
                    else:
                        check.fail(page.url, f"prints on {n} A4 pages (budget {budget})")
                text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"],
                                      capture_output=True, text=True).stdout
                printed = skeleton(text)
                if bilingual:
                    # pdftotext reads the two columns line by line, interleaved: read each half of
                    # the page on its own (A4 at 72 dpi is 595 x 842).
                    for x in (0, 297):
                        half = subprocess.run(["pdftotext", "-enc", "UTF-8", "-x", str(x), "-y", "0",
                                               "-W", "298", "-H", "842", pdf, "-"],
                                              capture_output=True, text=True).stdout
                        printed += "|" + skeleton(half)
                # Page numbers in the margin: "1 / 3" on the first page.
                first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-enc", "UTF-8", pdf, "-"],
                                       capture_output=True, text=True).stdout
                if not re.search(rf"\b1\s*/\s*{n}\b", first):
                    check.fail(page.url, f"no page number “1 / {n}” on the first page")
                # Both languages' outcome titles.
                titles = outcome_titles(page)
                want = {lang} | ({c for c in titles} if bilingual else set())
                if bilingual and len(titles) < 2:
                    check.fail(page.url, f"outcome titles in {len(titles)} language(s), expected 2")
                for code in sorted(want):
                    for title in titles.get(code, []):
                        if skeleton(title) not in printed:
                            check.fail(page.url, f"the PDF lacks the outcome title “{title}” ({code})")
                # Fonts embedded, covering every letter of the leaflet.
                fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
                rows = [l.split() for l in fonts.splitlines()[2:] if l.strip()]
                for r in rows:
                    if len(r) >= 5 and r[-5] != "yes":
                        check.fail(page.url, f"font {r[0]} is not embedded")
                coverage: set[int] = set()
                for r in rows:
                    chars = _font_charsets().get(re.sub(r"^[A-Z]{6}\+", "", r[0]))
                    if chars:
                        coverage |= chars
                letters = {ord(c) for c in (page.main.text() if page.main else "") if c.isalpha()}
                uncovered = sorted(letters - coverage)
                if uncovered:
                    check.fail(page.url, f"{len(uncovered)} letters in none of the embedded fonts: "
                                         + "".join(chr(c) for c in uncovered[:12]))
                # The QR code on page 1 leads to the result online.
                if base_url:
                    want_url = result_url(page, base_url)
                    qr_dir = tempfile.mkdtemp(dir=work)
                    decoded = decode_qr(pdf, qr_dir)
                    if want_url not in decoded:
                        check.fail(page.url, f"the QR code on page 1 decodes to {decoded or 'nothing'}, "
                                             f"expected {want_url}")
    shutil.rmtree(work, ignore_errors=True)
    counts.sort(reverse=True)
    check.summary = (f"{len(counts)} leaflets printed (longest single and bilingual per questionnaire "
                     f"in {' and '.join(langs)}), {len(leaflets)} in the site: pages "
                     + ", ".join(str(n) for n, _, _ in counts)
                     + f" (budget {BUDGET_SINGLE}, bilingual {BUDGET_BILINGUAL})")
    check.notes.extend(f"{n} pages (budget {b}): {u}" for n, b, u in counts)
    return check
