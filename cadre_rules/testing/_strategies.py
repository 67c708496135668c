"""Hypothesis strategies for case records: any valid case, compliant cases, and single-fault mutations."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, TypeVar

from dateutil.relativedelta import relativedelta
from hypothesis import strategies as st
from pydantic import BaseModel

from cadre_rules.records import (
    AssessmentGrade,
    Case,
    CommitteeLevel,
    EducationLevel,
    EducationMode,
    FinanceResponsibility,
    Initiator,
    MeetingBody,
    MotionGround,
    Role,
    SelectionMethod,
    Tier,
    Vote,
    VotingMethod,
    case_from_mapping,
)
from cadre_rules.testing._data import compliant_base, deep_merge, fault, with_birth_date

T = TypeVar("T")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "明华建国丽军平志红伟芳敏静强磊洋艳勇杰娟涛"
FIRST_DAY = date(2018, 1, 1)
LAST_DAY = date(2027, 12, 31)
_TIERS = [Tier.TOWNSHIP_SECTION, Tier.COUNTY_DIVISION, Tier.DEPARTMENT_BUREAU, Tier.PROVINCE_MINISTRY]


def _names(count: int) -> st.SearchStrategy[list[str]]:
    name = st.builds(lambda s, g1, g2: s + g1 + g2, *(st.sampled_from(x) for x in (SURNAMES, GIVEN, GIVEN)))
    return st.lists(name, min_size=count, max_size=count, unique=True)


def _maybe(draw: st.DrawFn, value: T, chance_missing: float = 0.15) -> T | None:
    """``value``, or None (not recorded) with roughly the given chance."""
    return None if draw(st.integers(0, 99)) < chance_missing * 100 else value


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


# ---------------------------------------------------------------- any valid case


@st.composite
def case_records(draw: st.DrawFn, month_precision: bool = False) -> Case:
    """Any schema-valid case with coherent dates and a career consistent with the current rank.

    With ``month_precision`` any of the candidate's record dates (三龄, resume lines, education, training) may be
    given to the month only, as the 干部任免审批表 records them (``2010-07`` or ``2010.07``).

    Birth < education < work start < the career's posts (consecutive, levels never going down) < the
    current post; the current level and role are those of the last post; procedure steps follow each
    other (motion, recommendation, inspection, meeting, publicity, notice).  Any optional field may be
    unrecorded (None), so every rule's indeterminate path is reachable.  Dates run from 2018 to 2027, so
    rules before and after their effective dates are both drawn.
    """
    meeting_day = draw(st.dates(FIRST_DAY, LAST_DAY))
    age = draw(st.integers(24, 62))
    birth = meeting_day - relativedelta(years=age) - timedelta(days=draw(st.integers(0, 364)))
    work_start = birth + relativedelta(years=draw(st.integers(18, min(age - 1, 30))))
    work_start = min(work_start, meeting_day - timedelta(days=1))
    career, tier, role = draw(_career(work_start, meeting_day))
    education = [
        {
            "level": draw(st.sampled_from(list(EducationLevel))).value,
            "mode": draw(st.sampled_from(list(EducationMode))).value,
            "graduation": _iso(min(birth + relativedelta(years=draw(st.integers(15, 40))), meeting_day)),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    admission = birth + relativedelta(years=draw(st.integers(18, 45)))
    party = admission < meeting_day and draw(st.booleans())
    full = admission + relativedelta(years=1)
    candidate: dict[str, Any] = {
        "name": draw(_names(1))[0],
        "gender": draw(st.sampled_from([None, "male", "female"])),
        "birth_date": _iso(_maybe(draw, birth)),
        "work_start_date": _iso(_maybe(draw, work_start)),
        "party_admission_date": _iso(admission) if party else None,
        "party_full_membership_date": _iso(_maybe(draw, full)) if party and full <= meeting_day else None,
        "health_fit": _maybe(draw, True),
        "current_tier": _maybe(draw, tier.value),
        "current_role": _maybe(draw, role.value),
        "current_post_start": career[-1]["start"],
        "career": _maybe(draw, career),
        "education": _maybe(draw, education),
        "training": _maybe(draw, draw(_training(meeting_day))),
        "assessments": _maybe(
            draw,
            [
                {"year": year, "grade": draw(st.sampled_from(list(AssessmentGrade))).value}
                for year in range(meeting_day.year - draw(st.integers(0, 4)), meeting_day.year)
            ],
        ),
        "sanctions": _maybe(draw, []),
        "family": _maybe(draw, draw(_family())),
    }
    up = draw(st.integers(0, 1)) if tier is not Tier.PROVINCE_MINISTRY else 0
    post_tier = _TIERS[_TIERS.index(tier) + up] if tier in _TIERS else tier
    post = {
        "title": "拟任职务",
        "tier": post_tier.value,
        "role": draw(st.sampled_from(list(Role))).value,
        "committee_level": draw(st.sampled_from([None, *(c.value for c in CommitteeLevel)])),
        "special_post": draw(st.booleans()),
        "finance_responsibility": draw(st.sampled_from([None, *(f.value for f in FinanceResponsibility)])),
    }
    kind = "promotion" if up else draw(st.sampled_from(["promotion", "lateral", "other", "removal"]))
    if kind == "removal":  # 免职: the post is the one the cadre holds
        post["role"] = role.value
    procedure = draw(_procedure(meeting_day))
    record: dict[str, Any] = {
        "case_id": f"generated-{meeting_day.isoformat()}",
        "kind": kind,
        "as_of": None if procedure.get("meeting", {}).get("date") else meeting_day.isoformat(),
        "candidate": candidate,
        "post": post,
        "procedure": procedure,
    }
    if month_precision:
        _cut_to_months(draw, candidate)
    return case_from_mapping(record)


MONTH_PRECISION_FIELDS = ("birth_date", "work_start_date", "party_admission_date", "party_full_membership_date")


def _cut_to_months(draw: st.DrawFn, candidate: dict[str, Any]) -> None:
    """Cut some of the candidate's record dates to their month, in either written form."""

    def cut(value: Any) -> Any:
        if not value or not draw(st.booleans()):
            return value
        month = str(value)[:7]
        return month.replace("-", ".") if draw(st.booleans()) else month

    for name in (*MONTH_PRECISION_FIELDS, "current_post_start"):
        candidate[name] = cut(candidate.get(name))
    for key, names in (("career", ("start", "end")), ("education", ("graduation",)), ("training", ("start", "end"))):
        for item in candidate.get(key) or []:
            for name in names:
                item[name] = cut(item.get(name))


