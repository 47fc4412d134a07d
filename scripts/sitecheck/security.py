"""Serving safely: the site's `_headers` file holds the strict Content-Security-Policy and the
other headers of docs/hosting.md, the test server sends them, and in Chromium no page reports a
violation of the policy while still showing its stylesheet (so the policy costs the reader
nothing). Violations are read from the browser console (where Chromium logs what a policy
refused) and from `securitypolicyviolation` events recorded by a listener installed before each
page's own content runs. The policy must not allow inline styles ('unsafe-inline'): pages link
/style.css, leaflets also /leaflet.css."""
from __future__ import annotations

import os
import urllib.error
import urllib.request

from .pages import Site
from .report import Check

EXPECTED = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}

LISTENER_JS = """
window.__lotseCSP = [];
document.addEventListener('securitypolicyviolation', e => window.__lotseCSP.push(
  e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
"""

PAGE_STATE_JS = """
const sheets = [...document.styleSheets].filter(s => { try { return s.cssRules.length > 0; } catch (e) { return false; } });
return [window.__lotseCSP || [], sheets.length, getComputedStyle(document.body).fontFamily];
"""


def check_headers_file(site: Site, base: str) -> Check:
    from .server import read_headers_file
    check = Check("security headers")
    served = dict(read_headers_file(site.root))
    if not os.path.exists(os.path.join(site.root, "_headers")):
        check.fail("/_headers", "missing: the build writes no _headers file")
    for name, value in EXPECTED.items():
        if served.get(name) != value:
            check.fail("/_headers", f"{name} is {served.get(name)!r}, expected {value!r}")
    # Never again 'unsafe-inline' (or 'unsafe-eval'): the site's styles are files (docs/hosting.md).
    policy = served.get("Content-Security-Policy") or ""
    for word in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'"):
        if word in policy:
            check.fail("/_headers", f"Content-Security-Policy allows {word}: {policy!r}")
    for url in ("/", f"/{site.languages[0]}/" if site.languages else "/", "/no-such-page/"):
        try:
            response = urllib.request.urlopen(base + url, timeout=10)
            headers = response.headers
        except urllib.error.HTTPError as e:   # the 404 page must carry them too
            headers = e.headers
        for name, value in EXPECTED.items():
            if headers.get(name) != value:
                check.fail(url, f"served without {name}: {value}")
    check.summary = (f"_headers gives every path {', '.join(EXPECTED)}; the test server sends "
                     f"them (checked on 3 URLs, the 404 page included)")
    return check


def check_csp(driver, site: Site, base: str, check: Check) -> None:
    """Visits every page of the sample in Chromium under the policy; adds failures to `check`."""
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LISTENER_JS})
    driver.get_log("browser")   # drop what earlier checks left in the console
    pages = site.sample()
    unstyled = 0
    for page in pages:
        driver.get(base + page.url)
        violations, sheets, _ = driver.execute_script(PAGE_STATE_JS)
        for entry in driver.get_log("browser"):
            message = entry.get("message", "")
            if "Content Security Policy" in message or "Content-Security-Policy" in message:
                violations.append(message[:300])
        for violation in dict.fromkeys(violations):
            check.fail(page.url, f"Content-Security-Policy violation: {violation}")
        if sheets == 0:
            unstyled += 1
            check.fail(page.url, "no stylesheet applied under the policy")
        elif page.base_kind == "leaflet" and sheets < 2:
            unstyled += 1
            check.fail(page.url, "the leaflet's print stylesheet is not applied under the policy")
    check.summary += (f"; {len(pages)} pages (every kind in every language) opened in Chromium "
                      f"under the policy: {len(check.failures)} problem(s)"
                      + (f", {unstyled} unstyled" if unstyled else ""))
