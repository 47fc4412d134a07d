"""Find every page of a built site and sort it into a kind, from the HTML itself.

Kinds come from template markers, so a new kind of page joins the checks without a list to
update: a page that matches no known kind is named after its <body> class or the first element
inside its <main> ("other: section.foo") and is checked like every other kind.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from . import dom

KNOWN_ORDER = ["root", "404", "home", "advice", "questionnaire", "question", "result", "proofing", "leaflet"]


@dataclass
class Page:
    path: str              # file path on disk
    rel: str               # path relative to the site root, with '/'
    url: str               # root-relative URL as linked on the site: /de/work/permit/
    lang: str | None       # language folder, None for root pages (/, /404.html)
    html: str
    doc: dom.Node
    base_kind: str         # root, 404, home, advice, questionnaire, question, result, proofing, leaflet, other: …
    fallback: bool         # shown in the source language with a notice
    html_lang: str = ""
    html_dir: str = ""

    @property
    def kind(self) -> str:
        return self.base_kind + (" (fallback)" if self.fallback else "")

    @property
    def main(self) -> dom.Node | None:
        return self.doc.find("main")

    @property
    def h1(self) -> str:
        node = self.doc.find("h1")
        return node.text() if node else ""

    def __repr__(self):
        return f"Page({self.url}, {self.kind})"


@dataclass
class Site:
    root: str
    pages: list[Page] = field(default_factory=list)
    css_files: list[str] = field(default_factory=list)   # rel paths
    languages: list[str] = field(default_factory=list)   # in the order of the root chooser

    def kinds(self) -> list[str]:
        seen = {p.kind for p in self.pages}

        def order(kind: str):
            base = kind.replace(" (fallback)", "")
            idx = KNOWN_ORDER.index(base) if base in KNOWN_ORDER else len(KNOWN_ORDER)
            return (idx, kind)
        return sorted(seen, key=order)

    def by_url(self) -> dict[str, Page]:
        return {p.url: p for p in self.pages}

    def of_kind(self, kind: str, lang: str | None = "*") -> list[Page]:
        return [p for p in self.pages if p.kind == kind and (lang == "*" or p.lang == lang)]

    def sample(self) -> list[Page]:
        """One page of every kind in every language. Which page rotates with the language, so
        different languages look at different pages of a kind (more content gets checked)."""
        out = []
        lang_index = {lang: i for i, lang in enumerate(self.languages)}
        for kind in self.kinds():
            langs = sorted({p.lang for p in self.pages if p.kind == kind},
                           key=lambda l: (l is not None, lang_index.get(l, 99), l or ""))
            for lang in langs:
                pages = sorted(self.of_kind(kind, lang), key=lambda p: p.url)
                out.append(pages[lang_index.get(lang, 0) % len(pages)])
        return out


def url_for(rel: str) -> str:
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def classify(rel: str, doc: dom.Node, languages: set[str]) -> tuple[str | None, str, bool]:
    parts = rel.split("/")
    lang = parts[0] if len(parts) > 1 and parts[0] in languages else None
    main = doc.find("main")
    fallback = bool(main and main.find("p", cls="fallback"))
    if rel == "index.html":
        return lang, "root", fallback
    if rel == "404.html":
        return lang, "404", fallback
    if main is None:
        body = doc.find("body")
        return lang, "other: " + (body.describe() if body else "no <body>"), fallback

    def has_div(cls):
        return main.find(cls=cls) is not None

    body = doc.find("body")
    if body is not None and "leaflet-page" in body.classes():
        kind = "leaflet"
    elif has_div("proofing"):
        kind = "proofing"
    elif has_div("result"):
        kind = "result"
    elif has_div("question"):
        kind = "question"
    elif main.find("article") is not None:
        kind = "advice"
    elif main.find("form") is not None:
        kind = "questionnaire"
    elif lang is not None and rel == f"{lang}/index.html":
        kind = "home"
    else:
        body = doc.find("body")
        if body is not None and body.attrs.get("class"):
            kind = "other: body." + ".".join(sorted(body.classes()))
        else:
            first = [c for c in main.element_children() if not c.has_class("fallback")]
            kind = "other: main > " + (first[0].describe() if first else "(empty)")
    return lang, kind, fallback


def load_site(root: str) -> Site:
    root = os.path.abspath(root)
    site = Site(root)
    html_files, css_files = [], []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            rel = os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/")
            if name.endswith(".html"):
                html_files.append(rel)
            elif name.endswith(".css"):
                css_files.append(rel)
    site.css_files = css_files
    # Languages: top-level folders with a home page, in the order the root chooser lists them.
    folders = {rel.split("/")[0] for rel in html_files
               if rel.count("/") == 1 and rel.endswith("/index.html")}
    order: list[str] = []
    if "index.html" in html_files:
        with open(os.path.join(root, "index.html"), encoding="utf-8") as f:
            rootdoc = dom.parse(f.read())
        for a in rootdoc.find_all("a"):
            seg = a.attrs.get("href", "").strip("/").split("/")[0]
            if seg in folders and seg not in order:
                order.append(seg)
    if not order:
        # No chooser to read: every top-level folder with a home page. With a chooser, folders it
        # does not list (such as status/, the volunteers' page) are not languages.
        order = sorted(folders)
    site.languages = order
    for rel in html_files:
        path = os.path.join(root, rel)
        with open(path, encoding="utf-8") as f:
            html = f.read()
        doc = dom.parse(html)
        lang, kind, fallback = classify(rel, doc, folders)
        htmlnode = doc.find("html")
        page = Page(path, rel, url_for(rel), lang, html, doc, kind, fallback)
        if htmlnode is not None:
            page.html_lang = htmlnode.attrs.get("lang", "")
            page.html_dir = htmlnode.attrs.get("dir", "")
        site.pages.append(page)
    return site