@st.composite
def _career(draw: st.DrawFn, work_start: date, until: date) -> tuple[list[dict[str, Any]], Tier, Role]:
    span = (until - work_start).days
    cuts = sorted(set(draw(st.lists(st.integers(1, max(span, 1)), max_size=4))))
    starts = [work_start] + [work_start + timedelta(days=c) for c in cuts if c < span]
    tier_index = 0
    role = Role.DEPUTY
    entries: list[dict[str, Any]] = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else None
        if i and draw(st.booleans()):  # a step up: deputy → principal → next level's deputy
            if role is Role.DEPUTY:
                role = Role.PRINCIPAL
            elif tier_index < 2:
                tier_index, role = tier_index + 1, Role.DEPUTY
        leading = draw(st.booleans()) or end is None
        entries.append(
            {
                "start": start.isoformat(),
                "end": _iso(end),
                "organisation": "某单位",
                "tier": _TIERS[tier_index].value if leading else None,
                "role": role.value if leading else None,
                "grassroots": draw(st.sampled_from([None, True, False])),
            }
        )
    return entries, _TIERS[tier_index], role


@st.composite
def _training(draw: st.DrawFn, until: date) -> list[dict[str, Any]]:
    out = []
    for _ in range(draw(st.integers(0, 3))):
        start = until - timedelta(days=draw(st.integers(30, 2500)))
        out.append(
            {
                "start": start.isoformat(),
                "end": (start + timedelta(days=draw(st.integers(1, 120)))).isoformat(),
                "hours": draw(st.one_of(st.none(), st.integers(0, 700))),
            }
        )
    return out


@st.composite
def _family(draw: st.DrawFn) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if draw(st.booleans()):
        out.append({"relation": draw(st.sampled_from(["妻子", "丈夫"])), "emigrated": draw(st.booleans())})
    for _ in range(draw(st.integers(0, 3))):
        out.append({"relation": draw(st.sampled_from(["儿子", "女儿"])), "emigrated": draw(st.booleans())})
    return out


