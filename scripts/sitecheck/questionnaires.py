"""The questionnaires and their scenario tests, as the build manifest lists them
(docs/manifest.md): Lotse has parsed and checked the YAML; nothing here reads it again."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Scenario:
    name: str              # where the test is written: content/questionnaires/x.yaml:40:5
    answers: list[str]
    outcomes: list[str]


@dataclass
class Questionnaire:
    id: str
    source: str
    start: dict[str, str]                  # language -> start page URL
    scenarios: list[Scenario] = field(default_factory=list)


def load_questionnaires(manifest: dict) -> list[Questionnaire]:
    return [Questionnaire(q["id"], q["source"], dict(q["start"]),
                          [Scenario(s["name"], list(s["answers"]), list(s["outcomes"]))
                           for s in q["scenarios"]])
            for q in manifest.get("questionnaires", [])]
