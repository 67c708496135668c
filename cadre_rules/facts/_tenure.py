"""Facts of the national tenure limits: two terms in the same post, ten years in the same post.

"The same post" is the target post itself: a resume line flagged ``same_post_as_target`` that the candidate
still holds on the as-of date (a re-appointment, 连任 or 留任).  Consecutive flagged lines (each starting no
later than the previous one ended) are one continuous tenure, counted from the first start in full years
("满10年": ``start + 10 years <= as_of``).  Month-precision starts are read at both ends of their month by
``cadre_rules/_months.py`` (the start of a resume line is an EARLY date).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from cadre_rules.facts._dates import completed_years
from cadre_rules.facts._paths import at_path
from cadre_rules.records._case import CareerEntry, Case

if TYPE_CHECKING:
    from cadre_rules.facts._derive import Facts


def same_post_start(career: list[CareerEntry], as_of: date) -> date | None:
    """Start of the continuous tenure of the target post still held on ``as_of``; None when it is not held."""
    lines = sorted((e for e in career if e.same_post_as_target), key=lambda e: e.start)
    current = [e for e in lines if e.start <= as_of and (e.end is None or e.end > as_of)]  # ends are exclusive
    if not current:
        return None
    start = current[-1].start
    for entry in reversed(lines):  # walk back through lines that run on without a break
        if entry.start < start and entry.end is not None and entry.end >= start:
            start = entry.start
    return start


def tenure_facts(case: Case, facts: Facts) -> None:
    """Compute ``same_post_reappointment``, ``years_in_same_post``, ``terms_in_same_post``, ``post_leadership_body``."""
    career = case.candidate.career
    if career is None:
        facts.put("same_post_reappointment", None, "candidate.career")
        facts.put("years_in_same_post", None, "candidate.career")
    else:
        start = same_post_start(career, facts.as_of)
        facts.put("same_post_reappointment", start is not None)
        facts.put("years_in_same_post", 0 if start is None else completed_years(start, facts.as_of))
    terms, miss = at_path(case, "candidate.terms_in_current_post")
    facts.put("terms_in_same_post", terms, miss)
    body, miss = at_path(case, "post.leadership_body")
    facts.put("post_leadership_body", body.value if body is not None else None, miss)
