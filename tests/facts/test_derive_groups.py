"""Facts are derived by groups: only the groups of the facts the selected rules need run, with the same values."""

from __future__ import annotations

import pytest

from cadre_rules.facts import FACTS, default_as_of, derive
from cadre_rules.facts._derive import GROUP_FACTS, GROUPS, NOT_DERIVED, Facts, groups_for
from cadre_rules.records import Case, case_from_mapping, load_case
from tests.conftest import EXAMPLES
from tests.test_cases import CASE_LIST, build


def _records() -> list[tuple[str, Case]]:
    out = [(p.name, load_case(p)) for p in sorted(EXAMPLES.glob("*.yaml"))]
    for name, case in CASE_LIST[::4]:  # a quarter of the data-driven cases, every family represented
        if "expect_error" not in case:
            out.append((name, case_from_mapping(build(case))))
    return out


RECORDS = _records()


def test_the_groups_partition_the_catalogue() -> None:
    """Every catalogued fact but those the caller computes is derived by exactly one group."""
    seen: set[str] = set()
    for group in GROUPS:
        assert not seen & GROUP_FACTS[group.name], group.name
        seen |= GROUP_FACTS[group.name]
    assert seen | NOT_DERIVED == set(FACTS)
    assert not seen & NOT_DERIVED


def test_a_group_cannot_put_a_fact_it_does_not_declare() -> None:
    """A fact put by a group that does not declare it is an error (a declaration out of step with the code)."""
    facts = Facts(as_of=default_as_of(RECORDS[0][1]))
    facts.group, facts.declared = "motion", GROUP_FACTS["motion"]
    with pytest.raises(KeyError, match="does not declare"):
        facts.put("birth_date", None, "candidate.birth_date")


def test_groups_for_adds_the_groups_a_group_reads() -> None:
    """The seed-002 facts read the audit facts: asking for one of them runs both, in derivation order."""
    (name,) = [n for n, facts in GROUP_FACTS.items() if "office_buying_found" in facts]
    assert [g.name for g in groups_for({"office_buying_found"})] == ["audit", name]
    assert groups_for(set()) == ()


@pytest.mark.parametrize(("name", "record"), RECORDS, ids=[n for n, _ in RECORDS])
def test_each_group_alone_gives_the_values_of_a_full_derivation(name: str, record: Case) -> None:
    """Deriving only one group's facts gives them the same values (and missing fields) as deriving every fact."""
    when = default_as_of(record)
    full = derive(record, when)
    for group in GROUPS:
        own = GROUP_FACTS[group.name]
        part = derive(record, when, needed=own)
        ran = set().union(*(GROUP_FACTS[g.name] for g in groups_for(own)))
        assert set(part.values) | set(part.missing) <= ran
        assert {k: v for k, v in part.values.items() if k in own} == {k: v for k, v in full.values.items() if k in own}
        assert {k: v for k, v in part.missing.items() if k in own} == {
            k: v for k, v in full.missing.items() if k in own
        }


def test_a_full_derivation_puts_every_fact_it_derives() -> None:
    """Every derived fact is known or missing after a full derivation (no group skips one)."""
    for _, record in RECORDS[:5]:
        facts = derive(record, default_as_of(record))
        assert set(facts.values) | set(facts.missing) == set(FACTS) - NOT_DERIVED
