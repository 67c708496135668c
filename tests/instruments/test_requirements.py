"""The requirements of the local-practice documents (``requirements:`` of coverage.yaml): loading and checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from cadre_rules import RegulationDataError, default_registry
from cadre_rules.catalogue import requirements
from cadre_rules.instruments._coverage import load_requirements

SEED = "seed-001-standing-committee-practice"
GOOD = """
requirements:
  - id: "001-12"
    quote: "常委会人员不齐不讨论"
    cite: {article: "p7", paragraph: 1, item: 1}
    rules: [committee.not_discuss_members_incomplete]
  - id: "001-01"
    quote: "不讨论"
    cite: {article: "p7", paragraph: 1}
    kind: not_checkable
    reason: {zh: "原则", en: "a principle"}
"""


def _root(tmp_path: Path, text: str, inst: str = SEED) -> Path:
    (tmp_path / inst).mkdir(parents=True)
    (tmp_path / inst / "coverage.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_a_requirement_is_encoded_or_declared(tmp_path: Path) -> None:
    """Rules make a requirement encoded; a kind and a reason declare it."""
    reqs = requirements(default_registry(), _root(tmp_path, GOOD))[SEED]
    assert [r.status for r in reqs] == ["encoded", "not_checkable"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("常委会人员不齐不讨论", "常委会人员不齐也讨论"), "not in the cited text"),
        (('id: "001-01"', 'id: "001-12"'), "listed twice"),
        (("item: 1}", "item: 9}"), "no item 9"),
        (("kind: not_checkable", "kind: not_checkable\n    rules: [committee.quorum]"), "not both"),
        (("    kind: not_checkable\n", ""), "give kind and reason"),
        (("    kind: not_checkable\n", '    kind: not_checkable\n    note: {zh: "注", en: "n"}\n'), "note accompanies"),
    ],
)
def test_bad_requirements_are_refused(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    """A quote outside its text, a duplicate id, a dangling cite or a mixed answer is a data error."""
    root = _root(tmp_path, GOOD.replace(*change))
    with pytest.raises(RegulationDataError, match=message):
        load_requirements(default_registry().library, root)


@pytest.mark.parametrize(
    ("rule", "message"),
    [("committee.no_such_rule", "unknown rule"), ("eligibility.county_work_years", "does not cite")],
)
def test_the_rules_named_exist_and_cite_the_document(tmp_path: Path, rule: str, message: str) -> None:
    """A requirement's rules must exist and cite the document whose text it quotes."""
    root = _root(tmp_path, GOOD.replace("committee.not_discuss_members_incomplete", rule))
    with pytest.raises(RegulationDataError, match=message):
        requirements(default_registry(), root)


def test_the_shipped_requirements_load() -> None:
    """The shipped coverage files are consistent (quotes, cites, rules)."""
    for reqs in requirements(default_registry()).values():
        assert all(r.status for r in reqs)


def test_an_encoded_requirement_may_carry_a_note(tmp_path: Path) -> None:
    """A note beside the rules keeps the row encoded and is shown in the catalogue."""
    from cadre_rules.catalogue import _requirement_lines

    text = GOOD.replace(
        "    rules: [committee.not_discuss_members_incomplete]\n",
        "    rules: [committee.not_discuss_members_incomplete]\n"
        '    note: {zh: "无单案标准的部分", en: "the part with no per-case criterion"}\n',
    )
    reqs = requirements(default_registry(), _root(tmp_path, text))
    assert [r.status for r in reqs[SEED]] == ["encoded", "not_checkable"]
    lines = "\n".join(_requirement_lines(default_registry(), reqs))
    assert "注：无单案标准的部分（note: the part with no per-case criterion）" in lines