@st.composite
def _procedure(draw: st.DrawFn, meeting_day: date) -> dict[str, Any]:
    def before(days_max: int) -> str:
        return (meeting_day - timedelta(days=draw(st.integers(1, days_max)))).isoformat()

    maybe_bool = st.sampled_from([None, True, False])
    procedure: dict[str, Any] = {"method": draw(st.sampled_from(list(SelectionMethod))).value}
    if draw(st.booleans()):
        procedure["motion"] = {
            "date": before(120),
            "initiator": draw(st.sampled_from([None, *(i.value for i in Initiator)])),
            "grounds": draw(st.one_of(st.none(), st.lists(st.sampled_from([g.value for g in MotionGround])))),
            "names_specific_person": draw(maybe_bool),
            "fixes_candidate_pool": draw(maybe_bool),
        }
    if draw(st.booleans()):
        start = meeting_day - timedelta(days=draw(st.integers(10, 60)))
        done = draw(maybe_bool)
        completed = None if done is False else draw(st.one_of(st.none(), st.just(before(30))))
        procedure["inspection"] = {
            "start": start.isoformat(),
            "end": (start + timedelta(days=draw(st.integers(0, 9)))).isoformat(),
            "economic_audit": {"required": draw(maybe_bool), "done": done, "completed_on": completed},
        }
    if draw(st.integers(0, 9)):
        names = draw(_names(draw(st.integers(3, 13))))
        present = [draw(st.sampled_from([None, True, True, True, False])) for _ in names]
        voters = [n for n, p in zip(names, present, strict=True) if p and draw(st.integers(0, 9))]
        procedure["meeting"] = {
            "date": _iso(meeting_day if draw(st.integers(0, 9)) else None),
            "body": draw(st.sampled_from([None, *(b.value for b in MeetingBody)])),
            "members": [
                {"name": n, "principal": i == 0, "present": p}
                for i, (n, p) in enumerate(zip(names, present, strict=True))
            ],
            "speaking_order": draw(st.one_of(st.none(), st.permutations(voters))),
            "votes": [{"member": n, "vote": draw(st.sampled_from(list(Vote))).value} for n in voters],
            "voting_method": draw(st.sampled_from([None, *(v.value for v in VotingMethod)])),
            "org_department_unified_opinion": draw(maybe_bool),
            "inspection_procedure_complied": draw(maybe_bool),
            "ad_hoc_motion": draw(maybe_bool),
        }
    if draw(st.booleans()):
        start = meeting_day + timedelta(days=draw(st.integers(-3, 10)))
        end = start + timedelta(days=draw(st.integers(0, 14)))
        procedure["publicity"] = {"start": start.isoformat(), "end": end.isoformat()}
        procedure["appointment"] = {"notice_date": (end + timedelta(days=draw(st.integers(-2, 10)))).isoformat()}
    if draw(st.integers(0, 3)) == 0:
        cutoff = meeting_day - relativedelta(years=draw(st.integers(25, 55)))
        procedure["announcement"] = {"born_on_or_after": cutoff.isoformat()}
    return procedure


# ---------------------------------------------------------------- compliant cases and faults


