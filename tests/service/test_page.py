"""The checking page: the report rendered as HTML (grouping, escaping, Chinese words) and the page's routes."""

from __future__ import annotations

import html
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cadre_rules import validate
from cadre_rules._errors import Problem, mask_ids
from cadre_rules.lrmx import parse_lrmx
from cadre_rules.records import Case
from cadre_rules.report import Citation, Finding, Report
from cadre_rules.service import check_upload, create_app
from cadre_rules.service._page import (
    ASSETS,
    FormState,
    evidence_value,
    materials,
    path_words,
    render_page,
    render_report_html,
    report_view,
)
from tests.test_cases import CASE_LIST, build

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
LRMX = ROOT / "tests" / "data" / "lrmx"
VIOLATIONS = EXAMPLES / "violations-finance-principal.yaml"
MISSING = EXAMPLES / "indeterminate-missing-records.yaml"
_VOID = {"br", "meta", "link", "input", "img", "hr", "col", "wbr"}
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class _ChineseText(HTMLParser):
    """The text a reader sees as Chinese: identifiers (``<code>``), English (``.en``, ``lang=en``), the pasted
    case (``<textarea>``), scripts and styles left out."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        skip = tag in ("code", "script", "style", "textarea") or "en" in classes or a.get("lang") == "en"
        self.stack.append(skip)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not any(self.stack):
            self.parts.append(data)


def chinese_text(html: str) -> str:
    """The Chinese text of a page or fragment (see :class:`_ChineseText`)."""
    parser = _ChineseText()
    parser.feed(html)
    return " ".join(parser.parts)


def english_words(html: str) -> set[str]:
    """ASCII words in the Chinese text of ``html`` (none should be there)."""
    return set(_IDENT.findall(chinese_text(html)))


def _citation(text: str = "第一款原文") -> Citation:
    return Citation(
        instrument="selection-regulations-2019",
        title="党政领导干部选拔任用工作条例",
        article="8",
        paragraph=1,
        item=None,
        label="第八条",
        location="第八条第一款",
        text=text,
        confidence="high",
        number_confidence="high",
        text_confidence="high",
    )


def _finding(rule_id: str, status: str, **kw: object) -> Finding:
    base: dict[str, object] = {
        "rule_id": rule_id,
        "status": status,
        "severity": "error",
        "title": {"zh": f"标题{rule_id}", "en": "title"},
        "message": {"zh": f"说明{rule_id}", "en": "message"},
        "source_level": "national",
        "citations": [_citation()],
    }
    base.update(kw)
    return Finding(**base)  # type: ignore[arg-type]


def _report(findings: list[Finding], **kw: object) -> Report:
    base: dict[str, object] = {
        "case_id": "c-1",
        "as_of": "2025-06-10",
        "profile": "default",
        "engine": "native",
        "ruleset_version": "0.1.0+test",
        "findings": findings,
    }
    base.update(kw)
    return Report(**base)  # type: ignore[arg-type]


def _section_ids(html: str, section: str) -> list[str]:
    """The rule ids of the findings shown in one section of a rendered report."""
    start = html.index(f'id="{section}"')
    end = html.index("</section>", start)
    return re.findall(r'id="finding-([^"]+)"', html[start:end])


# ------------------------------------------------------------------------------------------------ rendering


def test_findings_are_grouped_by_status() -> None:
    """违反, 无法判断, 符合 and local advice each list exactly their findings; not_applicable is folded apart."""
    report = _report(
        [
            _finding("a.violated", "violated"),
            _finding("b.unknown", "indeterminate", missing=["candidate.training"]),
            _finding("c.ok", "satisfied"),
            _finding("d.local", "violated", severity="advice", source_level="local"),
            _finding("e.local_ok", "satisfied", severity="advice", source_level="local"),
            _finding("f.na", "not_applicable"),
        ]
    )
    html = render_report_html(report)
    assert _section_ids(html, "violated") == ["a.violated"]
    assert _section_ids(html, "indeterminate") == ["b.unknown"]
    assert _section_ids(html, "satisfied") == ["c.ok"]
    assert _section_ids(html, "advice") == ["d.local", "e.local_ok"]
    assert "f.na" in html[html.index('id="not-applicable"') :]
    assert "结论：有违反" in html  # the advice violation does not turn it, the national one does


def test_outcome_banner_follows_the_report() -> None:
    """The banner reads 合规, 有违反 or 无法判断 as the report's outcome is."""
    assert "结论：合规" in render_report_html(_report([_finding("a", "satisfied")]))
    assert "结论：无法判断" in render_report_html(_report([_finding("a", "indeterminate", missing=["post.unit"])]))
    assert "结论：有违反" in render_report_html(_report([_finding("a", "violated")]))
    advice_only = _report([_finding("a", "violated", severity="advice", source_level="local")])
    assert "结论：合规" in render_report_html(advice_only)


