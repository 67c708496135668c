"""ID numbers (cadre_rules/records/_id_number.py): each fault named on its own, and masked in every output unless
asked (``--show-id``, ``show_id=True``)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from stdnum.cn import ric
from stdnum.exceptions import ValidationError as IdError

from cadre_rules import validate
from cadre_rules._batch import CaseFailure, report_line
from cadre_rules._errors import Problem, mask_id, mask_ids
from cadre_rules._record import procedure_record
from cadre_rules.cli import main
from cadre_rules.records import case_from_mapping
from cadre_rules.records._id_number import _counties, check_id_number, region_name
from tests.conftest import ROOT, example

ID = "110105198503151230"  # the examples' number: valid, born 1985-03-15, 北京市朝阳区
SHOWN = "110105********1230"
OTHER = "11010519491231002X"
FULL_ID = re.compile(r"(?<![\d*])\d{17}[\dXx](?![\d*])|(?<![\d*])\d{15}(?![\d*])")
DATA = ROOT / "tests" / "data" / "lrmx"


@pytest.mark.parametrize(
    ("number", "well_formed", "check_digit", "birth", "region"),
    [
        (ID, True, True, True, True),
        ("110105198503151231", True, False, True, True),
        ("110105198513151234", True, True, False, None),
        ("000000198503151238", True, True, True, False),
        ("110105850315123", True, True, True, True),
        ("11010519850315123", False, False, None, None),
        ("1101051985031512３0", True, True, True, True),  # full-width digits read as stdnum reads them
        (" 11010519491231002x ", True, True, True, True),
    ],
)
def test_each_part_is_checked_on_its_own(
    number: str, well_formed: bool, check_digit: bool, birth: bool | None, region: bool | None
) -> None:
    """Form, check digit, birth date and region are judged separately (ric.validate stops at the first)."""
    check = check_id_number(number)
    assert (check.well_formed, check.check_digit_ok, check.birth_date_ok, check.region_ok) == (
        well_formed,
        check_digit,
        birth,
        region,
    )


def test_valid_numbers_agree_with_stdnum() -> None:
    """A number whose every part is right is exactly one python-stdnum's cn.ric accepts (sampled codes and years)."""
    codes = list(_counties())[::37]
    for code in codes:
        for year in (1949, 1983, 1999, 2011):
            body = f"{code}{year}0704123"
            for last in "0123456789X":
                number = body + last
                try:
                    stdnum_ok = bool(ric.validate(number))
                except IdError:
                    stdnum_ok = False
                assert check_id_number(number).valid == stdnum_ok, number


def test_region_table_agrees_with_stdnum_birth_place() -> None:
    """The one-pass reading of stdnum's region table answers as ric.get_birth_place does, years included."""
    for code in list(_counties())[::11]:
        for year in (1950, 1983, 1995, 2010, 2020):
            number = f"{code}{year}0101123"
            number += ric.calc_check_digit(number + "0")
            try:
                info = ric.get_birth_place(number)
                want: str | None = info["province"] + info["county"]
            except IdError:
                want = None
            assert region_name(code, year) == want, (code, year)


def test_mask_shows_first_six_and_last_four() -> None:
    """Masking keeps the region code and the last four; every run of 15+ digits in a text is masked."""
    assert mask_id(ID) == SHOWN and mask_id(OTHER) == "110105********002X"
    assert mask_ids(f"案件 {ID}，另 {OTHER[:15]}") == f"案件 {SHOWN}，另 110105*****2310"
    assert mask_ids("2025-06-10 第 12 号") == "2025-06-10 第 12 号"
    assert Problem(f"x/{ID}.yaml", "bad", "错").render() == f"x/{SHOWN}.yaml: 错 / bad"


def test_a_wrong_check_digit_is_a_finding_not_an_error() -> None:
    """A wrong check digit is named in the report (a warning) and the rest of the case is still checked."""
    record = example("compliant-county-promotion.yaml")
    record["candidate"]["id_number"] = ID[:-1] + "1"
    report = validate(record, engine="native")
    by_id = {f.rule_id: f for f in report.findings}
    assert by_id["eligibility.plausibility_id_number_check_digit"].status == "violated"
    assert "校验码" in by_id["eligibility.plausibility_id_number_check_digit"].message["zh"]
    assert sum(f.status == "satisfied" for f in report.findings) > 50
    assert not FULL_ID.search(report.to_json()) and not FULL_ID.search(report.to_text())


