"""The checking page in a real headless Chromium (the distribution's ``/usr/bin/chromium``, driven by Playwright):
paste a case and submit, upload a ``.lrmx`` with a procedure file, a bad input, inert markup, print layout."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from cadre_rules import validate
from cadre_rules.service import check_upload, create_app

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
LRMX = ROOT / "tests" / "data" / "lrmx"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path("/tmp/cadre-rules-page-shots")  # the screenshots, to look at by hand (also copied to tmp_path)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (apt-get install chromium; .ci/run installs it)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """The service with its page, on uvicorn on a free loopback port in a thread."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium from the distribution (Playwright's own browsers are never downloaded)."""
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page (A4-ish width) in its own context."""
    context = browser.new_context(viewport={"width": 1100, "height": 1400}, locale="zh-CN")
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    context.close()


def _shot(page: Page, tmp_path: Path, name: str) -> Path:
    out = tmp_path / name
    page.screenshot(path=str(out), full_page=False)
    SHOTS.mkdir(exist_ok=True)
    shutil.copy(out, SHOTS / name)
    return out


def _submit(page: Page) -> Any:
    """Submit the form and return the navigation's response."""
    with page.expect_navigation() as nav:
        page.click("#submit")
    return nav.value


def _shown_rule_ids(page: Page, section: str) -> list[str]:
    ids: list[str] = page.eval_on_selector_all(
        f"#{section} article.finding", "els => els.map(e => e.id.slice('finding-'.length))"
    )
    return ids


def test_paste_a_case_and_see_its_violations(page: Page, base_url: str, tmp_path: Path) -> None:
    """Pasting examples/violations-finance-principal.yaml and submitting shows 有违反 and each violated rule."""
    path = EXAMPLES / "violations-finance-principal.yaml"
    expected = validate(path)
    page.goto(base_url + "/")
    assert page.title().endswith("干部选拔任用合规检查")
    page.fill("#case_text", path.read_text("utf-8"))
    response = _submit(page)
    assert response.status == 200
    assert "有违反" in page.inner_text("#outcome")
    assert _shown_rule_ids(page, "violated") == [f.rule_id for f in expected.violations]
    first = page.locator("#violated article.finding").first
    assert "依据：《" in first.inner_text()
    assert first.locator("blockquote.cite").count() >= 1
    assert expected.case_id in page.inner_text("#summary")
    # the form keeps what was submitted, so the officer can correct and resubmit
    assert page.input_value("#case_text").startswith("# A rushed promotion")
    shot = _shot(page, tmp_path, "violations.png")
    assert shot.stat().st_size > 10_000


def test_upload_an_lrmx_with_its_procedure_file(page: Page, base_url: str, tmp_path: Path) -> None:
    """A 任免审批表 (.lrmx) uploaded with a post-and-procedure file is checked as the service checks it."""
    lrmx, procedure = LRMX / "full.lrmx", LRMX / "procedure.yaml"
    expected = check_upload(
        lrmx.read_bytes(),
        lrmx.name,
        procedure=procedure.read_bytes(),
        procedure_name=procedure.name,
        profile="default",
        engine=None,
        as_of=None,
        stage=None,
    )
    page.goto(base_url + "/")
    page.set_input_files("#case_file", str(lrmx))
    page.set_input_files("#procedure_file", str(procedure))
    response = _submit(page)
    assert response.status == 200
    banner = {"compliant": "合规", "violations": "有违反", "indeterminate": "无法判断"}[expected.outcome]
    assert banner in page.inner_text("#outcome")
    assert expected.case_id in page.inner_text("#summary")
    assert _shown_rule_ids(page, "violated") == [f.rule_id for f in expected.violations]
    unknown = [f for f in expected.findings if f.status == "indeterminate" and f.severity != "advice"]
    assert _shown_rule_ids(page, "indeterminate") == [f.rule_id for f in unknown]
    _shot(page, tmp_path, "lrmx.png")


def test_an_lrmx_alone_is_refused_on_the_page(page: Page, base_url: str) -> None:
    """A .lrmx without a procedure file shows the bilingual problem (HTTP 422), no report."""
    page.goto(base_url + "/")
    page.set_input_files("#case_file", str(LRMX / "full.lrmx"))
    response = _submit(page)
    assert response.status == 422
    errors = page.inner_text("#errors")
    assert "任免审批表" in errors and "holds only the candidate" in errors
    assert page.locator("#report").count() == 0


def test_bad_yaml_shows_the_problems_without_a_traceback(page: Page, base_url: str, tmp_path: Path) -> None:
    """Malformed YAML is answered 422 with the problems listed in Chinese and English on the page."""
    page.goto(base_url + "/")
    page.fill("#case_text", "case_id: x\nkind: [promotion\n")
    response = _submit(page)
    assert response.status == 422
    errors = page.inner_text("#errors")
    assert "输入有误" in errors and "YAML" in errors
    assert "Traceback" not in page.content()
    _shot(page, tmp_path, "error.png")


def test_markup_in_a_case_stays_inert(page: Page, base_url: str) -> None:
    """A candidate named ``<script>…`` is shown as text: no script of the case runs, the text comes back whole."""
    hostile = "<script>window.__pwned = 1</script><img src=x onerror='window.__pwned = 2'>"
    text = (EXAMPLES / "violations-finance-principal.yaml").read_text("utf-8")
    text = text.replace("name: 赵强", f'name: "{hostile}"', 1).replace(
        "case_id: example-2025-031", 'case_id: "<b onmouseover=alert(1)>x</b>"', 1
    )
    page.goto(base_url + "/")
    page.fill("#case_text", text)
    response = _submit(page)
    assert response.status == 200
    assert page.evaluate("window.__pwned") is None
    assert hostile in page.input_value("#case_text")
    assert "<b onmouseover=alert(1)>x</b>" in page.inner_text("#summary")
    assert page.locator("#summary b").count() == 0


def test_the_page_works_without_javascript(browser: Browser, base_url: str) -> None:
    """With JavaScript off, submitting the form still gives the server-rendered report."""
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(base_url + "/")
        pg.fill("#case_text", (EXAMPLES / "compliant-county-promotion.yaml").read_text("utf-8"))
        response = _submit(pg)
        assert response.status == 200
        expected = validate(EXAMPLES / "compliant-county-promotion.yaml")
        satisfied = [f for f in expected.findings if f.status == "satisfied" and f.severity != "advice"]
        assert f"符合（{len(satisfied)} 项）" in pg.inner_text("#satisfied summary")
    finally:
        context.close()


def test_print_layout_hides_the_form_and_unfolds_the_details(page: Page, base_url: str, tmp_path: Path) -> None:
    """Under print media the form is hidden and the folded 符合 findings are shown; an A4 PDF is produced."""
    page.goto(base_url + "/")
    page.fill("#case_text", (EXAMPLES / "violations-finance-principal.yaml").read_text("utf-8"))
    _submit(page)
    first_satisfied = page.locator("#satisfied article.finding").first
    assert not first_satisfied.is_visible()  # folded on screen
    page.emulate_media(media="print")
    assert page.locator("form.check").is_hidden()
    assert first_satisfied.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    (tmp_path / "report.pdf").write_bytes(pdf)
