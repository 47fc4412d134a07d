"""The bundled questionnaires' scenario tests and their translated texts (for clicking the
right answer button in each language)."""
from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field

import yaml

from .dom import squash


def load_yaml(path: str):
    # BaseLoader keeps YAML 1.1 yes/no/on/off as the strings they are in the files.
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=yaml.BaseLoader) or {}


@dataclass
class Scenario:
    answers: list[str]
    outcomes: list[str]


@dataclass
class Questionnaire:
    id: str
    start: str
    question_ids: list[str]
    answer_ids: dict[str, list[str]]
    scenarios: list[Scenario]
    texts: dict[str, dict] = field(default_factory=dict)   # lang -> texts file content

    def _text(self, lang: str, source: str, *keys) -> str | None:
        for l in (lang, source):
            node = self.texts.get(l)
            for k in keys:
                node = node.get(k) if isinstance(node, dict) else None
            if isinstance(node, dict):
                node = node.get("label") or node.get("text")
            if isinstance(node, str) and node.strip():
                return squash(node)
        return None

    def question_text(self, lang, source, qid):
        return self._text(lang, source, "questions", qid, "text")

    def answer_label(self, lang, source, qid, aid):
        return self._text(lang, source, "questions", qid, "answers", aid)


def load_questionnaires(content: str) -> tuple[list[Questionnaire], str, list[str]]:
    """Returns (questionnaires, source language, languages) from content/."""
    site = load_yaml(os.path.join(content, "site.yaml")) if os.path.isfile(
        os.path.join(content, "site.yaml")) else {}
    source = site.get("source_language", "de") if isinstance(site, dict) else "de"
    langs = [l.get("code") for l in site.get("languages", []) if isinstance(l, dict)] \
        if isinstance(site, dict) else []
    out = []
    for path in sorted(glob.glob(os.path.join(content, "questionnaires", "*.yaml"))):
        qid = os.path.splitext(os.path.basename(path))[0]
        logic = load_yaml(path)
        questions = logic.get("questions") or {}
        scenarios = []
        for test in logic.get("tests") or []:
            scenarios.append(Scenario([str(a) for a in test.get("answers") or []],
                                      [str(o) for o in test.get("outcomes") or []]))
        q = Questionnaire(qid, str(logic.get("start", "")), list(questions),
                          {k: list((v or {}).get("answers") or {}) for k, v in questions.items()},
                          scenarios)
        for lang in dict.fromkeys([source, *langs]):
            tpath = os.path.join(content, lang, "questionnaires", qid + ".yaml")
            if os.path.isfile(tpath):
                q.texts[lang] = load_yaml(tpath)
        out.append(q)
    return out, source, langs
