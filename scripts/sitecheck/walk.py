"""The no-JavaScript walk: with scripts off in Chromium, play every scenario test of every
bundled questionnaire by clicking the Start button and then the answer buttons, and check the
outcomes on the result page. Every page passed on the way is also checked at 375 px for
sideways scrolling.

The scenario tests and, for every question page, which button stands for which answer and
where it must lead come from the build manifest (docs/manifest.md); the walk clicks the button
and checks that the browser arrives where the manifest says.

Scenario tests share their first answers, so the walk follows them as a tree: every answer
edge is clicked once, and when the walk comes back to a question to try another answer, it
reopens that question's URL (the one the clicks led to) instead of clicking from the start
again.

On the result page of the first scenario of each questionnaire and language, the walk also
clicks the last "Change" link under "Your answers": it must reopen a question page on the
scenario's own path, and giving the same answers again from there must lead back to the same
result page.
"""
from __future__ import annotations

import os
import threading
import time

from . import browser, dom
from .pages import Site
from .questionnaires import Questionnaire, Scenario
from .report import Check


class WalkError(Exception):
    pass


class _Node:
    def __init__(self):
        self.children: dict[str, _Node] = {}
        self.ends: list[Scenario] = []


def _tree(scenarios: list[Scenario]) -> _Node:
    root = _Node()
    for sc in scenarios:
        node = root
        for aid in sc.answers:
            node = node.children.setdefault(aid, _Node())
        node.ends.append(sc)
    return root


def _buttons(doc: dom.Node) -> list[str]:
    main = doc.find("main") or doc
    return [b.text() for b in main.find_all("button")]


