"""Month-precision dates: evaluate a case at both ends of each month it leaves open, and combine.

The 干部任免审批表 records 三龄两历 to the month (``2010.07``).  Such a date (:class:`MonthDate`) means "some
day of that month".  A rule has a status only if it has that status whichever day it was; otherwise it is
``indeterminate``, and the finding names the field and the day that decides it.

Reading (docs/design-notes.md, "Month-precision dates"):

* Every date fact is monotone in each record date over a month (ages, 工龄, 党龄 and service months grow as
  a start moves earlier or an end later; gaps and overlaps between resume lines likewise), and every rule
  compares facts with thresholds.  So a rule's status over all the days a case allows is decided at the
  corners of that box, and the two corners that matter for a rule are the one that pushes each of its dates
  towards violation and the one that pushes each away.
* Every fact that reads two record dates measures the time *from* one *to* the other (age at work start =
  work start − birth; probation = full membership − admission; service = end − start; a gap = next start −
  previous end; entry age = education start − birth).  The record dates are split into two classes so that
  the two dates of every such pair fall in different classes (:data:`EARLY` and :data:`LATE` below; birth,
  full membership and the start of a resume line or a course are ``EARLY``; work start, admission, the end of
  a resume line or a course and the start of an education are ``LATE``).  Reading ``A`` puts every ``EARLY``
  date on the first day of its month and every ``LATE`` date on the last (every span between two recorded
  dates at its longest, every gap at its shortest); reading ``B`` does the opposite.  For every rule, A and
  B are its two extreme corners, so two evaluations decide every rule: the same status in A and B is the
  status for every day; different statuses make the rule indeterminate.
* The classes are checked by a property test against every corner of small cases; a new fact that reads
  two record dates in the same direction would need its own class split.
* One fact is not monotone: a course counts for the five-year training window only if it starts inside it,
  so moving its start earlier lengthens it until it leaves the window.  A month holding such a day
  (:data:`CRITICAL_DAYS`) is split there and each part read at both ends, with the other months in A and B
  (six more evaluations, only for such a month); a rule whose status moves inside it is indeterminate.
* A case without month-precision dates is evaluated once, as before.

When a rule is undecided the finding names the date that decides it: the corners between A and B are walked
one field at a time (bisection) to the field whose change turns the status, then that field's days are
bisected to the deciding day.  Two more evaluations check whether that day decides whatever the other
month-precision dates are; if not, the other deciding field is named too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from pydantic import BaseModel

from cadre_rules.records._case import Case, MonthDate
from cadre_rules.report import Finding, Status

EARLY = "early"
LATE = "late"

CLASSES: dict[tuple[str, str], str] = {
    ("Candidate", "birth_date"): EARLY,
    ("Candidate", "other_recorded_birth_dates"): EARLY,
    ("Candidate", "party_full_membership_date"): EARLY,
    ("Candidate", "current_post_start"): EARLY,
    ("Candidate", "work_start_date"): LATE,
    ("Candidate", "party_admission_date"): LATE,
    ("CareerEntry", "start"): EARLY,
    ("CareerEntry", "end"): LATE,
    ("TrainingRecord", "start"): EARLY,
    ("TrainingRecord", "end"): LATE,
    ("EducationRecord", "start"): LATE,
    ("EducationRecord", "graduation"): EARLY,
    ("Sanction", "decided_on"): EARLY,
    ("Sanction", "restored_on"): EARLY,
    ("LastPromotion", "date"): EARLY,
}
"""The class of every record date that may be month-precision (model name, field name) → EARLY / LATE."""

LABELS: dict[tuple[str, str], str] = {
    ("Candidate", "birth_date"): "出生年月",
    ("Candidate", "other_recorded_birth_dates"): "档案其他材料记载的出生日期",
    ("Candidate", "party_full_membership_date"): "转正时间",
    ("Candidate", "current_post_start"): "任现职时间",
    ("Candidate", "work_start_date"): "参加工作时间",
    ("Candidate", "party_admission_date"): "入党时间",
    ("CareerEntry", "start"): "简历起始时间",
    ("CareerEntry", "end"): "简历截止时间",
    ("TrainingRecord", "start"): "培训开始时间",
    ("TrainingRecord", "end"): "培训结束时间",
    ("EducationRecord", "start"): "入学时间",
    ("EducationRecord", "graduation"): "毕业时间",
    ("Sanction", "decided_on"): "处分（处理）决定时间",
    ("Sanction", "restored_on"): "恢复党员权利时间",
    ("LastPromotion", "date"): "上次提拔时间",
}
"""Chinese names of the month-precision fields, for messages."""

STATUS_ZH: dict[str, str] = {
    "satisfied": "符合",
    "violated": "违反",
    "not_applicable": "不适用",
    "indeterminate": "无法判断",
}
STATUS_EN: dict[str, str] = {
    "satisfied": "satisfied",
    "violated": "violated",
    "not_applicable": "not applicable",
    "indeterminate": "indeterminate",
}

Evaluate = Callable[[Case], list[Finding]]
Steps = tuple[str | int, ...]


@dataclass(slots=True)
class MonthField:
    """A month-precision date of a case: where it is, its month and its class (``key``: model and field name)."""

    steps: Steps
    month: MonthDate
    key: tuple[str, str]

    @property
    def path(self) -> str:
        """The field path, e.g. ``candidate.career[2].end``."""
        return "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in self.steps)[1:]

    @property
    def early(self) -> bool:
        """The field is of the EARLY class."""
        return CLASSES[self.key] == EARLY

    @property
    def label(self) -> str:
        """The field's Chinese name."""
        return LABELS[self.key]

    def day(self, reading_a: bool) -> date:
        """The day this field takes in reading A (``reading_a``) or B."""
        first = self.early == reading_a
        return self.month.first_day if first else self.month.last_day


