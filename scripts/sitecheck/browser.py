"""Headless Chromium through Selenium, with the local chromedriver (never Selenium Manager, so
nothing is downloaded), a phone-sized viewport and, for the no-JavaScript walk, scripts off."""
from __future__ import annotations

import base64
import os
import shutil

WIDTH = 375
HEIGHT = 740

# Finds what sticks out past the end edge of the viewport (left edge for right-to-left pages),
# outside any element that scrolls by itself.
CULPRITS_JS = r"""
const root = document.documentElement, w = root.clientWidth;
const rtl = getComputedStyle(root).direction === 'rtl';
const out = [];
function describe(el) {
  let s = el.tagName.toLowerCase();
  if (el.id) s += '#' + el.id;
  if (typeof el.className === 'string' && el.className.trim())
    s += '.' + el.className.trim().split(/\s+/).join('.');
  return s;
}
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;
  const over = rtl ? r.left < -1 : r.right > w + 1;
  if (!over) continue;
  let p = el.parentElement, clipped = false;
  while (p && p !== document.body) {
    if (getComputedStyle(p).overflowX !== 'visible') { clipped = true; break; }
    p = p.parentElement;
  }
  if (clipped) continue;
  if ([...el.children].some(c => { const q = c.getBoundingClientRect();
        return rtl ? q.left < -1 : q.right > w + 1; })) continue;  // report the innermost
  const path = []; let e = el;
  for (let i = 0; e && e !== document.body && i < 3; i++, e = e.parentElement) path.unshift(describe(e));
  out.push(path.join(' > ') + ' (' + Math.round(r.left) + '..' + Math.round(r.right) + 'px)');
  if (out.length >= 3) break;
}
return out;
"""


# Loads same-origin pages one after the other into a 375 px wide iframe and measures each;
# much faster than a WebDriver navigation per page.
FRAME_WIDTHS_JS = r"""
const urls = arguments[0], width = arguments[1], done = arguments[arguments.length - 1];
const f = document.createElement('iframe');
f.style.cssText = 'width:' + width + 'px;height:740px;border:0;display:block';
document.body.appendChild(f);
const out = [];
let i = 0;
function next() {
  if (i >= urls.length) { f.remove(); done(out); return; }
  const u = urls[i++];
  f.onload = () => {
    try {
      const e = f.contentDocument.documentElement;
      out.push([u, e.scrollWidth, e.clientWidth]);
    } catch (err) { out.push([u, -1, -1]); }
    next();
  };
  f.src = u + (u.includes('?') ? '&' : '?') + 'lotse-check-frame';
}
next();
"""


def chromium_binary() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def chromedriver_binary() -> str | None:
    if os.path.exists("/usr/bin/chromedriver"):
        return "/usr/bin/chromedriver"
    return shutil.which("chromedriver")


def make_driver(javascript: bool = True, mobile: bool = True):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver_path = chromium_binary(), chromedriver_binary()
    if not binary or not driver_path:
        raise RuntimeError("chromium and chromium-driver are needed "
                           "(apt-get install chromium chromium-driver)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = binary
    for arg in ("--headless=new", "--disable-gpu", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                "--disable-background-networking", "--disable-component-update",
                "--disable-default-apps", "--disable-features=Translate,MediaRouter",
                f"--window-size={WIDTH},{HEIGHT}"):
        opts.add_argument(arg)
    if os.geteuid() == 0:
        opts.add_argument("--no-sandbox")
    # The console, where Chromium reports what the Content-Security-Policy refused.
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        opts.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(options=opts, service=Service(executable_path=driver_path))
    # On a loaded machine one command (a chunk of frames, axe-core on a long page) may take
    # minutes; Selenium's own HTTP timeout (120 s) must not be what ends it.
    try:
        driver.command_executor._client_config.timeout = 900
    except AttributeError:
        pass
    driver.set_page_load_timeout(120)
    driver.set_script_timeout(300)
    if mobile:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": True})
    return driver


def javascript_is_off(driver) -> bool:
    driver.get("data:text/html,<title>off</title><script>document.title='on'</script>")
    return driver.title == "off"


def horizontal_overflow(driver) -> tuple[int, int]:
    """(scrollWidth, clientWidth) of the page; works with page scripts off too, since
    WebDriver's own scripts still run."""
    try:
        sw, cw = driver.execute_script(
            "const e = document.documentElement; return [e.scrollWidth, e.clientWidth];")
        return int(sw), int(cw)
    except Exception:
        m = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        return int(m["cssContentSize"]["width"]), int(m["cssLayoutViewport"]["clientWidth"])


def overflow_in_frames(driver, base: str, urls: list[str], chunk: int = 10):
    """[(url, scrollWidth, clientWidth)] for every URL, measured in a 375 px iframe."""
    driver.get(base + "/404.html?lotse-check-frame")  # the harness page may hold frames
    out = []
    # A chunk takes well under a second on an idle machine; a loaded one (CI, a busy laptop) may
    # need far longer, which is no failure of the site.
    driver.set_script_timeout(600)
    try:
        for i in range(0, len(urls), chunk):
            out += driver.execute_async_script(FRAME_WIDTHS_JS, urls[i:i + chunk], WIDTH)
            if (i // chunk) % 100 == 99:
                from .report import progress
                progress(f"375 px: {i + chunk} of {len(urls)} pages measured")
    finally:
        driver.set_script_timeout(300)
    return [(u, int(sw), int(cw)) for u, sw, cw in out]


def overflow_culprits(driver) -> list[str]:
    try:
        return driver.execute_script(CULPRITS_JS) or []
    except Exception:
        return []


def screenshot(driver, path: str, max_height: int = 6000):
    """A full-length screenshot of the page at the phone width."""
    m = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    height = min(max(int(m["cssContentSize"]["height"]), 1), max_height)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": WIDTH, "height": height, "scale": 1}})
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(base64.b64decode(shot["data"]))


def print_pdf(driver, path: str):
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {
        "printBackground": False, "paperWidth": 8.27, "paperHeight": 11.69,  # A4
        "marginTop": 0.6, "marginBottom": 0.6, "marginLeft": 0.6, "marginRight": 0.6})
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(base64.b64decode(pdf["data"]))


def slug(url: str) -> str:
    s = url.strip("/").replace("/", "_") or "root"
    return s.replace(".html", "")
