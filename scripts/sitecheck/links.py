"""Links: Debian's linkchecker over the served site, with its AnchorCheck plugin for #anchors.
Every page of Site.coverage() (every page but four in five question, result and leaflet pages)
is a start URL, so pages nothing links to, like 404.html, are checked too; linkchecker checks
every link on them (recursion level 1), so every page they link to is fetched too. The links on
the pages it does not start from are resolved here against the built site: path and #anchor. Plus the
absolute links to the site's own address (canonical, hreflang alternates), which linkchecker
can only syntax-check: they must name a page that exists."""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import tempfile
from urllib.parse import urljoin, urlsplit, unquote

from .pages import Site
from .report import Check

CONFIG = """[checking]
maxrequestspersecond=1000
threads=8
timeout=20
[output]
[AnchorCheck]
"""


class Links:
    def __init__(self, site: Site, base: str):
        self.site = site
        self.base = base
        self.proc = None
        self.error = None
        self.tmp = None

    def start(self):
        if not shutil.which("linkchecker"):
            self.error = "linkchecker not found (apt-get install linkchecker)"
            return
        # As root linkchecker drops to 'nobody', which must be able to read the config.
        self.tmp = tempfile.mkdtemp(prefix="lotse-linkcheck-")
        os.chmod(self.tmp, 0o755)
        config = os.path.join(self.tmp, "linkcheckerrc")
        with open(config, "w") as f:
            f.write(CONFIG)
        os.chmod(config, 0o644)
        port_re = re.escape(self.base.rstrip("/") + "/")
        self.start_pages = self.site.coverage()
        urls = [self.base + "/"] + [self.base + p.url for p in self.start_pages if p.url != "/"]
        cmd = ["linkchecker", "-f", config, "--no-status", "-v", "-o", "csv/utf-8", "-r", "1",
               f"--ignore-url=^(?!{port_re})", "--stdin"]
        env = dict(os.environ, HOME=self.tmp, XDG_CONFIG_HOME=self.tmp, XDG_DATA_HOME=self.tmp)
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, encoding="utf-8",
                                     env=env, cwd=self.tmp)
        self.proc.stdin.write("\n".join(urls) + "\n")
        self.proc.stdin.close()

    def finish(self) -> Check:
        check = Check("links")
        if self.error:
            check.summary = "not run"
            check.fail("", self.error)
            return check
        out = self.proc.stdout.read()
        err = self.proc.stderr.read()
        self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)
        lines = [l for l in out.splitlines() if l and not l.startswith("#")]
        rows = list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"))
        if not rows and self.proc.returncode not in (0, 1):
            check.summary = "linkchecker failed"
            check.fail("", f"linkchecker exited {self.proc.returncode}: {err.strip()[-300:]}")
            return check
        prefix = self.base.rstrip("/")
        internal = 0
        anchors = 0
        other_warnings = 0

        def short(u):
            return u[len(prefix):] if u and u.startswith(prefix) else u

        for row in rows:
            url = row.get("url") or row.get("urlname") or ""
            is_internal = url.startswith(prefix)
            if is_internal:
                internal += 1
                if "#" in (row.get("urlname") or ""):
                    anchors += 1
            parent = short(row.get("parentname") or "") or "(start)"
            line = row.get("line")
            at = f"{parent}" + (f" line {line}" if line and line != "None" else "")
            result = (row.get("result") or "").strip()
            warning = (row.get("warningstring") or "").strip()
            if row.get("valid") == "False":
                check.fail(at, f"broken link {row.get('urlname')}: {result}")
            elif "Anchor" in warning:
                check.fail(at, f"broken anchor {row.get('urlname')}: "
                               f"{warning.splitlines()[0].split(' Available anchors')[0]}")
            elif warning and is_internal:
                other_warnings += 1
                check.notes.append(f"warning at {at}: {row.get('urlname')}: {warning[:150]}")
        # linkchecker skips links to an anchor in the same page (href="#x": skip links, tables
        # of contents); they are checked here.
        same_page = 0
        for page in self.site.pages:
            ids = {n.attrs["id"] for n in page.doc.iter() if "id" in n.attrs} | \
                  {n.attrs["name"] for n in page.doc.iter() if n.tag == "a" and "name" in n.attrs}
            for node in page.doc.iter():
                href = node.attrs.get("href", "") if node.tag in ("a", "area") else ""
                if href.startswith("#") and len(href) > 1:
                    same_page += 1
                    if unquote(href[1:]) not in ids:
                        check.fail(f"{page.url} line {node.line}",
                                   f"broken anchor {href}: no element with id=\"{unquote(href[1:])}\"")
        # Pages linkchecker did not start from: every link to the site resolved against the files.
        static = self.static_links([p for p in self.site.pages
                                    if id(p) not in {id(q) for q in self.start_pages}], check)
        # Absolute links to the site's own address must name existing pages.
        own = 0
        site_urls = {p.url for p in self.site.pages}
        base_url = self.site_base_url()
        if base_url:
            base_path = urlsplit(base_url).path or "/"
            for page in self.site.pages:
                for node in page.doc.iter():
                    for attr in ("href", "action", "src"):
                        value = node.attrs.get(attr)
                        if not value or not value.startswith(base_url):
                            continue
                        own += 1
                        path = "/" + unquote(urlsplit(value).path)[len(base_path):]
                        if path not in site_urls and not os.path.isfile(
                                os.path.join(self.site.root, path.lstrip("/"))):
                            check.fail(page.url, f"<{node.tag} {attr}=\"{value}\"> names no page "
                                                 f"of the site")
        if len(check.notes) > 10:
            extra = len(check.notes) - 10
            check.notes[10:] = [f"... and {extra} more warnings"]
        broken = len(check.failures)
        check.summary = (f"linkchecker: {internal} internal URLs ({anchors} with #anchor) from "
                         f"{len(self.start_pages)} start pages; {static} links on the other "
                         f"{len(self.site.pages) - len(self.start_pages)} pages resolved against "
                         f"the files; {same_page} same-page #anchors; "
                         f"{own} absolute links to {base_url or 'the site address'}; "
                         f"{broken} broken")
        return check

    def static_links(self, pages, check: Check) -> int:
        """Checks href, src and action of `pages` that lead into the site (root-relative or
        relative): the path must be a page or file of the site, an #anchor an id on that page."""
        by_url = {p.url: p for p in self.site.pages}
        ids: dict[str, set[str]] = {}

        def ids_of(page) -> set[str]:
            if page.url not in ids:
                ids[page.url] = {n.attrs["id"] for n in page.doc.iter() if "id" in n.attrs} | \
                                {n.attrs["name"] for n in page.doc.iter()
                                 if n.tag == "a" and "name" in n.attrs}
            return ids[page.url]

        count = 0
        for page in pages:
            for node in page.doc.iter():
                for attr in ("href", "src", "action"):
                    value = node.attrs.get(attr)
                    if not value or value.startswith("#") or urlsplit(value).scheme \
                            or value.startswith("//"):
                        continue
                    count += 1
                    parts = urlsplit(urljoin(page.url, value))
                    path = unquote(parts.path)
                    target = by_url.get(path)
                    if target is None and not os.path.isfile(
                            os.path.join(self.site.root, path.lstrip("/"))):
                        check.fail(f"{page.url} line {node.line}",
                                   f"broken link {value}: no page or file {path}")
                    elif parts.fragment and target is not None and \
                            unquote(parts.fragment) not in ids_of(target):
                        check.fail(f"{page.url} line {node.line}",
                                   f"broken anchor {value}: no element with id="
                                   f"\"{unquote(parts.fragment)}\" on {path}")
        return count

    def site_base_url(self) -> str | None:
        """The site's public address: the canonical URL of the root chooser."""
        for page in self.site.pages:
            if page.url == "/":
                for link in page.doc.find_all("link"):
                    if "canonical" in link.attrs.get("rel", "").split():
                        return link.attrs.get("href")
        return None