class Walker:
    def __init__(self, base: str, site: Site, artifacts: str, narrow: Check, check: Check):
        self.base = base
        self.urls = site.by_url()
        self.artifacts = artifacts
        self.narrow = narrow
        self.check = check
        self.driver = None
        self.seen: set[str] = set()
        self.clicks = 0
        self.runs = 0
        self.shots: list[str] = []
        self.changes = 0
        self.lock = threading.Lock()

    # -- browser steps ------------------------------------------------------------------
    def here(self) -> str:
        return self.driver.current_url[len(self.base):].split("?")[0]

    def doc(self) -> dom.Node:
        return dom.parse(self.driver.page_source)

    def open(self, path: str):
        self.driver.get(self.base + path)

    def click(self, index: int, selector: str = "main button"):
        """Clicks the index-th element matching `selector` (by default the index-th button in
        <main>) and waits until the next page has loaded."""
        from selenium.webdriver.common.by import By

        buttons = self.driver.find_elements(By.CSS_SELECTOR, selector)
        if index >= len(buttons) or index < -len(buttons):
            raise WalkError("the page's buttons changed under the walk")
        before = self.driver.current_url
        buttons[index].click()
        self.clicks += 1
        deadline = time.time() + 15
        while True:
            try:
                if self.driver.current_url != before and self.driver.execute_script(
                        "return document.readyState") == "complete":
                    break
            except Exception:
                pass  # between two documents; ask again
            if time.time() > deadline:
                raise WalkError(f"clicking button {index + 1} on {before[len(self.base):]} "
                                f"did not lead to a new page")
            time.sleep(0.01)
        if self.here() not in self.urls:
            raise WalkError(f"button {index + 1} on {before[len(self.base):].split('?')[0]} "
                            f"leads to {self.here()}, which is not a page of the site")

    def arrived(self, shot: str | None):
        path = self.here()
        if path not in self.seen:
            self.seen.add(path)
            sw, cw = browser.horizontal_overflow(self.driver)
            if sw > cw:
                culprits = browser.overflow_culprits(self.driver)
                self.narrow.fail(path, f"scrolls sideways at {browser.WIDTH} px with scripts off"
                                 f" (content {sw} px wide)"
                                 + (": " + "; ".join(culprits) if culprits else ""))
        if shot:
            browser.screenshot(self.driver, shot)
            self.shots.append(shot)

    # -- one questionnaire in one language ------------------------------------------------
    def walk(self, q: Questionnaire, lang: str, shoot: bool):
        start = q.start.get(lang, f"/{lang}/{q.id}/")
        if start not in self.urls:
            self.check.fail(start, f"questionnaire start page of '{q.id}' is missing")
            return
        shot_dir = os.path.join(self.artifacts, "walk", f"{q.id}-{lang}") if shoot else None
        tree = _tree(q.scenarios)
        try:
            self.open(start)
            self.arrived(os.path.join(shot_dir, "00-start.png") if shot_dir else None)
            buttons = _buttons(self.doc())
            if len(buttons) != 1:
                raise WalkError(f"start page has {len(buttons)} buttons, expected one Start "
                                f"button")
            self.click(0)
            self.arrived(os.path.join(shot_dir, "01-first-question.png") if shot_dir else None)
        except WalkError as e:
            self.check.fail(start, f"{q.id} in {lang}: {e}")
            return
        except Exception as e:
            self.check.fail(start, f"{q.id} in {lang}: {type(e).__name__}: "
                            f"{str(e).splitlines()[0][:200] if str(e) else ''}")
            return
        self._visit(q, lang, tree, self.here(), [], shot_dir, first=True, path=[])

    def _answer(self, aid: str) -> tuple[str, str, str]:
        """Clicks the button of answer `aid` on the question page shown, which the build manifest
        names; returns (question id, the URL arrived at, the URL the manifest says)."""
        doc = self.doc()
        page = self.urls.get(self.here())
        entry = page.entry if page else {}
        if entry.get("kind") != "question" or doc.find(cls="question") is None:
            h1 = doc.find("h1")
            raise WalkError(f"expected a question before answer '{aid}', got "
                            f"“{h1.text() if h1 else '?'}” ({entry.get('kind', 'not in the manifest')})")
        qid = entry.get("question", "?")
        transitions = entry.get("transitions") or []
        index = next((n for n, t in enumerate(transitions) if t["answer"] == aid), None)
        if index is None:
            raise WalkError(f"question '{qid}' has no answer '{aid}' (answers: "
                            + ", ".join(t["answer"] for t in transitions) + ")")
        want = dom.squash(transitions[index]["label"])
        buttons = _buttons(doc)
        if index >= len(buttons) or buttons[index] != want:
            raise WalkError(f"question '{qid}': button {index + 1} should be “{want}” for "
                            f"answer '{aid}'; buttons: " + " | ".join(buttons))
        self.click(index)
        return qid, self.here(), transitions[index]["to"]

    def _visit(self, q, lang, node: _Node, url: str, answers: list[str], shot_dir, first: bool,
               path: list[str]):
        """The browser shows `url`, reached by clicking `answers` on the pages `path`."""
        label = f"{q.id} [{', '.join(answers)}] in {lang}"
        for sc in node.ends:
            self.runs += 1
            try:
                self._check_result(sc, label)
                if first:
                    self._change_and_finish(q, lang, sc, path, url, label)
            except WalkError as e:
                self.check.fail(url, f"{label}: {e}")
            except Exception as e:
                self.check.fail(url, f"{label}: {type(e).__name__}: {str(e)[:200]}")
        for i, (aid, child) in enumerate(node.children.items()):
            trail = answers + [aid]
            where = url
            try:
                if self.here() != url:
                    self.open(url)
                qid, next_url, expected = self._answer(aid)
                shoot = first and i == 0 and shot_dir
                self.arrived(os.path.join(shot_dir, f"{len(trail) + 1:02d}-after-{qid}-{aid}.png")
                             if shoot else None)
                if next_url != expected:
                    raise WalkError(f"answer '{aid}' of question '{qid}' led to {next_url}; the "
                                    f"manifest says {expected}")
            except WalkError as e:
                self._fail_subtree(where, q, lang, trail, child, str(e))
                continue
            except Exception as e:  # Selenium trouble: report it, go on with the next answer
                self._fail_subtree(where, q, lang, trail, child,
                                   f"{type(e).__name__}: {str(e).splitlines()[0][:200] if str(e) else ''}")
                continue
            self._visit(q, lang, child, next_url, trail, shot_dir, first and i == 0, path + [url])

    def _fail_subtree(self, where, q, lang, trail, node: _Node, reason: str):
        scenarios = []

        def collect(n, path):
            for sc in n.ends:
                scenarios.append(sc)
            for a, c in n.children.items():
                collect(c, path + [a])
        collect(node, trail)
        self.runs += len(scenarios)
        names = "; ".join("[" + ", ".join(sc.answers) + "]" for sc in scenarios[:3])
        more = f" and {len(scenarios) - 3} more" if len(scenarios) > 3 else ""
        self.check.fail(where, f"{q.id} in {lang}, answer '{trail[-1]}': {reason} "
                        f"(scenario{'s' if len(scenarios) != 1 else ''} {names}{more})")

    def _change_and_finish(self, q, lang, sc: Scenario, path: list[str], result: str, label: str):
        """On the result page `result`: clicks the last Change link, which must reopen a page
        of `path`; answering the same again from there must lead back to `result`."""
        if self.here() != result:
            self.open(result)
        doc = self.doc()
        links = [a for a in doc.find_all("a") if "change" in a.attrs.get("class", "").split()]
        if not links:
            raise WalkError("the result page has no Change link under “Your answers”")
        self.click(-1, "main a.change")
        self.changes += 1
        reopened = self.here()
        if reopened not in path:
            raise WalkError(f"the last Change link leads to {reopened}, which is not a page on "
                            f"this path")
        step = path.index(reopened)
        for aid in sc.answers[step:]:
            self._answer(aid)
        if self.here() != result:
            raise WalkError(f"after Change at {reopened} and the same answers again, the walk "
                            f"ends at {self.here()}, not at the result {result}")
        self._check_result(sc, label + " after Change")

    def _check_result(self, sc: Scenario, label: str):
        doc = self.doc()
        here = self.here()
        if doc.find(cls="result") is None:
            self.check.fail(here, f"{label}: expected the result page, got a page without "
                                  f"div.result")
            return
        shown = []
        for section in doc.find_all("section", cls="outcome"):
            h2 = section.find("h2")
            shown.append((h2.attrs.get("id", "") if h2 else "").removeprefix("outcome-"))
        if shown != sc.outcomes:
            self.check.fail(here, f"{label}: expected outcomes {', '.join(sc.outcomes)}; the "
                                  f"page shows {', '.join(shown) or 'none'}")


