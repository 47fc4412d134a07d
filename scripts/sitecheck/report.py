"""Collects what each check found and prints the short report."""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field

CAP = 20


@dataclass
class Check:
    name: str
    summary: str = ""
    failures: list[tuple[str, str]] = field(default_factory=list)   # (page or item, reason)
    notes: list[str] = field(default_factory=list)                   # printed under the line
    skipped: bool = False

    def fail(self, where: str, reason: str):
        self.failures.append((where, reason))

    @property
    def passed(self) -> bool:
        return not self.failures


class Report:
    def __init__(self):
        self.checks: list[Check] = []

    def add(self, check: Check) -> Check:
        self.checks.append(check)
        return check

    def render(self) -> str:
        lines = []
        for c in self.checks:
            status = "PASS" if c.passed else "FAIL"
            lines.append(f"{status} {c.name}: {c.summary}".rstrip())
            for note in c.notes:
                lines.append(f"     {note}")
            shown = c.failures[:CAP]
            for where, reason in shown:
                lines.append(f"  - {where}: {reason}" if where else f"  - {reason}")
            if len(c.failures) > CAP:
                lines.append(f"  ... and {len(c.failures) - CAP} more")
        passed = sum(1 for c in self.checks if c.passed)
        failed = len(self.checks) - passed
        lines.append(f"{passed} passed, {failed} failed")
        return "\n".join(lines)

    @property
    def ok(self) -> bool:
        return all(c.passed for c in self.checks)


_STARTED = time.time()


def progress(message: str):
    """Progress goes to stderr so the report on stdout stays short."""
    print(f"check-site [{time.time() - _STARTED:5.1f} s] {message}", file=sys.stderr, flush=True)