@st.composite
def compliant_cases(
    draw: st.DrawFn,
    method: str = "standard",
    *,
    base: Case | Mapping[str, Any] | None = None,
    fixed_appointee: bool = False,
) -> Case:
    """Variations of a compliant case that stay compliant: a different person, committee and timing.

    Starts from ``base`` (a case that is compliant under your profile) or the shipped compliant base of
    ``method`` (compliant under the ``default`` profile), then varies what the law leaves free: names and
    identifiers (the appointee's name kept when procedure.candidates lists it or ``fixed_appointee`` says a
    fault will), the order of lists, extra members who attend and agree (none in those two cases, so the
    appointee's ballot keeps matching the meeting's votes), a birth date up to two years earlier or one year
    later, more training hours, a good assessment grade, more children who live in
    China, a longer publicity period and a later appointment notice (with the talk and trial end moving alike;
    both kept fixed when the method records its steps as a list).
    """
    if base is None:
        data = compliant_base(method)
    elif isinstance(base, Case):
        data = base.model_dump(mode="json")
    else:
        data = copy.deepcopy(dict(base))
    data["case_id"] = f"{data.get('case_id', 'case')}-{draw(st.integers(0, 10**6))}"
    cand = data["candidate"]
    # With a candidates list (差额) the appointee is named there too, and a fault patch restates that list whole:
    # the name stays, and no member is added to the meeting (the appointee's ballot tally matches its votes).
    listed = fixed_appointee or bool((data.get("procedure") or {}).get("candidates"))
    if not listed:
        old_name, cand["name"] = cand["name"], draw(_names(1))[0]
        ballot = ((data.get("procedure") or {}).get("motion") or {}).get("nomination_ballot") or {}
        for tally in ballot.get("tallies") or []:  # the candidate's own votes follow the new name
            if tally["name"] == old_name:
                tally["name"] = cand["name"]
    if cand.get("birth_date"):
        birth = date.fromisoformat(str(cand["birth_date"])) + timedelta(days=draw(st.integers(-730, 365)))
        cand["birth_date"] = birth.isoformat()
        if cand.get("id_number") and len(str(cand["id_number"])) == 18:
            cand["id_number"] = with_birth_date(str(cand["id_number"]), birth)
    for course in cand.get("training") or []:
        if course.get("hours") is not None:
            course["hours"] += draw(st.integers(0, 200))
    for assessment in cand.get("assessments") or []:
        if assessment["grade"] in ("excellent", "competent"):
            assessment["grade"] = draw(st.sampled_from(["excellent", "competent"]))
    if cand.get("family") is not None:
        extra = [
            {"relation": draw(st.sampled_from(["儿子", "女儿"])), "same_organ": False}
            for _ in range(draw(st.integers(0, 2)))
        ]
        cand["family"] = draw(st.permutations(cand["family"] + extra))
    procedure = data.get("procedure") or {}
    meeting = procedure.get("meeting")
    if meeting and meeting.get("members") and all(m.get("present") for m in meeting["members"]):
        _vary_meeting(draw, meeting, extra_members=not listed)
    publicity = procedure.get("publicity")
    steps = procedure.get("open_selection_steps") or procedure.get("competitive_post_steps")
    # With a step list the publicity and the notice are also dated steps that single faults restate whole.
    if publicity and publicity.get("end") and not steps:
        end = date.fromisoformat(str(publicity["end"])) + timedelta(days=draw(st.integers(0, 5)))
        publicity["end"] = end.isoformat()
        if (procedure.get("appointment") or {}).get("notice_date"):
            old_notice = date.fromisoformat(str(procedure["appointment"]["notice_date"]))
            notice = max(old_notice, end + timedelta(days=1)) + timedelta(days=draw(st.integers(0, 10)))
            _shift_notice(procedure, old_notice, notice)
    return case_from_mapping(data)


def _shift_notice(procedure: dict[str, Any], old: date, new: date) -> None:
    """Move the appointment notice, and the dates tied to it (talk, trial end, the step it records), alike."""
    delta = new - old
    appointment = procedure["appointment"]
    for key in ("notice_date", "talk_date", "trial_end"):
        if appointment.get(key):
            appointment[key] = (date.fromisoformat(str(appointment[key])) + delta).isoformat()
    for steps in (procedure.get("open_selection_steps"), procedure.get("competitive_post_steps")):
        for step in steps or []:
            for key in ("start", "end"):
                if step.get(key) and date.fromisoformat(str(step[key])) == old:
                    step[key] = new.isoformat()


def _vary_meeting(draw: st.DrawFn, meeting: dict[str, Any], *, extra_members: bool = True) -> None:
    """Rename every member, add members who attend, speak and agree (unless not wanted), and shuffle the lists."""
    members = meeting["members"]
    extra = draw(st.integers(0, 4)) if extra_members else 0
    names = draw(_names(len(members) + extra))
    rename = {m["name"]: names[i] for i, m in enumerate(members)}
    added = [{"name": n, "principal": False, "present": True, "should_attend": True} for n in names[len(members) :]]
    renamed = [{**m, "name": rename[m["name"]]} for m in members] + added
    meeting["members"] = draw(st.permutations(renamed))
    votes = [{**v, "member": rename.get(v["member"], v["member"])} for v in meeting.get("votes") or []]
    votes += [{"member": m["name"], "vote": "agree"} for m in added]
    meeting["votes"] = draw(st.permutations(votes))
    if meeting.get("speaking_order") is not None:
        order = [rename.get(n, n) for n in meeting["speaking_order"]] + [m["name"] for m in added]
        principals = [m["name"] for m in renamed if m.get("principal")]
        others = [n for n in order if n not in principals]
        meeting["speaking_order"] = [*draw(st.permutations(others)), *[n for n in order if n in principals]]