def test_severity_of_a_violation_is_shown_in_chinese() -> None:
    """A violated error reads 严重, a violated warning 一般."""
    html = render_report_html(_report([_finding("a", "violated"), _finding("b", "violated", severity="warning")]))
    assert 'sev-error">严重<' in html
    assert 'sev-warning">一般<' in html


def test_every_text_of_the_report_is_escaped() -> None:
    """Markup anywhere in a report (message, evidence, citation, waiver, case id) renders as inert text."""
    evil = "<script>alert(1)</script>"
    report = _report(
        [
            _finding(
                "a",
                "violated",
                title={"zh": evil, "en": evil},
                message={"zh": evil, "en": evil},
                citations=[_citation(evil)],
                evidence={"candidate_name": evil},
            ),
            _finding("b", "satisfied", waiver=evil),
        ],
        case_id=evil,
    )
    html = render_report_html(report)
    assert "<script" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 6


def test_pasted_text_is_escaped_in_the_form() -> None:
    """The form echoes the pasted case escaped, so a closing tag in it cannot end the textarea."""
    html = render_page(form=FormState(case_text="</textarea><script>alert(1)</script>"))
    assert "<script>alert" not in html
    assert "&lt;/textarea&gt;&lt;script&gt;" in html


def test_citation_with_an_unverified_number_says_so() -> None:
    """A citation whose article number is unsure carries 条号未经核实 (once, even when its location says it)."""
    low = Citation(**{**_citation().__dict__, "number_confidence": "low"})
    html = render_report_html(_report([_finding("a", "violated", citations=[low])]))
    assert html.count("条号未经核实") == 1
    worded = Citation(**{**low.__dict__, "location": "第八条第一款（条号未经核实）"})
    html = render_report_html(_report([_finding("a", "violated", citations=[worded])]))
    assert html.count("条号未经核实") == 1


def test_local_advice_names_its_source_document() -> None:
    """Local practice shown as advice lists the title of its source document; the source file is an identifier."""
    seed = Citation(
        **{
            **_citation().__dict__,
            "instrument": "seed-001-standing-committee-practice",
            "title": "全市干部选拔任用的报告",
            "location": "（001_62dc4136ce92a1d1.txt）第7段第2句（1）",
        }
    )
    html = render_report_html(_report([_finding("a", "violated", severity="advice", citations=[seed])]))
    advice = html[html.index('id="advice"') :]
    assert "来源文件：《全市干部选拔任用的报告》" in advice
    assert '<code class="ident" title="来源文件">001_62dc4136ce92a1d1.txt</code>' in advice
    assert "001_62dc4136ce92a1d1" not in chinese_text(html)


