"""Profiles are data with a schema: hostile profiles refused naming the key (tests/profiles/hostile/*.yaml,
each naming the keys it expects in its ``# expect:`` line), names confined to the shipped folder, ``extends``
confined to the profile's folder, exact ratios, bounded parameters on which both engines agree, and the
national rules a profile leaves out named at the top of the report."""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

import pytest

from cadre_rules import validate
from cadre_rules._errors import ProfileError, RegulationDataError
from cadre_rules.cli import main
from cadre_rules.profiles import Profile, available_profiles, load_profile, param_bounds
from cadre_rules.records import Case, case_from_mapping
from cadre_rules.rules import default_registry
from tests.conftest import EXAMPLES, ROOT, example
from tests.profiles.test_user_profile import _absent

HOSTILE = ROOT / "tests" / "profiles" / "hostile"
FULL_ID = re.compile(r"(?<![\d.])\d{17}[\dXx]")
HAN = re.compile(r"[\u4e00-\u9fff]")
TITLE = {"zh": "测试", "en": "test"}


def _expected(path: Path) -> list[str]:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name}: the first line names the expected keys"
    return [key.strip() for key in first.removeprefix("# expect: ").split(",")]


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.glob("*.yaml")))
def test_hostile_profile_is_refused_naming_the_key(name: str) -> None:
    """Each hostile profile is a ProfileError naming every expected key, in Chinese and English, bounded."""
    with pytest.raises(ProfileError) as info:
        load_profile(HOSTILE / name, default_registry())
    paths = [p.path for p in info.value.problems]
    for key in _expected(HOSTILE / name):
        assert any(p == key or (key.startswith(":") and key in p) for p in paths), (key, paths)
    for problem in info.value.problems:
        assert HAN.search(problem.message_zh) and not HAN.search(problem.message_en), problem
    message = str(info.value)
    assert len(message.encode()) < 10_000 and not FULL_ID.search(message)
    assert isinstance(info.value, RegulationDataError) and isinstance(info.value, ValueError)


def test_hostile_profiles_through_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    """On the command line every hostile profile exits 2 with the key named and no traceback."""
    case = str(EXAMPLES / "violations-finance-principal.yaml")
    for path in sorted(HOSTILE.glob("*.yaml")):
        assert main(["check", case, "--profile", str(path), "--engine", "native"]) == 2, path.name
        captured = capsys.readouterr()
        assert captured.out == "" and "Traceback" not in captured.err
        assert "规则集无效 / invalid profile" in captured.err
        assert not FULL_ID.search(captured.err), captured.err


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


PLAIN = "id: mine\ntitle: {zh: 自备, en: mine}\nparams: {min_publicity_working_days: 7}\n"


