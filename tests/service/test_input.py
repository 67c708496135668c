"""check_upload(): the one reader of uploaded cases, for the API and the page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from cadre_rules import CaseError, validate
from cadre_rules._errors import CadreRulesError, ProfileError
from cadre_rules.lrmx import case_with_candidate, read_lrmx
from cadre_rules.service import check_upload
from cadre_rules.service._input import ParameterError, format_of

ROOT = Path(__file__).resolve().parents[2]
LRMX = ROOT / "tests" / "data" / "lrmx"
VIOLATIONS = ROOT / "examples" / "violations-finance-principal.yaml"
DEFAULTS = {
    "procedure": None,
    "procedure_name": None,
    "profile": "default",
    "engine": None,
    "as_of": None,
    "stage": None,
}


def test_yaml_case() -> None:
    """A YAML case file gives validate()'s report."""
    report = check_upload(VIOLATIONS.read_bytes(), "case.yaml", **DEFAULTS)
    assert report.to_json() == validate(VIOLATIONS).to_json()


def test_lrmx_with_json_procedure() -> None:
    """A .lrmx with a JSON procedure file is merged as `check --candidate` merges it."""
    procedure = json.dumps(yaml.safe_load((LRMX / "procedure.yaml").read_text("utf-8")), default=str).encode()
    report = check_upload(
        (LRMX / "full.lrmx").read_bytes(),
        "full.lrmx",
        **DEFAULTS | {"procedure": procedure, "procedure_name": "procedure.json", "engine": "native"},
    )
    expected = validate(case_with_candidate(LRMX / "procedure.yaml", read_lrmx(LRMX / "full.lrmx")), engine="native")
    assert report.to_json() == expected.to_json()


def test_a_bom_is_allowed() -> None:
    """A UTF-8 byte-order mark (as Windows editors write it) is accepted."""
    report = check_upload(b"\xef\xbb\xbf" + VIOLATIONS.read_bytes(), "case.yaml", **DEFAULTS)
    assert report.case_id == validate(VIOLATIONS).case_id


@pytest.mark.parametrize(
    ("changes", "error", "path"),
    [
        ({"profile": "/etc/passwd"}, ProfileError, "profile"),
        ({"engine": "rete"}, ParameterError, "engine"),
        ({"stage": "vote"}, ParameterError, "stage"),
    ],
)
def test_parameters_are_checked(changes: dict[str, str], error: type[CadreRulesError], path: str) -> None:
    """A profile that is not shipped (a path on the server included), an unknown engine or stage is refused."""
    with pytest.raises(error) as caught:
        check_upload(VIOLATIONS.read_bytes(), "case.yaml", **DEFAULTS | changes)
    assert caught.value.problems[0].path == path


def test_old_lrm_is_refused() -> None:
    """The older .lrm is refused saying how to save a .lrmx."""
    with pytest.raises(CaseError, match=r"\.lrmx"):
        check_upload(b"x", "form.lrm", **DEFAULTS | {"procedure": b"{}"})


def test_procedure_that_is_not_a_mapping() -> None:
    """A procedure file that is a list is named as such."""
    with pytest.raises(CaseError) as caught:
        check_upload(
            (LRMX / "full.lrmx").read_bytes(),
            "full.lrmx",
            **DEFAULTS | {"procedure": b"- a\n", "procedure_name": "p.yaml"},
        )
    assert caught.value.problems[0].path == "p.yaml"


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [("a.json", "x", "json"), ("a.YML", "{", "yaml"), ("upload", ' {"a": 1}', "json"), ("upload", "a: 1", "yaml")],
)
def test_format_of(name: str, text: str, expected: str) -> None:
    """The file's ending decides the format; without one, a text opening with { is JSON."""
    assert format_of(name, text) == expected


@pytest.mark.parametrize("name", ["case.json", "procedure.json"])
def test_json_nested_thousands_deep_is_a_case_error(name: str) -> None:
    """JSON nested far too deep (as a case, or as the procedure of a .lrmx) is a CaseError, never a RecursionError."""
    deep = b"[" * 200_000
    with pytest.raises(CaseError) as caught:
        if name == "case.json":
            check_upload(deep, name, **DEFAULTS)
        else:
            check_upload(
                (LRMX / "full.lrmx").read_bytes(), "full.lrmx", **DEFAULTS | {"procedure": deep, "procedure_name": name}
            )
    assert caught.value.problems[0].path.startswith(name)


def test_malformed_yaml_procedure_names_line_and_column() -> None:
    """A procedure file that is not YAML is named with its line and column."""
    with pytest.raises(CaseError) as caught:
        check_upload(
            (LRMX / "full.lrmx").read_bytes(),
            "full.lrmx",
            **DEFAULTS | {"procedure": b"kind: promotion\npost: [1, 2\n", "procedure_name": "p.yaml"},
        )
    assert caught.value.problems[0].path.startswith("p.yaml:")


def test_an_empty_upload_is_named() -> None:
    """An empty file (a form submitted without choosing one) is named as such."""
    with pytest.raises(CaseError) as caught:
        check_upload(b"", "", **DEFAULTS)
    assert caught.value.problems[0].path == "file"


def test_a_procedure_with_a_case_file_is_refused() -> None:
    """A procedure file goes only with a .lrmx; with a case file it is refused rather than ignored."""
    with pytest.raises(CaseError) as caught:
        check_upload(VIOLATIONS.read_bytes(), "case.yaml", **DEFAULTS | {"procedure": b"kind: promotion\n"})
    assert caught.value.problems[0].path == "procedure"


def test_an_empty_procedure_field_counts_as_none() -> None:
    """A form's procedure field left empty (no bytes, no name) does not stop a case file being checked."""
    report = check_upload(VIOLATIONS.read_bytes(), "case.yaml", **DEFAULTS | {"procedure": b"", "procedure_name": ""})
    assert report.case_id == validate(VIOLATIONS).case_id
