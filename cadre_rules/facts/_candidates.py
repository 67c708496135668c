"""Facts of several candidates for one post (差额) and of seed 000's open-selection record (issue 10).

``procedure.candidates`` lists the candidates considered; when it is absent, the counts recorded elsewhere
(``procedure.inspection.candidate_count``, ``procedure.recommendation.candidates_by_votes_only``) are read as
before, and the facts only the list can give are missing, naming ``procedure.candidates``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cadre_rules.facts._dates import spans_until, total_months
from cadre_rules.facts._paths import at_path
from cadre_rules.records._case import Case, ConsideredCandidate, RecommendationRound, votes_alone
from cadre_rules.records._enums import OpenSelectionPart, OpenSelectionStep

if TYPE_CHECKING:
    from cadre_rules.facts._derive import Facts

LIST = "procedure.candidates"

# The parts each multi-part step of seed 000 paragraph 10 names (items 3 and 5).
STEP_PARTS: dict[OpenSelectionStep, tuple[OpenSelectionPart, ...]] = {
    OpenSelectionStep.EVALUATION_EXAM_FIRST_RECOMMENDATION: (
        OpenSelectionPart.FITNESS_EVALUATION,
        OpenSelectionPart.WRITTEN_EXAM,
        OpenSelectionPart.FIRST_RECOMMENDATION,
    ),
    OpenSelectionStep.SECOND_RECOMMENDATION_INSPECTION: (
        OpenSelectionPart.SECOND_RECOMMENDATION,
        OpenSelectionPart.INSPECTION,
    ),
}


def inspection_candidate_count(case: Case) -> tuple[int | None, tuple[str, ...]]:
    """考察对象人数: from the candidates list when given, else ``procedure.inspection.candidate_count``."""
    listed = case.procedure.candidates
    if listed is None:
        value, miss = at_path(case, "procedure.inspection.candidate_count")
        return value, (miss,)
    unknown = [f"{LIST}[{i}].inspection_candidate" for i, c in enumerate(listed) if c.inspection_candidate is None]
    if unknown:
        return None, tuple(unknown)
    return sum(1 for c in listed if c.inspection_candidate), ()


def by_votes_only(case: Case) -> tuple[bool | None, tuple[str, ...]]:
    """考察对象 fixed on the recommendation votes alone: derived from the list, else the declared flag."""
    listed = case.procedure.candidates
    if listed is not None:
        derived = votes_alone(listed)
        if derived is not None:
            return derived, ()
    value, miss = at_path(case, "procedure.recommendation.candidates_by_votes_only")
    if value is not None or listed is None:
        return value, (miss,)
    unknown = [f"{LIST}[{i}].inspection_candidate" for i, c in enumerate(listed) if c.inspection_candidate is None]
    unknown += [
        f"{LIST}[{i}].considerations"
        for i, c in enumerate(listed)
        if c.inspection_candidate and c.considerations is None
    ]
    return None, tuple(unknown or [miss])


def _share_below(mine: RecommendationRound, other: RecommendationRound) -> bool:
    """``mine`` had a smaller share of the votes than ``other`` (integer cross-multiplication)."""
    return mine.votes * other.participants < other.votes * mine.participants


def candidates_facts(case: Case, facts: Facts) -> None:
    """Facts of the candidates list: the 差额票决, the vote deciding, 考察对象 against the recommendation ranking."""
    listed = case.procedure.candidates
    facts.put("candidates_listed", listed is not None)
    names = (
        "vote_candidate_count",
        "vote_candidates_uninspected",
        "vote_chosen_outvoted",
        "rank_departures_unexplained",
        "rank_departure_names",
    )
    if listed is None:
        for name in names:
            facts.put(name, None, LIST)
    else:
        _vote_facts(listed, facts)
        _rank_facts(listed, facts)
    competitors: list[tuple[bool | None, str]] = [(case.candidate.canvassing_found, "candidate.canvassing_found")]
    competitors += [
        (c.canvassing_found, f"{LIST}[{i}].canvassing_found")
        for i, c in enumerate(listed or [])
        if c.name != case.candidate.name
    ]
    found = sum(1 for v, _ in competitors if v)
    unknown = [p for v, p in competitors if v is None]
    facts.put("competitors_canvassing", found if found or not unknown else None, *unknown)
    facts.put("falsification_found", case.candidate.falsification_found, "candidate.falsification_found")
    facts.put("important_cadre", case.post.important_cadre)
    body, miss = at_path(case, "procedure.recommendation.body")
    facts.put("recommendation_body", body.value if body is not None else None, miss)
    managing, miss_managing = at_path(case, "post.managing_committee")
    deciding, miss_deciding = at_path(case, "procedure.meeting.committee")
    if managing is None or deciding is None:
        facts.put("decided_by_managing_committee", None, *(m for m in (miss_managing, miss_deciding) if m))
    else:
        facts.put("decided_by_managing_committee", managing == deciding)


def _vote_facts(listed: list[ConsideredCandidate], facts: Facts) -> None:
    unknown = [f"{LIST}[{i}].voted_on" for i, c in enumerate(listed) if c.in_vote is None]
    in_vote = [c for c in listed if c.in_vote]
    facts.put("vote_candidate_count", None if unknown else len(in_vote), *unknown)
    uninspected = [c for c in in_vote if c.inspection_candidate is False]
    unknown_insp = [
        f"{LIST}[{i}].inspection_candidate"
        for i, c in enumerate(listed)
        if c.in_vote and c.inspection_candidate is None
    ]
    value = len(uninspected) if uninspected or not (unknown or unknown_insp) else None
    facts.put("vote_candidates_uninspected", value, *unknown, *unknown_insp)
    # the chosen must not have fewer agree votes than a candidate the vote did not choose
    missing = [f"{LIST}[{i}].ballot" for i, c in enumerate(listed) if c.in_vote and c.ballot is None]
    missing += [f"{LIST}[{i}].chosen" for i, c in enumerate(listed) if c.in_vote and c.chosen is None]
    if missing:
        facts.put("vote_chosen_outvoted", None, *missing)
        return
    chosen = [c.ballot.agree_count() for c in in_vote if c.chosen and c.ballot is not None]
    others = [c.ballot.agree_count() for c in in_vote if not c.chosen and c.ballot is not None]
    facts.put("vote_chosen_outvoted", sum(1 for a in chosen if others and a < max(others)))


def _rank_facts(listed: list[ConsideredCandidate], facts: Facts) -> None:
    unknown = [f"{LIST}[{i}].inspection_candidate" for i, c in enumerate(listed) if c.inspection_candidate is None]
    unknown += [f"{LIST}[{i}].recommendation_rounds" for i, c in enumerate(listed) if c.recommendation_rounds is None]
    if unknown:
        facts.put("rank_departures_unexplained", None, *unknown)
        facts.put("rank_departure_names", None, *unknown)
        return
    last = max((r.round for c in listed for r in c.recommendation_rounds or []), default=None)
    results = {c.name: next((r for r in c.recommendation_rounds or [] if r.round == last), None) for c in listed}
    unlisted = [results[c.name] for c in listed if not c.inspection_candidate]
    departures = [
        c.name
        for c in listed
        if c.inspection_candidate
        and (mine := results[c.name]) is not None
        and any(o is not None and _share_below(mine, o) for o in unlisted)
        and not (c.departure_reason or "").strip()
    ]
    facts.put("rank_departures_unexplained", len(departures))
    facts.put("rank_departure_names", "、".join(departures))


def open_selection_record_facts(case: Case, facts: Facts) -> None:
    """Seed 000's record of an open selection: step parts, supervision, the plan, complaints, the announcement."""
    steps = case.procedure.open_selection_steps
    path = "procedure.open_selection_steps"
    if steps is None:
        for name in ("os_missing_parts", "os_missing_part_count", "os_unsupervised_steps"):
            facts.put(name, None, path)
        for name in ("os_unsupervised_step_count",):
            facts.put(name, None, path)
        facts.put("os_first_step_start", None, path)
    else:
        missing_parts: list[str] = []
        unknown: list[str] = []
        for step, parts in STEP_PARTS.items():
            records = [(i, r) for i, r in enumerate(steps) if r.step is step]
            if not records:
                continue  # the missing-step rule reports it
            if any(r.parts is None for _, r in records) and not any(r.parts for _, r in records):
                unknown += [f"{path}[{i}].parts" for i, r in records if r.parts is None]
                continue
            done = {p for _, r in records for p in r.parts or []}
            missing_parts += [p.value for p in parts if p not in done]
        facts.put("os_missing_parts", ", ".join(missing_parts))
        facts.put("os_missing_part_count", None if unknown and not missing_parts else len(missing_parts), *unknown)
        unsupervised = [r.step.value for r in steps if r.discipline_supervised is False]
        unknown_sup = [
            f"{path}[{i}].discipline_supervised" for i, r in enumerate(steps) if r.discipline_supervised is None
        ]
        facts.put("os_unsupervised_steps", ", ".join(dict.fromkeys(unsupervised)))
        count = None if unknown_sup and not unsupervised else len(set(unsupervised))
        facts.put("os_unsupervised_step_count", count, *unknown_sup)
        # the announcement opens the selection; without it, the first step recorded does
        first = [r for r in steps if r.step is OpenSelectionStep.ANNOUNCEMENT] or list(steps)
        undated = [f"{path}[{steps.index(r)}].start" for r in first if r.start is None]
        known = [r.start for r in first if r.start is not None]
        facts.put("os_first_step_start", None if undated or not known else min(known), *undated, path)
    plan = case.procedure.implementation_plan_adopted_on
    if plan is not None:
        facts.put("os_plan_adopted", True)
    else:
        complete = case.procedure.record_complete
        facts.put("os_plan_adopted", False if complete else None, "procedure.implementation_plan_adopted_on")
    facts.put("os_plan_adopted_on", plan, "procedure.implementation_plan_adopted_on")
    _complaint_facts(case, facts)
    _announcement_record_facts(case, facts)