def test_a_bare_name_never_leaves_the_shipped_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``x``, ``..`` and ``../../x`` never load ``x.yaml`` from elsewhere; a name is a shipped profile only."""
    _write(tmp_path / "x.yaml", PLAIN)
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    registry = default_registry()
    for ref in ("../../x", "x", "..", "National", "../../x.yml", "nat ional"):
        with pytest.raises(ProfileError):
            load_profile(ref, registry)
    assert load_profile("../../x.yaml", registry).params == {"min_publicity_working_days": 7}


def test_a_user_path_is_read_as_given(tmp_path: Path) -> None:
    """A path the caller names is read as is, with or without a YAML suffix, as text or a Path."""
    plain = _write(tmp_path / "mine-no-suffix", PLAIN)
    registry = default_registry()
    assert load_profile(plain, registry).id == "mine"
    assert load_profile(str(plain), registry).id == "mine"
    with pytest.raises(ProfileError, match="does not exist"):
        load_profile(str(tmp_path / "absent.yaml"), registry)


def test_shipped_profiles_load_by_name() -> None:
    """Every shipped profile loads by name, keeps the national texts and leaves no national rule out."""
    registry = default_registry()
    for name in available_profiles():
        profile = load_profile(name, registry)
        assert profile.notice(registry) is None, name


def test_extends_stays_in_the_profile_folder(tmp_path: Path) -> None:
    """``extends`` reaches a file beside the profile (merged), never one outside it, even through a symlink."""
    registry = default_registry()
    _write(tmp_path / "base.yaml", PLAIN)
    child = _write(
        tmp_path / "child.yaml",
        "id: child\ntitle: {zh: 子, en: child}\nextends: base.yaml\nparams: {quorum_ratio: '3/4'}\n",
    )
    merged = load_profile(child, registry)
    assert merged.params == {"min_publicity_working_days": 7, "quorum_ratio": Fraction(3, 4)}
    assert merged.id == "child"
    nested = _write(tmp_path / "sub" / "deeper.yaml", "id: d\ntitle: {zh: 子, en: d}\nextends: ../base.yaml\n")
    link = tmp_path / "sub" / "link.yaml"
    link.symlink_to(tmp_path / "base.yaml")
    through = _write(tmp_path / "sub" / "through.yaml", "id: t\ntitle: {zh: 子, en: t}\nextends: link.yaml\n")
    for path in (nested, through):
        with pytest.raises(ProfileError) as info:
            load_profile(path, registry)
        assert [p.path for p in info.value.problems] == ["extends"]


def test_extends_chain_is_bounded(tmp_path: Path) -> None:
    """A chain of more than eight profiles is refused, naming extends."""
    for i in range(12):
        parent = f"extends: p{i + 1}.yaml\n" if i < 11 else ""
        _write(tmp_path / f"p{i}.yaml", f"id: p{i}\ntitle: {{zh: 链, en: chain}}\n{parent}")
    with pytest.raises(ProfileError, match="extends"):
        load_profile(tmp_path / "p0.yaml", default_registry())


@pytest.mark.parametrize(
    ("text", "value"),
    [("2/3", Fraction(2, 3)), ("0.75", Fraction(3, 4)), (".5", Fraction(1, 2)), ("1", Fraction(1)), ("0", Fraction(0))],
)
def test_ratios_are_exact_fractions(text: str, value: Fraction) -> None:
    """A ratio is kept as an exact fraction, never a float."""
    profile = Profile.model_validate({"id": "r", "title": TITLE, "params": {"quorum_ratio": text}})
    assert profile.params["quorum_ratio"] == value and isinstance(profile.params["quorum_ratio"], Fraction)


def _quorum_case(present: int) -> Case:
    record = example("compliant-county-promotion.yaml")
    assert len(record["procedure"]["meeting"]["members"]) == 9
    return case_from_mapping(_absent(record, *range(present, 9)))


@pytest.mark.parametrize(
    ("ratio", "present", "status"),
    [
        ("2/3", 6, "satisfied"),
        ("0.666667", 6, "violated"),  # six of nine is 0.6666…, just below 0.666667
        ("0.666666", 6, "satisfied"),
        ("999999/1000000", 8, "violated"),
        ("1/1000000", 1, "satisfied"),
        ("1", 9, "satisfied"),
    ],
)
def test_both_engines_compute_ratios_exactly(ratio: str, present: int, status: str) -> None:
    """At six decimal places and at the largest denominator both engines decide the quorum alike and exactly."""
    profile = Profile.model_validate({"id": "r", "title": TITLE, "params": {"quorum_ratio": ratio}})
    case = _quorum_case(present)
    for engine in ("durable", "native"):
        statuses = {f.rule_id: f.status for f in validate(case, profile=profile, engine=engine).findings}
        assert statuses["committee.quorum"] == status, engine


def _at(bound: int) -> dict[str, Any]:
    """Every parameter at its lower (0) or upper (1) bound; ratios at 0 and 1."""
    registry = default_registry()
    params: dict[str, Any] = {}
    for name in registry.library.params:
        bounds = param_bounds(registry, name)
        params[name] = str(bound) if bounds is None else bounds[bound]
    return params


def _findings(case: Case, profile: Profile, engine: Literal["durable", "native"]) -> list[tuple[str, str]]:
    report = validate(case, profile=profile, engine=engine)
    return [(f.rule_id, f.status) for f in report.findings]


@pytest.mark.parametrize("bound", [0, 1])
@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_every_parameter_at_its_bounds_both_engines_agree(name: str, bound: int) -> None:
    """Every parameter at once at its lower or upper bound: durable and native give the same findings."""
    profile = Profile.model_validate({"id": "b", "title": TITLE, "params": _at(bound)})
    case = case_from_mapping(example(name))
    assert _findings(case, profile, "durable") == _findings(case, profile, "native")


def test_each_parameter_at_its_bounds_both_engines_agree() -> None:
    """Each parameter alone at each of its bounds, on the compliant example: the engines agree."""
    case = case_from_mapping(example("compliant-county-promotion.yaml"))
    lower, upper = _at(0), _at(1)
    for name in sorted(lower):
        for params in ({name: lower[name]}, {name: upper[name]}):
            profile = Profile.model_validate({"id": "b", "title": TITLE, "params": params})
            assert _findings(case, profile, "durable") == _findings(case, profile, "native"), params


def test_a_national_exclusion_is_named_at_the_top(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A profile leaving out a national rule may do so by name; the report says so first, in text and JSON."""
    profile = _write(
        tmp_path / "no-quorum.yaml",
        "id: no-quorum\ntitle: {zh: 不查到会人数, en: no quorum}\nextends: national\n"
        "exclude_rules: [committee.quorum]\n",
    )
    record = _absent(example("compliant-county-promotion.yaml"), *range(4, 9))
    report = validate(record, profile=str(profile), engine="native")
    assert report.profile_notice is not None
    assert "committee.quorum" in report.profile_notice["zh"] and "committee.quorum" in report.profile_notice["en"]
    assert "排除" in report.profile_notice["zh"] and "leaves out" in report.profile_notice["en"]
    assert "committee.quorum" not in {f.rule_id for f in report.findings}
    assert report.to_text().splitlines()[2] == f"注意：{report.profile_notice['zh']}"
    assert report.to_dict()["profile_notice"] == report.profile_notice
    case = _write(tmp_path / "case.json", json.dumps(record, ensure_ascii=False, default=str))
    main(["check", str(case), "--profile", str(profile), "--engine", "native", "--format", "json"])
    assert json.loads(capsys.readouterr().out)["profile_notice"] == report.profile_notice
    assert validate(record, profile="national", engine="native").profile_notice is None


def test_a_user_profile_cannot_take_a_shipped_id(tmp_path: Path) -> None:
    """A file calling itself ``default`` would make its report read as the default check: refused, naming id."""
    path = _write(tmp_path / "fake.yaml", "id: default\ntitle: {zh: 冒名, en: fake}\nextends: national\n")
    with pytest.raises(ProfileError) as info:
        load_profile(path, default_registry())
    assert [p.path for p in info.value.problems] == ["id"]
    assert load_profile(ROOT / "regulations" / "profiles" / "default.yaml", default_registry()).id == "default"