def test_materials_are_one_deduplicated_list() -> None:
    """The fields two findings both lack are listed once, with the number of checks waiting on each."""
    findings = [
        _finding("a", "indeterminate", missing=["candidate.training", "post.unit"]),
        _finding("b", "indeterminate", missing=["candidate.training"]),
    ]
    listed = materials(findings)
    assert [(m.path, m.count) for m in listed] == [("candidate.training", 2), ("post.unit", 1)]
    assert len({m.words for m in listed}) == 2
    html = render_report_html(_report(findings))
    combined = html[html.index('id="materials"') : html.index("</div>", html.index('id="materials"'))]
    assert combined.count("<li>" + path_words("candidate.training")) == 1
    assert "（2 项检查待判断）" in combined


def test_materials_of_a_real_report_cover_every_missing_field() -> None:
    """For a dossier with missing records, the combined list holds each missing path once, in Chinese words."""
    report = validate(MISSING, engine="native")
    unknown = [f for f in report.findings if f.status == "indeterminate" and f.severity != "advice"]
    view = report_view(report)
    paths = [m.path for m in view.materials]
    assert "procedure.recommendation" in {p for f in unknown for p in f.missing}  # a whole record not recorded
    assert "procedure.recommendation" not in paths  # … is named by the fields of it the rules read
    assert any(p.startswith("procedure.recommendation.") for p in paths)
    assert len(paths) == len(set(paths))
    for m in view.materials:
        assert not _IDENT.search(m.words), m


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("procedure.inspection.responsible", "考察"),
        ("candidate.career[2].grassroots", "第3"),
        ("calendar.2027", "2027 年的节假日和调休安排"),
    ],
)
def test_field_paths_read_in_chinese(path: str, words: str) -> None:
    """A missing field path reads in Chinese words with no English code."""
    said = path_words(path)
    assert words in said
    assert not _IDENT.search(said)


def test_values_are_labelled_per_fact() -> None:
    """A code is shown by the label its fact gives it; yes/no as 是/否; lists joined."""
    assert evidence_value("promotion_step", "deputy_to_principal") == "副职提正职"
    assert evidence_value("is_promotion", True) == "是"
    assert evidence_value("appointment_system", ["elected", "appointed"]) == "选任制、委任制"


def _examples_and_cases() -> list[tuple[str, Report]]:
    """The report of every example and of every eighth data-driven case (the native engine)."""
    out = [(p.name, validate(p, engine="native")) for p in sorted(EXAMPLES.glob("*.yaml"))]
    for name, case in CASE_LIST[::8]:
        if "expect_error" in case or str(case.get("profile", "")).endswith(".yaml") or "calendar" in case:
            continue
        as_of = date.fromisoformat(str(case["as_of"])) if "as_of" in case else None
        report = validate(
            build(case), engine="native", profile=case.get("profile", "default"), as_of=as_of, stage=case.get("stage")
        )
        out.append((name, report))
    return out


def test_no_english_code_in_the_chinese_text_of_any_report() -> None:
    """Rendered reports of the examples and the data-driven cases show no English code outside identifiers."""
    found: dict[str, str] = {}
    for name, report in _examples_and_cases():
        for word in english_words(render_report_html(report)):
            found.setdefault(word, name)
    assert found == {}


def test_no_english_code_in_the_page_itself() -> None:
    """The form's own text is Chinese (English only in the subtitle; identifiers in <code>)."""
    assert english_words(render_page()) == set()


# ------------------------------------------------------------------------------------------------ routes


@pytest.fixture(scope="module")
def client() -> TestClient:
    """A client of the service with its page."""
    return TestClient(create_app())


def test_get_the_page(client: TestClient) -> None:
    """GET / is the HTML form with every shipped profile, the engines and the stages to choose from."""
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert '<form class="check" method="post" action="check#result" enctype="multipart/form-data">' in html
    assert 'value="seed-002-p5"' in html and 'value="native"' in html and 'value="publicity"' in html
    assert 'href="page/style.css"' in html  # relative: / and /check both resolve it to /page/style.css


