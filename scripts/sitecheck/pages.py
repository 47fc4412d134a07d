"""Every page of a built site with its kind, language and source, read from the build
manifest (`lotse build --manifest FILE`, docs/manifest.md) and the HTML files themselves.

Kinds come from the manifest, so a new kind of page joins the checks without a list to update:
it is checked like every other kind. A file on disk that the manifest does not name, or the
other way round, is reported by the "page kinds" check.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from . import dom

KNOWN_ORDER = ["root", "404", "home", "section", "advice", "questionnaire", "question", "result", "proofing", "leaflet",
               "glossary", "status"]


@dataclass
class Page:
    path: str              # file path on disk
    rel: str               # path relative to the site root, with '/'
    url: str               # root-relative URL as linked on the site: /de/work/permit/
    lang: str | None       # language folder, None for root pages (/, /404.html)
    html: str
    doc: dom.Node
    base_kind: str         # the manifest's kind: root, 404, home, section, advice, questionnaire, …
    fallback: bool         # shown in the source language with a notice
    entry: dict = field(default_factory=dict)   # the file's entry in the manifest
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
    languages: list[str] = field(default_factory=list)   # in site.yaml order
    manifest: dict = field(default_factory=dict)
    source_language: str = ""
    # Files on disk the manifest does not name, and manifest entries with no file.
    unlisted: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

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

    # Question, result and leaflet pages are made by a few templates from the questionnaires'
    # texts, one page per state of a questionnaire and language: thousands of near-identical
    # pages. Chromium at 375 px and linkchecker's crawl start from one in GENERATED_STRIDE of them
    # (by URL, so every questionnaire and language is in) plus one of every kind in every
    # language; every one of them is still validated, weighed, walked where a scenario passes,
    # its links resolved against the site (links.static_links), and fetched by linkchecker from
    # a page that links it.
    GENERATED = ("question", "result", "leaflet")
    GENERATED_STRIDE = 5

    def coverage(self) -> list[Page]:
        """The pages that Chromium at 375 px and linkchecker start from: every page written by
        hand or one per language (advice pages, homes, questionnaire starts, proofing, glossary,
        status, 404, the root), and of the generated kinds every GENERATED_STRIDE-th by URL plus
        the sample(). The check then takes minutes, not hours, with thousands of questionnaire
        pages, and still sees every template in every language."""
        if getattr(self, "_coverage", None) is None:
            chosen = {id(p) for p in self.sample()}
            for kind in self.GENERATED:
                pages = sorted((p for p in self.pages if p.base_kind == kind), key=lambda p: p.url)
                chosen |= {id(p) for p in pages[::self.GENERATED_STRIDE]}
            self._coverage = [p for p in self.pages
                              if p.base_kind not in self.GENERATED or id(p) in chosen]
        return self._coverage

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


def load_manifest(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
    if manifest.get("version") != 1:
        raise ValueError(f"{path}: manifest version {manifest.get('version')!r}, expected 1")
    return manifest


def load_site(root: str, manifest_path: str) -> Site:
    root = os.path.abspath(root)
    manifest = load_manifest(manifest_path)
    site = Site(root, manifest=manifest, source_language=manifest["source_language"])
    site.languages = [l["code"] for l in manifest["languages"]]
    on_disk = set()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            on_disk.add(os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/"))
    listed = {f["path"] for f in manifest["files"]}
    site.unlisted = sorted(on_disk - listed)
    site.missing = sorted(listed - on_disk)
    for entry in manifest["files"]:
        rel = entry["path"]
        if rel not in on_disk:
            continue
        if entry["kind"] == "css":
            site.css_files.append(rel)
        if not rel.endswith(".html"):
            continue
        path = os.path.join(root, rel)
        with open(path, encoding="utf-8") as f:
            html = f.read()
        doc = dom.parse(html)
        htmlnode = doc.find("html")
        page = Page(path, rel, entry["url"], entry.get("language"), html, doc, entry["kind"],
                    bool(entry.get("fallback")), entry)
        if htmlnode is not None:
            page.html_lang = htmlnode.attrs.get("lang", "")
            page.html_dir = htmlnode.attrs.get("dir", "")
        site.pages.append(page)
    return site
