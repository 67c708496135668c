"""Exception hierarchy of cadre-rules, built on builtins so callers can catch ``ValueError``."""

from __future__ import annotations

from dataclasses import dataclass


class CadreRulesError(Exception):
    """Base class of every error raised by cadre-rules."""


@dataclass(frozen=True)
class Problem:
    """One problem in an input: the field path, what was expected and what came, in Chinese and English."""

    path: str
    message_en: str
    message_zh: str

    def render(self) -> str:
        """Return ``path: 中文说明 / English explanation`` on one line."""
        return f"{self.path}: {self.message_zh} / {self.message_en}"


class CaseError(CadreRulesError, ValueError):
    """A case record is invalid: lists every problem with the field path that caused it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(p.render() for p in self.problems))


class RegulationDataError(CadreRulesError, ValueError):
    """The regulation data, a rule spec or a profile is inconsistent (duplicate, dangling or bad date)."""


class CalendarError(CadreRulesError, LookupError):
    """A date lies outside the years for which the working-day calendar is known."""


class CalendarFileError(CaseError):
    """A calendar file (official holidays and make-up days a user supplies) is invalid: names every field."""