def test_post_a_pasted_case(client: TestClient) -> None:
    """A pasted case is checked with the chosen settings and its report rendered into the page."""
    expected = validate(VIOLATIONS, engine="native", profile="national", as_of=date(2025, 9, 26))
    form = {"case_text": VIOLATIONS.read_text("utf-8"), "profile": "national", "engine": "native"}
    response = client.post("/check", data={**form, "as_of": "2025-09-26"}, files={"case_file": ("", b"")})
    assert response.status_code == 200
    assert _section_ids(response.text, "violated") == [f.rule_id for f in expected.violations]
    assert '<option value="national" selected>' in response.text
    assert "2025-09-26" in response.text


def test_post_an_uploaded_lrmx_with_its_procedure(client: TestClient) -> None:
    """A .lrmx uploaded with a procedure file gives the report check_upload gives."""
    lrmx, proc = LRMX / "full.lrmx", LRMX / "procedure.yaml"
    expected = check_upload(
        lrmx.read_bytes(),
        lrmx.name,
        procedure=proc.read_bytes(),
        procedure_name=proc.name,
        profile="default",
        engine=None,
        as_of=None,
        stage=None,
    )
    files = {"case_file": (lrmx.name, lrmx.read_bytes()), "procedure_file": (proc.name, proc.read_bytes())}
    response = client.post("/check", data={"profile": "default"}, files=files)
    assert response.status_code == 200
    assert render_report_html(expected) in response.text


def test_no_full_id_number_on_the_page_of_an_upload(client: TestClient) -> None:
    """The ID number of an uploaded 任免审批表 appears nowhere on the page (uploads are not echoed; reports mask)."""
    lrmx, proc = LRMX / "full.lrmx", LRMX / "procedure.yaml"
    assert b"110105198003151234" in lrmx.read_bytes()
    files = {"case_file": (lrmx.name, lrmx.read_bytes()), "procedure_file": (proc.name, proc.read_bytes())}
    response = client.post("/check", files=files)
    assert response.status_code == 200
    assert "110105198003151234" not in response.text
    assert not re.search(r"\d{15,}", response.text)


def test_the_notes_of_a_lrmx_import_are_listed_masked(client: TestClient) -> None:
    """What of a 任免审批表 was not imported is listed above the report (as the CLI prints it), ID numbers masked;
    a case file gives no such list."""
    proc = LRMX / "procedure.yaml"
    for name in ("full.lrmx", "bad-check-digit.lrmx"):
        lrmx = LRMX / name
        notes = parse_lrmx(lrmx.read_bytes(), source=name).notes
        files = {"case_file": (name, lrmx.read_bytes()), "procedure_file": (proc.name, proc.read_bytes())}
        response = client.post("/check", files=files)
        assert response.status_code == 200
        section = response.text.split('id="import-notes"', 1)[1].split("</section>", 1)[0]
        assert section.count("<li>") == len(notes) > 0
        assert all(html.escape(mask_ids(n.message_zh)) in section for n in notes)
        assert not re.search(r"\d{15,}", response.text)
    plain = client.post("/check", files={"case_file": (VIOLATIONS.name, VIOLATIONS.read_bytes())})
    assert plain.status_code == 200 and 'id="import-notes"' not in plain.text


def test_a_pasted_procedure_goes_with_an_uploaded_lrmx(client: TestClient) -> None:
    """With a .lrmx uploaded and no procedure file, the pasted text is taken as the post and procedure."""
    lrmx, proc = LRMX / "full.lrmx", LRMX / "procedure.yaml"
    files = {"case_file": (lrmx.name, lrmx.read_bytes())}
    response = client.post("/check", data={"case_text": proc.read_text("utf-8")}, files=files)
    assert response.status_code == 200
    assert "example-2025-017" in response.text