_CANDIDATE_DATES = tuple(name for (owner, name) in CLASSES if owner == "Candidate")
_RECORD_LISTS = (
    ("career", "CareerEntry", ("start", "end")),
    ("training", "TrainingRecord", ("start", "end")),
    ("education", "EducationRecord", ("start", "graduation")),
    ("sanctions", "Sanction", ("decided_on", "restored_on")),
)


def month_fields(case: Case) -> list[MonthField]:
    """The month-precision dates of ``case`` in field order (they all live in the candidate record)."""
    cand = case.candidate
    found: list[MonthField] = []
    for name in _CANDIDATE_DATES:
        value = getattr(cand, name)
        if isinstance(value, MonthDate):
            found.append(_field("Candidate", name, ("candidate", name), value))
        elif isinstance(value, list):
            found.extend(
                _field("Candidate", name, ("candidate", name, i), d)
                for i, d in enumerate(value)
                if isinstance(d, MonthDate)
            )
    if cand.last_promotion is not None and isinstance(cand.last_promotion.date, MonthDate):
        found.append(_field("LastPromotion", "date", ("candidate", "last_promotion", "date"), cand.last_promotion.date))
    for attr, owner, names in _RECORD_LISTS:
        for i, record in enumerate(getattr(cand, attr) or ()):
            for name in names:
                value = getattr(record, name)
                if isinstance(value, MonthDate):
                    found.append(_field(owner, name, ("candidate", attr, i, name), value))
    return found


def _field(owner: str, name: str, steps: Steps, value: MonthDate) -> MonthField:
    if (owner, name) not in CLASSES:
        raise KeyError(f"month-precision date {owner}.{name} has no class in cadre_rules/_months.py CLASSES")
    return MonthField(steps, value, (owner, name))


def with_days(case: Case, fields: Sequence[MonthField], days: Sequence[date]) -> Case:
    """``case`` with each month field read on the given day (still a :class:`MonthDate`, so its precision shows)."""
    trie: dict[Any, Any] = {}
    for f, day in zip(fields, days, strict=True):
        node = trie
        for step in f.steps[:-1]:
            node = node.setdefault(step, {})
        node[f.steps[-1]] = MonthDate(day.year, day.month, day.day)
    result = _apply(case, trie)
    assert isinstance(result, Case)
    return result


def _apply(value: Any, trie: Any) -> Any:
    if not isinstance(trie, dict):
        return trie
    if isinstance(value, BaseModel):
        return value.model_copy(update={k: _apply(getattr(value, k), sub) for k, sub in trie.items()})
    items = list(value)
    for i, sub in trie.items():
        items[i] = _apply(items[i], sub)
    return items


def _training_window_start(as_of: date) -> list[date]:
    from cadre_rules.facts._derive import TRAINING_WINDOW_YEARS  # late: facts first would enter the facts/rules cycle

    return [as_of - relativedelta(years=TRAINING_WINDOW_YEARS)]


CRITICAL_DAYS: dict[tuple[str, str], Callable[[date], list[date]]] = {
    ("TrainingRecord", "start"): _training_window_start,
}
"""Days where a fact jumps against its monotone direction, by field: a course counts only if it starts inside
the five-year window, so a start moving earlier lengthens the course until it leaves the window.  A month
holding such a day is split there, and each part is read at both its ends (see :func:`evaluate_months`)."""


