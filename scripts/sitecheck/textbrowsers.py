"""Text browsers: `lynx -dump` and `w3m -dump` of one page of every kind in every language must
read in a sensible order (the page's heading before the site footer) and must not run words
together that only CSS keeps apart (language names, a chooser's name and its caption)."""
from __future__ import annotations

import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

from .dom import Node, squash
from .pages import Site, Page
from .report import Check

BLOCK = {"address", "article", "aside", "blockquote", "br", "dd", "details", "dialog", "div",
         "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
         "h4", "h5", "h6", "header", "hr", "legend", "li", "main", "nav", "ol", "p", "pre",
         "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
         "button", "select", "textarea", "input", "img"}

TOOLS = {
    "lynx": ["lynx", "-dump", "-nolist", "-width=100", "-assume_charset=utf-8",
             "-display_charset=utf-8", "-noreferer"],
    "w3m": ["w3m", "-dump", "-cols", "100", "-I", "UTF-8", "-O", "UTF-8", "-no-cookie"],
}


def joined_pairs(page: Page) -> list[tuple[str, str]]:
    """Neighbouring texts that must stay apart: consecutive items of every list in a <nav> or of
    the language chooser, and any two inline elements with nothing at all between them."""
    pairs = []
    for ul in page.doc.iter():
        if ul.tag in ("ul", "ol") and (ul.inside(lambda n: n.tag == "nav")
                                       or ul.has_class("language-list")):
            items = [li.text() for li in ul.element_children() if li.tag == "li"]
            pairs += [(a, b) for a, b in zip(items, items[1:]) if a and b]
    for node in page.doc.iter():
        kids = node.children
        for i in range(len(kids) - 1):
            a, b = kids[i], kids[i + 1]
            if isinstance(a, Node) and isinstance(b, Node) and a.tag not in BLOCK \
                    and b.tag not in BLOCK:
                ta, tb = a.text(), b.text()
                if ta and tb:
                    pairs.append((ta, tb))
    return pairs


def dump(tool: str, url: str) -> tuple[str, str]:
    env = {"HOME": "/tmp", "TERM": "dumb", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
           "PATH": "/usr/bin:/bin"}
    try:
        r = subprocess.run(TOOLS[tool] + [url], capture_output=True, text=True, timeout=30,
                           env=env, encoding="utf-8", errors="replace")
        return r.stdout, r.stderr if r.returncode else ""
    except subprocess.TimeoutExpired:
        return "", "timed out"


def check_one(tool: str, page: Page, base: str) -> list[tuple[str, str]]:
    out, err = dump(tool, base + page.url)
    fails = []
    where = f"{page.url} [{page.kind}] ({tool})"
    if not out.strip():
        return [(where, f"empty dump {err.strip()[:100]}")]
    flat = squash(out)
    h1 = page.h1
    i_h1 = flat.find(h1) if h1 else -1
    if h1 and i_h1 < 0:
        fails.append((where, f"the heading “{h1}” does not appear"))
    footer = page.doc.find("footer", cls="site-footer")
    heading = footer.find("h2") if footer is not None else None
    if heading is not None and heading.text():
        i_footer = flat.rfind(heading.text())
        if i_footer < 0:
            fails.append((where, f"the footer heading “{heading.text()}” does not appear"))
        elif i_h1 >= 0 and i_h1 > i_footer:
            fails.append((where, "the footer comes before the page's heading"))
    for a, b in joined_pairs(page):
        left, right = a.split()[-1], b.split()[0]
        if (left + right) in flat:
            fails.append((where, f"“{a[-30:]}” and “{b[:30]}” run together: “{left}{right}”"))
    return fails


def check_text_browsers(site: Site, base: str) -> Check:
    check = Check("text browsers")
    tools = [t for t in TOOLS if shutil.which(t)]
    for t in TOOLS:
        if t not in tools:
            check.fail("", f"{t} not found (apt-get install {t})")
    sample = site.sample()
    jobs = [(tool, page) for page in sample for tool in tools]
    with ThreadPoolExecutor(max_workers=4) as pool:
        for fails in pool.map(lambda j: check_one(j[0], j[1], base), jobs):
            for where, reason in fails:
                check.fail(where, reason)
    check.summary = (f"{' and '.join(tools)} dumps of {len(sample)} pages (one per kind and "
                     f"language): reading order and separated words")
    return check