@pytest.mark.parametrize(
    ("data", "files", "status", "expected"),
    [
        ({"case_text": "kind: [promotion"}, {}, 422, "YAML"),
        ({"case_text": "{}"}, {}, 422, "case_id"),
        ({"case_text": ""}, {}, 422, "请粘贴案例"),
        ({"case_text": "x: 1", "as_of": "2025-13-01"}, {}, 422, "判断日期应为"),
        ({"case_text": "x: 1", "profile": "nope"}, {}, 400, "未知规则集"),
        ({"case_text": "x: 1", "engine": "fast"}, {}, 400, "未知规则引擎"),
        ({}, {"case_file": ("a.lrmx", (LRMX / "full.lrmx").read_bytes())}, 422, "任免审批表"),
        (
            {"case_text": (LRMX / "procedure.yaml").read_text("utf-8")},
            {"case_file": ("a.lrmx", (LRMX / "billion-laughs.lrmx").read_bytes())},
            422,
            "a.lrmx",
        ),
    ],
)
def test_bad_input_shows_the_problems(
    client: TestClient, data: dict[str, str], files: dict[str, tuple[str, bytes]], status: int, expected: str
) -> None:
    """A bad input is answered with the page listing the problems in Chinese and English, no report, no traceback."""
    response = client.post("/check", data=data, files=files or {"case_file": ("", b"")})
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert 'id="errors"' in html and expected in html
    assert 'id="report"' not in html
    assert "Traceback" not in html


def test_an_internal_fault_shows_no_traceback(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected failure while checking is a 500 page saying so in Chinese and English, without its traceback."""

    def broken(*_: object, **__: object) -> tuple[Case, list[Problem]]:
        raise RuntimeError("secret internals")

    monkeypatch.setattr("cadre_rules.service._page.import_upload", broken)
    response = client.post("/check", data={"case_text": VIOLATIONS.read_text("utf-8")})
    assert response.status_code == 500
    assert "内部错误" in response.text and "internal error" in response.text
    assert "secret internals" not in response.text and "Traceback" not in response.text


def test_assets_are_served_from_the_package(client: TestClient) -> None:
    """The stylesheet (with its print rules) and the script are package data; no other name is served."""
    css = client.get("/page/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert "@media print" in css.text and "size: A4" in css.text
    assert client.get("/page/page.js").status_code == 200
    assert client.get("/page/../_page.py").status_code == 404
    assert client.get("/page/field_words.yaml").status_code == 404
    assert set(ASSETS) == {"style.css", "page.js"}


def test_the_page_names_no_external_resource(client: TestClient) -> None:
    """The page loads nothing from another host (no CDN): every src and href is local."""
    html = client.post("/check", data={"case_text": VIOLATIONS.read_text("utf-8")}).text
    for url in re.findall(r'(?:src|href)="([^"]*)"', html):
        assert not re.match(r"(?i)^(?:[a-z]+:)?//", url), url


def test_the_page_is_left_out_of_the_openapi(client: TestClient) -> None:
    """The page's routes are for people: the API's OpenAPI (checked by schemathesis) does not list them."""
    paths = client.get("/openapi.json").json()["paths"]
    assert "/" not in paths and "/check" not in paths


def test_a_pasted_case_with_an_id_number_is_not_echoed(client: TestClient) -> None:
    """The answer to a pasted case that holds an ID number carries no full ID number: the report masks it and the
    text box comes back empty with a note saying why; a case without one is echoed back for editing."""
    text = (EXAMPLES / "compliant-county-promotion.yaml").read_text("utf-8")
    assert "110105198503151230" in text
    page = client.post("/check", data={"case_text": text, "engine": "native"}).text
    assert "110105198503151230" not in page
    assert 'id="text-withheld"' in page and "未在此处回显" in page
    assert re.search(r'<textarea name="case_text"[^>]*>\s*</textarea>', page)
    echoed = client.post("/check", data={"case_text": VIOLATIONS.read_text("utf-8"), "engine": "native"}).text
    assert "text-withheld" not in echoed
    assert html.escape(VIOLATIONS.read_text("utf-8").splitlines()[0], quote=False) in echoed
    failed = client.post("/check", data={"case_text": "case_id: [110105198503151230", "engine": "native"}).text
    assert "110105198503151230" not in failed and 'id="text-withheld"' in failed