def evaluate_months(case: Case, evaluate: Evaluate, as_of: date | None = None) -> list[Finding]:
    """The findings of ``case``, deciding each rule over every day its month-precision dates allow.

    ``as_of`` locates the critical days (:data:`CRITICAL_DAYS`); a month holding one is also read on the day
    before it and on it, with the other month fields in reading A and in reading B.
    """
    fields = month_fields(case)
    if not fields:
        return evaluate(case)
    readings = _Readings(case, fields, evaluate)
    a, b = readings.at(readings.a), readings.at(readings.b)
    splits = _splits(readings, as_of)
    out = []
    for i, (fa, fb) in enumerate(zip(a, b, strict=True)):
        split = next(
            (
                (k, day)
                for k, day, (in_a, in_b) in splits
                if any(e[i].status != fa.status for e in in_a) or any(e[i].status != fb.status for e in in_b)
            ),
            None,
        )
        if split is not None:
            out.append(_split_undecided(readings, i, fa, fb, *split))
        elif fa == fb:  # most rules: the month's days do not touch their facts
            out.append(fa)
        elif fa.status == fb.status:
            out.append(_merge(fa, fb, fa.status, fa.message, sorted(set(fa.missing) | set(fb.missing))))
        else:
            out.append(_undecided(readings, i, fa, fb))
    return out


def _splits(readings: _Readings, as_of: date | None) -> list[tuple[int, date, list[list[list[Finding]]]]]:
    """For each month field holding a critical day: its evaluations on both sides of it and at its other month
    end, grouped by the reading (A, then B) of the other month fields."""
    out = []
    for k, f in enumerate(readings.fields):
        critical = CRITICAL_DAYS.get(f.key)
        if critical is None or as_of is None:
            continue
        for day in critical(as_of):
            if f.month.first_day < day <= f.month.last_day:
                groups = [
                    [readings.at((*around[:k], d, *around[k + 1 :])) for d in (*ends, day - timedelta(days=1), day)]
                    for around, ends in ((readings.a, (readings.b[k],)), (readings.b, (readings.a[k],)))
                ]
                out.append((k, day, groups))
    return out


def _split_undecided(readings: _Readings, rule: int, fa: Finding, fb: Finding, k: int, day: date) -> Finding:
    """A rule whose status changes inside a month field's month, across or beside a critical day."""
    f = readings.fields[k]
    month, d = f.month.month_text(), day.isoformat()
    en = f"{f.path} is recorded only to the month ({month}), which holds {d}, a day where the result may turn"
    zh = f"{f.label}（{f.path}）只记载到月（{month}），而该月内的 {d} 是结论可能变化之日"
    for around in (readings.a, readings.b):
        before = readings.status(rule, (*around[:k], day - timedelta(days=1), *around[k + 1 :]))
        after = readings.status(rule, (*around[:k], day, *around[k + 1 :]))
        if before != after:
            en += f" ({STATUS_EN[before]} the day before, {STATUS_EN[after]} on it)"
            zh += f"（前一日{STATUS_ZH[before]}、当日{STATUS_ZH[after]}）"
            break
    en += ": the day decides"
    zh += "，须以具体日期判断"
    missing = sorted({f.path} | set(fa.missing) | set(fb.missing))
    return _merge(fa, fb, "indeterminate", {"zh": zh, "en": en}, missing)


class _Readings:
    """Evaluations of one case under assignments of days to its month fields (cached)."""

    def __init__(self, case: Case, fields: list[MonthField], evaluate: Evaluate) -> None:
        self.case, self.fields, self.evaluate = case, fields, evaluate
        self.a = tuple(f.day(True) for f in fields)
        self.b = tuple(f.day(False) for f in fields)
        self._cache: dict[tuple[date, ...], list[Finding]] = {}

    def at(self, days: tuple[date, ...]) -> list[Finding]:
        """The findings with the month fields on ``days``."""
        if days not in self._cache:
            self._cache[days] = self.evaluate(with_days(self.case, self.fields, days))
        return self._cache[days]

    def status(self, rule: int, days: tuple[date, ...]) -> Status:
        """One rule's status with the month fields on ``days``."""
        return self.at(days)[rule].status

    def walk(self, rule: int, order: list[int]) -> tuple[int, tuple[date, ...]]:
        """From A to B, flipping fields in ``order``: the field whose flip turns the rule's status from A's.

        Returns the field index and the days just before its flip.
        """
        start = self.status(rule, self.a)

        def config(j: int) -> tuple[date, ...]:
            flipped = set(order[:j])
            return tuple(self.b[k] if k in flipped else self.a[k] for k in range(len(self.fields)))

        lo, hi = 0, len(order)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self.status(rule, config(mid)) == start:
                lo = mid
            else:
                hi = mid
        return order[lo], config(lo)


@dataclass(frozen=True)
class _Decision:
    field: MonthField
    last_same: date  # the last day (walking from A's day towards B's) that keeps A's status
    first_other: date
    status_same: Status
    status_other: Status
    alone: bool  # the day decides whatever the other month fields are