@st.composite
def single_fault_cases(draw: st.DrawFn, rule_id: str, *, base: Case | Mapping[str, Any] | None = None) -> Case:
    """A compliant case (see :func:`compliant_cases`) with the shipped fault of ``rule_id`` applied.

    The result violates ``rule_id`` and nothing else except ``fault(rule_id).implies``.  Raises
    ``KeyError`` naming the rule when no fault is shipped for it.
    """
    mutation = fault(rule_id)
    if base is None and mutation.variant is not None:
        base = compliant_base(mutation.method, mutation.variant)
    # a fault that lists the candidates names the appointee and the appointee's tally of the base meeting
    listed = "candidates" in (mutation.patch.get("procedure") or {})
    return mutation.apply(draw(compliant_cases(mutation.method, base=base, fixed_appointee=listed)))


# ---------------------------------------------------------------- dropping recorded data

NONE_IS_A_VALUE: dict[str, str] = {
    "candidate.career[].end": "an open span: the post is the current one",
    "candidate.career[].tier": "not a leadership post",
    "candidate.career[].role": "not a leadership post",
    "candidate.career[].grade": "no 职级 on this line",
    "candidate.training[].end": "an open span: the course is under way",
    "post.committee_level": "the post carries no party-committee membership",
    "procedure.announcement": "no announcement, hence no age cut-off",
    "procedure.announcement.born_on_or_after": "the announcement sets no age cut-off",
    "procedure.announcement.min_years_at_level": "the announcement sets no years at a level",
    "procedure.announcement.education": "the announcement sets no education condition",
    "procedure.announcement.education[].mode": "the alternative accepts either column (全日制 or 在职)",
    "procedure.announcement.min_years_before_retirement": "the announcement sets no remaining service",
    "procedure.announcement.posts": "the announcement lists no posts",
    "procedure.announcement.eligible_pool": "the announcement sets no eligible pool",
    "procedure.announcement.career_experience": "the announcement sets no 任职经历 condition",
    "procedure.candidates": "no list: a case with one candidate, so rules about the others of a 差额 do not apply",
    "procedure.candidates[].departure_reason": "no reason was recorded (the rule reads its absence)",
    "procedure.exceptional_promotion": "the promotion is not exceptional (no 破格 declared)",
    "candidate.other_recorded_birth_dates": "no other record in the file gives a birth date",
    "post.locality": "the post governs no locality (read only for a key principal post)",
    "procedure.recommendation.reference_list_size": "no reference list was used",
    "procedure.motion.reference_list_size": "no reference list was used",
}
"""Optional fields whose None is a stated value, not "not recorded" (each field's description says so).

The record convention is that None means "not recorded"; these fields are the documented exceptions, so
:func:`optional_paths` leaves them out (dropping them states something, it does not remove information).
"""


def optional_paths(case: Case) -> list[str]:
    """Dotted paths (``candidate.career[0].grassroots``) of every optional field the case has recorded.

    Fields in :data:`NONE_IS_A_VALUE` are left out: their None states something rather than "unrecorded".
    Setting any of them to None (:func:`without`) gives another valid case with less information.  The
    top-level ``as_of`` is left out: it selects the date to judge by rather than a recorded fact.
    """
    out: list[str] = []

    def walk(model: BaseModel, prefix: str) -> None:
        for name, info in type(model).model_fields.items():
            value = getattr(model, name)
            path = f"{prefix}{name}"
            if value is None or path == "as_of":
                continue
            if not info.is_required() and info.default is None and _generic(path) not in NONE_IS_A_VALUE:
                out.append(path)
            if isinstance(value, BaseModel):
                walk(value, path + ".")
            elif isinstance(value, list):
                for i, element in enumerate(value):
                    if isinstance(element, BaseModel):
                        walk(element, f"{path}[{i}].")

    walk(case, "")
    return out


def _generic(path: str) -> str:
    return re.sub(r"\[\d+\]", "[]", path)


def without(case: Case, path: str) -> Case:
    """The case with the field at ``path`` (as returned by :func:`optional_paths`) set to None."""
    data: Any = case.model_dump(mode="json")
    parts = path.replace("[", ".").replace("]", "").split(".")
    node = data
    for part in parts[:-1]:
        node = node[int(part)] if part.isdigit() else node[part]
    node[parts[-1]] = None
    return case_from_mapping(data)


def patched(case: Case, patch: Mapping[str, Any]) -> Case:
    """The case with ``patch`` deep-merged into it (mappings merge, lists and scalars are replaced)."""
    return case_from_mapping(deep_merge(case.model_dump(mode="json"), patch))
