"""Links: Debian's linkchecker over the served site (every page is a start URL, so pages nothing
links to, like 404.html, are checked too), with its AnchorCheck plugin for #anchors. Plus the
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
from urllib.parse import urlsplit, unquote

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
        urls = [self.base + "/"] + [self.base + p.url for p in self.site.pages if p.url != "/"]
        cmd = ["linkchecker", "-f", config, "--no-status", "-v", "-o", "csv/utf-8",
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
                         f"{len(self.site.pages)} start pages; {same_page} same-page #anchors; "
                         f"{own} absolute links to {base_url or 'the site address'}; "
                         f"{broken} broken")
        return check

    def site_base_url(self) -> str | None:
        """The site's public address: the canonical URL of the root chooser."""
        for page in self.site.pages:
            if page.url == "/":
                for link in page.doc.find_all("link"):
                    if "canonical" in link.attrs.get("rel", "").split():
                        return link.attrs.get("href")
        return None