def _with_ids(record: dict[str, Any]) -> dict[str, Any]:
    """A compliant case with ID numbers typed into its texts: the case id, a waiver reason, a responsible person."""
    record["case_id"] = f"任免-{ID}"
    record["candidate"]["id_number"] = ID
    record["procedure"]["inspection"]["responsible"] = f"考察组 {OTHER}"
    return record


def test_api_outputs_are_masked_unless_asked() -> None:
    """Report.to_json/to_text/to_dict and the 全程记实 mask ID numbers; show_id=True shows them."""
    record = _with_ids(example("compliant-county-promotion.yaml"))
    case = case_from_mapping(record)
    report = validate(case, engine="native")
    prepared = procedure_record(case, report)
    masked = [
        report.to_json(),
        report.to_json(citations="ref", indent=2),
        json.dumps(report.to_dict(), ensure_ascii=False),
        report.to_text(show_not_applicable=True),
        prepared.to_json(),
        prepared.to_markdown(),
        report_line(report),
    ]
    for text in masked:
        assert not FULL_ID.search(text), FULL_ID.search(text)
    assert SHOWN in masked[0] and f"考察组 {mask_id(OTHER)}" in masked[5]
    assert report.case_id == record["case_id"]  # the object keeps the data; outputs mask it
    assert ID in report.to_json(show_id=True) and ID in report.to_text(show_id=True)
    assert OTHER in prepared.to_markdown(show_id=True) and ID in report_line(report, show_id=True)


def test_failure_lines_are_masked() -> None:
    """A batch failure line masks the source and case id unless asked, and the problems always."""
    failure = CaseFailure(f"{ID}.yaml", ID, "invalid_input", (Problem(f"x.{ID}", f"bad {ID}", f"错 {ID}"),))
    assert not FULL_ID.search(failure.to_json())
    shown = failure.to_dict(show_id=True)
    assert shown["source"] == f"{ID}.yaml" and shown["case_id"] == ID and ID not in shown["message"]["zh"]


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_no_cli_output_shows_a_full_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """check (text, JSON), record (Markdown, JSON), batch (reports, failures, summary), import, errors: no full ID
    number on standard output or error by default; --show-id shows it."""
    record = _with_ids(example("compliant-county-promotion.yaml"))
    case = tmp_path / f"{ID}.json"
    case.write_text(json.dumps(record, ensure_ascii=False, default=str), encoding="utf-8")
    bad = dict(record, id_no=ID)
    bad_file = tmp_path / f"bad-{ID}.json"
    bad_file.write_text(json.dumps(bad, ensure_ascii=False, default=str), encoding="utf-8")
    jsonl = tmp_path / "cases.jsonl"
    lines = [json.dumps(r, ensure_ascii=False, default=str) for r in (record, bad)]
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = tmp_path / "summary.json"
    native = ("--engine", "native")
    runs = {
        "check text": _cli(capsys, "check", str(case), *native),
        "check json": _cli(capsys, "check", str(case), "--format", "json", "--pretty", *native),
        "check error": _cli(capsys, "check", str(bad_file), *native),
        "record markdown": _cli(capsys, "record", str(case), *native),
        "record json": _cli(capsys, "record", str(case), "--format", "json", *native),
        "batch": _cli(capsys, "batch", str(jsonl), str(bad_file), "--summary", str(summary), *native),
        "import": _cli(capsys, "import", str(DATA / "full.lrmx")),
        "import bad digit": _cli(capsys, "import", str(DATA / "bad-check-digit.lrmx")),
        "check candidate": _cli(
            capsys, "check", str(DATA / "procedure.yaml"), "--candidate", str(DATA / "full.lrmx"), *native
        ),
    }
    for name, (code, out, err) in runs.items():
        assert code in (0, 1, 2, 3), name
        assert not FULL_ID.search(out) and not FULL_ID.search(err), (name, FULL_ID.search(out + err))
    assert not FULL_ID.search(summary.read_text(encoding="utf-8"))
    assert runs["check error"][0] == 2 and runs["batch"][0] == 2
    imported = yaml.safe_load(runs["import"][1])["candidate"]
    assert "id_number" not in imported and "# id_number: 110105" in runs["import"][1]
    code, out, _ = _cli(capsys, "check", str(case), "--format", "json", "--show-id", *native)
    assert json.loads(out)["case_id"] == record["case_id"]
    code, out, _ = _cli(capsys, "import", str(DATA / "full.lrmx"), "--show-id")
    assert FULL_ID.fullmatch(yaml.safe_load(out)["candidate"]["id_number"])
    code, out, _ = _cli(capsys, "batch", str(jsonl), "--show-id", *native)
    assert ID in out.splitlines()[0]
