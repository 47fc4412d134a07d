"""axe-core (PyPI selenium-axe-python) in headless Chromium on one page of every kind in every
language, WCAG 2.1 A and AA rules; and, on every page of Site.coverage() (every page but four in
five question, result and leaflet pages), the 375 px check: nothing may make the page scroll sideways. Screenshots of one page per kind (source language and a right-to-left
language) go to the artifacts folder."""
from __future__ import annotations

import json
import os

from . import browser
from .pages import Site
from .report import Check

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def run_axe(driver) -> dict:
    from selenium_axe_python import Axe
    Axe(driver).inject()   # the axe-core that selenium-axe-python bundles
    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"axe.run(document, {json.dumps(options)})"
        ".then(r => done(r), e => done({error: String(e)}));")


def describe_violation(v: dict) -> str:
    nodes = v.get("nodes", [])
    first = nodes[0] if nodes else {}
    target = " ".join(str(t) for t in first.get("target", []))
    summary = (first.get("failureSummary") or "").replace("\n", " ")
    summary = summary.replace("Fix any of the following: ", "").replace(
        "Fix all of the following: ", "")
    return (f"{v['id']} ({v.get('impact')}): {v.get('help')}; {len(nodes)} element"
            f"{'s' if len(nodes) != 1 else ''}, e.g. {target}: {summary[:160]}")


def check_pages(driver, site: Site, base: str, artifacts: str, shot_langs: list[str],
                narrow: Check) -> tuple[Check, list[str]]:
    axe = Check("accessibility")
    sample = site.sample()
    shots: list[str] = []
    shot_for: dict[str, str] = {}
    for p in sample:
        if p.lang in shot_langs or p.lang is None:
            shot_for[p.url] = os.path.join(artifacts, "screenshots",
                                           f"{browser.slug(p.url)}.png")
    violations = 0
    axed_pages = 0
    # Every page of the coverage at 375 px: measured in an iframe of that width, fast; a page that
    # scrolls sideways is then opened on its own to name what sticks out.
    for url, sw, cw in browser.overflow_in_frames(driver, base, [p.url for p in site.coverage()]):
        if sw < 0:
            narrow.fail(url, "could not be measured")
        elif sw > cw:
            driver.get(base + url)
            culprits = browser.overflow_culprits(driver)
            narrow.fail(url, f"scrolls sideways at {browser.WIDTH} px (content {sw} px wide)"
                        + (": " + "; ".join(culprits) if culprits else ""))
    # One page of every kind in every language: axe-core, and screenshots.
    for page in sample:
        driver.get(base + page.url)
        sw, cw = browser.horizontal_overflow(driver)
        if sw > cw and not any(f[0] == page.url for f in narrow.failures):
            narrow.fail(page.url, f"scrolls sideways at {browser.WIDTH} px (content {sw} px wide)")
        if page.url in shot_for:
            browser.screenshot(driver, shot_for[page.url])
            shots.append(shot_for[page.url])
        axed_pages += 1
        result = run_axe(driver)
        if "error" in result:
            axe.fail(page.url, f"axe failed: {result['error']}")
            continue
        for v in result.get("violations", []):
            violations += 1
            axe.fail(f"{page.url} [{page.kind}]", describe_violation(v))
    kinds = site.kinds()
    axe.summary = (f"axe-core, WCAG 2.1 A and AA rules, {axed_pages} pages (one per kind and "
                   f"language, {len(kinds)} kinds): {violations} "
                   f"violation{'s' if violations != 1 else ''}")
    return axe, shots