def _complaint_facts(case: Case, facts: Facts) -> None:
    complaints = case.procedure.complaints
    path = "procedure.complaints"
    if complaints is None:
        facts.put("complaints_open_at_decision", None, path)
        return
    decided, miss = at_path(case, "procedure.meeting.date")
    late: list[int] = []
    unknown: list[str] = []
    for i, c in enumerate(complaints):
        if c.verified is False:
            late.append(i)
        elif decided is None:
            unknown.append(miss)
        elif c.received_on > decided:
            continue  # received after the decision: the publicity rules govern it
        elif c.closed_on is not None and c.closed_on > decided:
            late.append(i)
        elif c.closed_on is None:
            if case.procedure.record_complete:
                late.append(i)  # 全程纪实: a closing the complete record does not hold did not happen
            else:
                unknown.append(f"{path}[{i}].closed_on")
        elif c.verified is None:
            unknown.append(f"{path}[{i}].verified")
    facts.put("complaints_open_at_decision", len(late) if late or not unknown else None, *dict.fromkeys(unknown))


def _announcement_record_facts(case: Case, facts: Facts) -> None:
    ann = case.procedure.announcement
    base = "procedure.announcement"
    # An announcement record is the announcement's content: a list it does not give is one it did not state.
    posts = (ann.posts or []) if ann is not None else None
    pool = (ann.eligible_pool or []) if ann is not None else None
    facts.put("announcement_post_count", len(posts) if posts is not None else None, base)
    facts.put("announcement_pool_size", len(pool) if pool is not None else None, base)
    facts.put("has_eligible_pool", bool(pool))
    if posts is None:
        facts.put("post_announced", None, base)
        facts.put("announced_post_count", None, base)
    else:
        match = [p for p in posts if p.title == case.post.title]
        facts.put("post_announced", bool(match))
        facts.put("announced_post_count", sum(p.count for p in match))
    affiliations = case.candidate.affiliations
    if not pool:
        facts.put("candidate_in_pool", None, f"{base}.eligible_pool")
    elif affiliations is None:
        facts.put("candidate_in_pool", None, "candidate.affiliations")
    else:
        facts.put("candidate_in_pool", any(a in pool for a in affiliations))
    _experience_facts(case, facts)