def _decide(readings: _Readings, rule: int, order: list[int]) -> tuple[_Decision, tuple[date, ...]]:
    k, base = readings.walk(rule, order)
    f = readings.fields[k]
    da, db = readings.a[k], readings.b[k]
    step = timedelta(days=1 if db > da else -1)
    days = [da + step * n for n in range(abs((db - da).days) + 1)]

    def at(day: date, around: tuple[date, ...]) -> tuple[date, ...]:
        return (*around[:k], day, *around[k + 1 :])

    same = readings.status(rule, base)
    lo, hi = 0, len(days) - 1
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if readings.status(rule, at(days[mid], base)) == same:
            lo = mid
        else:
            hi = mid
    other = readings.status(rule, at(days[hi], base))
    alone = (
        readings.status(rule, at(days[lo], readings.b)) == same
        and readings.status(rule, at(days[hi], readings.a)) == other
    )
    return _Decision(f, days[lo], days[hi], same, other, alone), base


def _undecided(readings: _Readings, rule: int, fa: Finding, fb: Finding) -> Finding:
    order = list(range(len(readings.fields)))
    decision, base = _decide(readings, rule, order)
    fields = [decision.field]
    if not decision.alone:
        second, _ = _decide(readings, rule, order[::-1])
        if second.field.path != decision.field.path:
            fields.append(second.field)
    f = decision.field
    # State the side that satisfies the rule first ("satisfied if … on or before d, violated otherwise").
    stated, other, day_, beyond = decision.status_same, decision.status_other, decision.last_same, decision.first_other
    if other == "satisfied":
        stated, other, day_, beyond = other, stated, beyond, day_
    before = day_ < beyond
    cond_en = "on or before" if before else "on or after"
    cond_zh = "或之前" if before else "或之后"
    day = day_.isoformat()
    s1_en, s2_en = STATUS_EN[stated], STATUS_EN[other]
    s1_zh, s2_zh = STATUS_ZH[stated], STATUS_ZH[other]
    month = f.month.month_text()
    en = f"{f.path} is recorded only to the month ({month}): {s1_en} if it is {cond_en} {day}, {s2_en} otherwise"
    zh = f"{f.label}（{f.path}）只记载到月（{month}）：在 {day} {cond_zh}则{s1_zh}，否则{s2_zh}"
    if len(fields) > 1:
        g = fields[1]
        g_day = base[readings.fields.index(g)].isoformat()
        g_month = g.month.month_text()
        en += f"; this holds with {g.path} ({g_month}) read as {g_day}; it also depends on that day"
        zh += f"；此结论以{g.label}（{g.path}，只记载到月 {g_month}）取 {g_day} 为前提，亦取决于其具体日期"
    missing = sorted({x.path for x in fields} | set(fa.missing) | set(fb.missing))
    return _merge(fa, fb, "indeterminate", {"zh": zh, "en": en}, missing)


def _merge(fa: Finding, fb: Finding, status: Status, message: dict[str, str], missing: list[str]) -> Finding:
    """One finding from the two readings: values that differ are shown as a range ``a～b``."""
    if message is fa.message:
        message = {lang: _merge_text(fa.message[lang], fb.message[lang]) for lang in fa.message}
    evidence = {k: _merge_value(v, fb.evidence.get(k, v)) for k, v in fa.evidence.items()}
    evidence |= {k: v for k, v in fb.evidence.items() if k not in fa.evidence}
    return replace(
        fa,
        status=status,
        message=message,
        evidence=evidence if status != "not_applicable" else {},
        missing=missing,
        waiver=fa.waiver or fb.waiver,
    )


def _merge_value(a: Any, b: Any) -> Any:
    if a == b:
        return a
    if isinstance(a, int) and isinstance(b, int) and not isinstance(a, bool) and not isinstance(b, bool):
        return f"{min(a, b)}～{max(a, b)}"
    low, high = sorted((str(a), str(b)))
    return f"{low}～{high}"


_TOKEN = re.compile(r"(\d{4}-\d{2}-\d{2}|\d+)")


def _merge_text(a: str, b: str) -> str:
    """Two renderings of one message template: differing numbers and dates become ranges."""
    if a == b:
        return a
    pa, pb = _TOKEN.split(a), _TOKEN.split(b)
    if len(pa) != len(pb) or pa[0::2] != pb[0::2]:
        return f"{a} ／ {b}"
    parts = []
    for i, (x, y) in enumerate(zip(pa, pb, strict=True)):
        if i % 2 == 0 or x == y:
            parts.append(x)
        elif x.isdigit() and y.isdigit():
            parts.append(f"{min(int(x), int(y))}～{max(int(x), int(y))}")
        else:
            low, high = sorted((x, y))
            parts.append(f"{low}～{high}")
    return "".join(parts)
