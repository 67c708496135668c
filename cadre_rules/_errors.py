"""Exception hierarchy of cadre-rules, built on builtins so callers can catch ``ValueError``.

Error messages are bounded and discreet: a value is described by its type and size with at most a short,
escaped prefix (:func:`describe_value`), never expanded whole; personal data (ID numbers, names, the value of
an unknown key) is described without its content; at most :data:`MAX_PROBLEMS` problems are listed, with a
count of the rest. Any run of 15 or more digits left in a message (an ID number in a path, a file name or a
quoted prefix) is masked to its first six and last four characters (:func:`mask_ids`), always.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

MAX_PROBLEMS = 20
"""How many problems an error lists; the rest are counted."""
PREFIX_CHARS = 40
"""How many characters of a text value a message quotes."""
MESSAGE_CHARS = 300
"""How long one explanation may be (a longer one is cut, marked with …)."""
PROBLEM_CHARS = 1000
"""How long a problem's path or message may be, whatever made it: a longer one is cut (:func:`clip`)."""
_LONG_DIGITS = re.compile(r"(?<!\d)(?<!\d\.)\d{15,}[\dXx]?")


def mask_id(number: str) -> str:
    """An ID number shown as its first six and last four characters, the rest as ``*`` (``110105********123X``)."""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def has_id(text: str) -> bool:
    """Whether ``text`` holds a run of 15 or more digits (an ID number, 15 or 18 characters, or an account)."""
    return _LONG_DIGITS.search(text) is not None


def mask_ids(text: str) -> str:
    """``text`` with every run of 15 or more digits (ID numbers, account numbers) masked by :func:`mask_id`."""
    return _LONG_DIGITS.sub(lambda m: mask_id(m.group()), text) if has_id(text) else text


def _mask_digits(text: str) -> str:
    return mask_ids(text)


def clip(text: str, limit: int = MESSAGE_CHARS) -> str:
    """``text`` cut to ``limit`` characters (… marks a cut), long digit runs masked, lone surrogates escaped."""
    cut = text[:limit] + ("…" if len(text) > limit else "")
    return _mask_digits(cut).encode("utf-8", "backslashreplace").decode("utf-8")


def describe_value(value: Any, *, masked: bool = False) -> tuple[str, str]:
    """A short description of ``value`` (English, Chinese): its type and size, and a short prefix of a text or
    number unless ``masked`` (personal data). Never walks or renders a container's contents."""
    if value is None:
        return "null", "空值（null）"
    if isinstance(value, bool):
        return ("a boolean", "布尔值") if masked else (str(value).lower(), "布尔值 " + str(value).lower())
    if isinstance(value, int):
        bits = abs(value).bit_length()
        digits = len(str(abs(value))) if bits <= 13000 else int(bits * 0.30103) + 1  # str() refuses 4300+ digits
        if masked or digits > 12:
            return f"an integer of {digits} digit{'s' if digits > 1 else ''}", f"{digits} 位整数"
        return f"the integer {value}", f"整数 {value}"
    if isinstance(value, float):
        return (f"the number {value!r}", f"数值 {value!r}") if not masked else ("a number", "数值")
    if isinstance(value, str):
        if masked:
            return f"text of {len(value)} characters (not shown)", f"{len(value)} 个字符的文字（不显示）"
        shown = clip(repr(value[:PREFIX_CHARS]), PREFIX_CHARS + 20)
        more = "…" if len(value) > PREFIX_CHARS else ""
        return f"text of {len(value)} characters {shown}{more}", f"{len(value)} 个字符的文字 {shown}{more}"
    if isinstance(value, dict):
        return f"a mapping of {len(value)} keys", f"含 {len(value)} 个键的对象（映射）"
    if isinstance(value, list | tuple | set | frozenset):
        return f"a list of {len(value)} items", f"含 {len(value)} 项的列表"
    name = type(value).__name__
    return f"a value of type {name}", f"类型为 {name} 的值"


@dataclass(frozen=True)
class Problem:
    """One problem in an input: the field path, what was expected and what came, in Chinese and English."""

    path: str
    message_en: str
    message_zh: str

    def __post_init__(self) -> None:
        for name in ("path", "message_en", "message_zh"):  # a bound for every producer, whatever it quotes
            text: str = getattr(self, name)
            if len(text) > PROBLEM_CHARS:
                object.__setattr__(self, name, clip(text, PROBLEM_CHARS))

    def render(self) -> str:
        """Return ``path: 中文说明 / English explanation`` on one line (ID numbers masked)."""
        return mask_ids(f"{self.path}: {self.message_zh} / {self.message_en}")


def _capped(problems: list[Problem], more: int) -> tuple[list[Problem], int]:
    return problems[:MAX_PROBLEMS], more + max(0, len(problems) - MAX_PROBLEMS)


def _rendered(problems: list[Problem], more: int) -> str:
    lines = [p.render() for p in problems]
    if more:
        lines.append(f"另有 {more} 处问题未列出 / {more} more problems not listed")
    return "\n".join(lines)


class CadreRulesError(Exception):
    """Base class of every error raised by cadre-rules."""


class CaseError(CadreRulesError, ValueError):
    """A case record is invalid: lists the problems (at most :data:`MAX_PROBLEMS`) with the field path of each;
    ``more`` counts the problems not listed."""

    def __init__(self, problems: list[Problem], more: int = 0) -> None:
        self.problems, self.more = _capped(list(problems), more)
        super().__init__(_rendered(self.problems, self.more))


class RegulationDataError(CadreRulesError, ValueError):
    """The regulation data, a rule spec or a profile is inconsistent (duplicate, dangling or bad date)."""


class ProfileError(RegulationDataError):
    """A profile is invalid, unknown or out of reach: names the profile and each key at fault, in Chinese and
    English (at most :data:`MAX_PROBLEMS`; ``more`` counts the rest)."""

    def __init__(self, source: str, problems: list[Problem], more: int = 0) -> None:
        self.source = clip(source, 200)
        self.problems, self.more = _capped(list(problems), more)
        head = f"规则集 / profile {self.source}"
        super().__init__(f"{head}:\n{_rendered(self.problems, self.more)}")


class CalendarError(CadreRulesError, LookupError):
    """A date lies outside the years for which the working-day calendar is known."""


class CalendarFileError(CaseError):
    """A calendar file (official holidays and make-up days a user supplies) is invalid: names every field."""


class ArgumentError(CadreRulesError, ValueError):
    """An argument of an API call is not one it accepts (a citation mode, a number of workers)."""


class UnknownEngineError(ArgumentError):
    """An engine name that is neither ``durable`` nor ``native``."""


class UnknownRuleError(CadreRulesError, LookupError):
    """A rule id that no shipped rule has; the message suggests the closest id."""