def _experience_facts(case: Case, facts: Facts) -> None:
    ann = case.procedure.announcement
    required = ann.career_experience if ann is not None else None
    facts.put("has_experience_requirement", bool(required))
    path = "procedure.announcement.career_experience"
    if not required:
        facts.put("experience_unmet", None, path)
        facts.put("experience_unmet_count", None, path)
        return
    career = case.candidate.career
    if career is None:
        facts.put("experience_unmet", None, "candidate.career")
        facts.put("experience_unmet_count", None, "candidate.career")
        return
    unmet: list[str] = []
    unknown: list[str] = []
    for req in required:
        until = req.counted_to or facts.as_of
        kind = [
            (i, e)
            for i, e in enumerate(career)
            if e.is_work and e.tier is req.tier and (req.role is None or e.role is req.role) and e.start < until
        ]
        sure = [e for _, e in kind if not req.township or e.township]
        maybe = [i for i, e in kind if req.township and e.township is None]
        months = total_months(spans_until(sure, until))
        if _meets(months, bool(sure), req.min_months):
            continue
        if maybe:
            unknown += [f"candidate.career[{i}].township" for i in maybe]
        else:
            unmet.append(req.label)
    facts.put("experience_unmet", "、".join(unmet))
    facts.put("experience_unmet_count", None if unknown and not unmet else len(unmet), *unknown)


def _meets(months: int, held: bool, minimum: int) -> bool:
    return held and months >= minimum