def walk(site: Site, base: str, questionnaires: list[Questionnaire], langs: list[str], artifacts: str, shot_langs: list[str], narrow: Check,
         workers: int = 2) -> tuple[Check, int, list[str]]:
    check = Check("no javascript")
    if not questionnaires:
        check.summary = "no questionnaires in the manifest, nothing to walk"
        return check, 0, []
    if not langs:
        check.summary = "no languages to walk in"
        check.fail("", "--walk-langs names none of the site's languages")
        return check, 0, []
    starts = [q.start.get(l, f"/{l}/{q.id}/") for q in questionnaires for l in langs]
    urls = site.by_url()
    if not any(s in urls for s in starts):
        check.summary = "no questionnaire pages to walk"
        check.fail("", f"none of the {len(starts)} questionnaire start pages exists "
                       f"(e.g. {starts[0]})")
        return check, 0, []
    jobs = [(q, l) for l in langs for q in questionnaires]
    walkers = [Walker(base, site, artifacts, narrow, check) for _ in range(workers)]
    errors: list[str] = []

    def run(w: Walker, share):
        try:
            w.driver = browser.make_driver(javascript=False)
            if not browser.javascript_is_off(w.driver):
                errors.append("JavaScript is still on in the no-JavaScript browser")
                return
            for q, lang in share:
                w.walk(q, lang, shoot=lang in shot_langs)
        except Exception as e:
            errors.append(f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
        finally:
            if w.driver is not None:
                w.driver.quit()

    threads = [threading.Thread(target=run, args=(w, jobs[i::workers]), daemon=True)
               for i, w in enumerate(walkers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for e in dict.fromkeys(errors):
        check.fail("", e)
    runs = sum(w.runs for w in walkers)
    clicks = sum(w.clicks for w in walkers)
    changes = sum(w.changes for w in walkers)
    seen = set().union(*(w.seen for w in walkers))
    shots = sorted(s for w in walkers for s in w.shots)
    scenarios = sum(len(q.scenarios) for q in questionnaires)
    check.summary = (f"scripts off: {scenarios} scenario tests of {len(questionnaires)} "
                     f"questionnaires in {len(langs)} languages = {runs} runs, {clicks} clicks "
                     f"({changes} Change links followed), "
                     f"{len(check.failures)} failed")
    return check, len(seen), shots
