"""Weight and self-containedness, from the files themselves.

Weight: each HTML page gzip-compressed plus the CSS it loads, gzip-compressed, must fit in
14 kB (what a server can send in the first round trip of a slow connection); a bilingual
leaflet, which holds its text in two languages, in 28 kB. gzip level 6, the usual server
default.

Self-contained: no <script>, no on* event handler attributes, no javascript: URLs, nothing the
page loads (stylesheets, icons, images, frames, media, CSS url()/@import) from another origin,
no form that sends answers to another origin.
"""
from __future__ import annotations

import gzip
import os
import re
import statistics
from urllib.parse import urlsplit

from .pages import Site
from .report import Check

LIMIT = 14 * 1024
# A bilingual leaflet holds a result or an advice page twice, side by side (issue 8).
BILINGUAL_LEAFLET_LIMIT = 28 * 1024
# A single leaflet is printed at the advisor's desk, not read on a phone: the full advice text of
# every page section its outcomes name. The longest (Ukrainian, my-residence-prospects) is 14.4 kB.
LEAFLET_LIMIT = 16 * 1024
# The proofing page is for the lawyer who signs a questionnaire off (noindex, linked from no page
# a new arrival reads): every question, outcome, way through and scenario test on one page.
PROOFING_LIMIT = 48 * 1024


def limit_for(page) -> int:
    main = page.main
    if page.base_kind == "leaflet" and main is not None and "bilingual" in main.classes():
        return BILINGUAL_LEAFLET_LIMIT
    if page.base_kind == "leaflet":
        return LEAFLET_LIMIT
    if page.base_kind == "proofing":
        return PROOFING_LIMIT
    return LIMIT

# Attributes through which a page loads something by itself.
LOADING = {
    "img": ("src", "srcset"), "source": ("src", "srcset"), "iframe": ("src",), "frame": ("src",),
    "embed": ("src",), "object": ("data",), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "input": ("src",), "script": ("src",), "image": ("href",),
    "use": ("href",),
}
LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "manifest",
                "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload", "prerender"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def is_external(url: str) -> bool:
    url = url.strip()
    if url.startswith("//"):
        return True
    scheme = urlsplit(url).scheme.lower()
    return scheme not in ("", "data")


def kb(n: int) -> str:
    return f"{n / 1024:.1f} kB"


def check_weight(site: Site) -> tuple[Check, Check]:
    weight = Check("weight")
    contained = Check("no script, no external loads")
    css_cache: dict[str, int] = {}
    sizes = []
    scripts = handlers = external = 0
    css_external = set()
    for rel in site.css_files:
        with open(os.path.join(site.root, rel), encoding="utf-8", errors="replace") as f:
            css = f.read()
        for m in CSS_URL.finditer(css):
            url = m.group(1) or m.group(2)
            if is_external(url):
                css_external.add((rel, url))
    for rel, url in sorted(css_external):
        external += 1
        contained.fail("/" + rel, f"loads {url}")
    for page in site.pages:
        with open(page.path, "rb") as f:
            raw = f.read()
        total = gz(raw)
        css_parts = []
        for node in page.doc.iter():
            tag = node.tag
            # --- scripts and handlers
            if tag == "script":
                scripts += 1
                contained.fail(page.url, "has a <script> element")
            for name, value in node.attrs.items():
                if name.startswith("on"):
                    handlers += 1
                    contained.fail(page.url, f"<{tag} {name}=…> event handler attribute")
                if name in ("href", "src", "action", "formaction", "data") and \
                        value.strip().lower().startswith("javascript:"):
                    scripts += 1
                    contained.fail(page.url, f"<{tag} {name}=\"javascript:…\">")
            # --- what the page loads
            loads = []
            if tag == "link":
                rels = set(node.attrs.get("rel", "").lower().split())
                if rels & LOADING_RELS:
                    loads.append(node.attrs.get("href", ""))
                if "stylesheet" in rels:
                    css_parts.append(node.attrs.get("href", ""))
            for attr in LOADING.get(tag, ()):
                value = node.attrs.get(attr)
                if value:
                    if attr == "srcset":
                        loads += [part.strip().split()[0] for part in value.split(",")
                                  if part.strip()]
                    else:
                        loads.append(value)
            if tag == "meta" and node.attrs.get("http-equiv", "").lower() == "refresh":
                m = re.search(r"url\s*=\s*(\S+)", node.attrs.get("content", ""), re.I)
                if m:
                    loads.append(m.group(1).strip("'\""))
            style = node.attrs.get("style")
            if style:
                loads += [m.group(1) or m.group(2) for m in CSS_URL.finditer(style)]
            if tag == "style":
                loads += [m.group(1) or m.group(2) for m in CSS_URL.finditer(node.text())]
            for url in loads:
                if is_external(url):
                    external += 1
                    contained.fail(page.url, f"<{tag}> loads {url}")
            if tag == "form" and is_external(node.attrs.get("action", "")):
                external += 1
                contained.fail(page.url, f"<form> sends to {node.attrs.get('action')}")
        for href in css_parts:
            if is_external(href):
                continue
            path = href.split("#")[0].split("?")[0]
            path = path.lstrip("/") if path.startswith("/") else \
                os.path.normpath(os.path.join(os.path.dirname(page.rel), path))
            if path not in css_cache:
                full = os.path.join(site.root, path)
                if not os.path.isfile(full):
                    weight.fail(page.url, f"stylesheet {href} not found")
                    css_cache[path] = 0
                else:
                    with open(full, "rb") as f:
                        css_cache[path] = gz(f.read())
            total += css_cache[path]
        sizes.append((total, page.url))
        limit = limit_for(page)
        if total >= limit:
            weight.fail(page.url, f"{kb(total)} gzip-compressed with its CSS (limit {kb(limit)})")
    sizes.sort(reverse=True)
    if sizes:
        median = statistics.median(s for s, _ in sizes)
        weight.summary = (f"{len(sizes)} pages, gzip-compressed with their CSS: median "
                          f"{kb(median)}, largest {kb(sizes[0][0])} (limit {kb(LIMIT)} each, "
                          f"{kb(BILINGUAL_LEAFLET_LIMIT)} for a bilingual leaflet, {kb(LEAFLET_LIMIT)} for a single "
                          f"leaflet, {kb(PROOFING_LIMIT)} for a proofing page)")
        weight.notes.append("largest: " + ", ".join(f"{u} {kb(s)}" for s, u in sizes[:5]))
    else:
        weight.summary = "no pages"
    contained.summary = (f"{len(site.pages)} pages + {len(site.css_files)} CSS: {scripts} scripts, "
                         f"{handlers} event handlers, {external} external loads")
    return weight, contained
