"""POST /v1/check and /v1/check/upload: the body is exactly the report validate() gives for the same case."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cadre_rules import validate
from cadre_rules.lrmx import case_with_candidate, read_lrmx
from cadre_rules.records import load_case
from cadre_rules.service import create_app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
LRMX = ROOT / "tests" / "data" / "lrmx"
VIOLATIONS = EXAMPLES / "violations-finance-principal.yaml"


@pytest.fixture(scope="module")
def client() -> TestClient:
    """A client of a fresh app without decision log."""
    return TestClient(create_app())


@pytest.mark.parametrize("name", ["violations-finance-principal.yaml", "compliant-county-promotion.yaml"])
def test_yaml_body_gives_the_reports_json(client: TestClient, name: str) -> None:
    """A YAML body is answered with validate()'s report JSON, byte for byte."""
    path = EXAMPLES / name
    response = client.post("/v1/check", content=path.read_bytes(), headers={"content-type": "application/yaml"})
    assert response.status_code == 200
    assert response.content == validate(path).to_json_bytes()


def test_json_body_with_parameters(client: TestClient) -> None:
    """A JSON body with profile, engine, as_of, stage and citations=ref gives the same as validate() with them."""
    expected = validate(VIOLATIONS, engine="native", stage="inspection", as_of=date(2025, 9, 1))
    response = client.post(
        "/v1/check?engine=native&stage=inspection&citations=ref&as_of=2025-09-01",
        content=_case_json(VIOLATIONS),
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 200
    assert response.content == expected.to_json_bytes(citations="ref")
    assert response.json()["engine"] == "native"


def _case_json(path: Path) -> bytes:
    return load_case(path).model_dump_json(exclude_none=True).encode()


def test_upload_case_file(client: TestClient) -> None:
    """An uploaded YAML case gives the same report as checking the file."""
    with VIOLATIONS.open("rb") as f:
        response = client.post("/v1/check/upload", files={"file": (VIOLATIONS.name, f, "application/yaml")})
    assert response.status_code == 200
    assert response.content == validate(VIOLATIONS).to_json_bytes()


def test_upload_lrmx_with_procedure(client: TestClient) -> None:
    """A .lrmx with a procedure file gives the report of `check --candidate`."""
    expected = validate(case_with_candidate(LRMX / "procedure.yaml", read_lrmx(LRMX / "full.lrmx")))
    with (LRMX / "full.lrmx").open("rb") as form, (LRMX / "procedure.yaml").open("rb") as proc:
        response = client.post(
            "/v1/check/upload", files={"file": ("full.lrmx", form), "procedure": ("procedure.yaml", proc)}
        )
    assert response.status_code == 200
    assert response.content == expected.to_json_bytes()
    assert response.json()["case_id"] == "example-2025-017"


def _error(response: Any, status: int, kind: str) -> dict[str, object]:
    """The error body of ``response`` (the test client's response: httpx's or httpx2's, as starlette chooses), after
    checking its status, kind and shape."""
    assert response.status_code == status, response.text[:500]
    body = response.json()
    assert set(body) == {"error", "message", "problems", "more"}
    assert body["error"] == kind
    assert set(body["message"]) == {"zh", "en"} and body["message"]["zh"] and body["message"]["en"]
    for problem in body["problems"]:
        assert set(problem) == {"path", "message_zh", "message_en"}
    assert isinstance(body["more"], int)
    return dict(body)


def test_invalid_case_is_422_naming_each_field(client: TestClient) -> None:
    """An invalid case gets 422 case_error listing each field path, in Chinese and English."""
    case = b"case_id: x\nkind: promotion\ncandidate: {name: \xe7\x94\xb2, birth_date: 1985-02-30}\npost: {}\n"
    body = _error(client.post("/v1/check", content=case, headers={"content-type": "text/yaml"}), 422, "case_error")
    paths = [p["path"] for p in body["problems"]]
    assert "candidate.birth_date" in paths


@pytest.mark.parametrize(
    ("content", "where"),
    [(b"{not json", "(body):1:2"), (b"\xff\xfe", "(body)"), (b"- a\n- b\n", "(case)")],
)
def test_malformed_body_is_422(client: TestClient, content: bytes, where: str) -> None:
    """Malformed JSON, bytes that are not UTF-8, and a YAML list each get 422 naming where."""
    kind = "application/json" if content.startswith(b"{") else "application/yaml"
    body = _error(client.post("/v1/check", content=content, headers={"content-type": kind}), 422, "case_error")
    assert body["problems"][0]["path"] == where


def test_many_problems_are_capped_and_counted(client: TestClient) -> None:
    """A case with more problems than listed says how many more there are."""
    case = json.dumps({f"unknown_{i}": i for i in range(30)}).encode()
    body = _error(
        client.post("/v1/check", content=case, headers={"content-type": "application/json"}), 422, "case_error"
    )
    assert len(body["problems"]) == 20
    assert body["more"] == 30 + 4 - 20  # thirty unknown keys and four required ones missing


@pytest.mark.parametrize(
    ("query", "status", "kind", "path"),
    [
        ("profile=nope", 400, "unknown_profile", "profile"),
        ("profile=../../etc/passwd.yaml", 400, "unknown_profile", "profile"),
        ("engine=drools", 400, "unknown_engine", "engine"),
        ("stage=inspektion", 400, "unknown_stage", "stage"),
        ("as_of=2025-13-01", 400, "bad_parameter", "as_of"),
        ("as_of=0", 400, "bad_parameter", "query.as_of"),
        ("citations=all", 400, "bad_parameter", "query.citations"),
    ],
)
def test_bad_parameter_is_400(client: TestClient, query: str, status: int, kind: str, path: str) -> None:
    """An unknown profile (a file path included), engine or stage, or a malformed parameter is a 400."""
    response = client.post(f"/v1/check?{query}", content=VIOLATIONS.read_bytes(), headers={"content-type": "text/yaml"})
    body = _error(response, status, kind)
    assert body["problems"][0]["path"] == path


def test_unknown_engine_suggests_the_closest(client: TestClient) -> None:
    """A misspelt engine is answered with the engine meant, in both languages."""
    body = _error(client.post("/v1/check?engine=nativ", content=b"{}"), 400, "unknown_engine")
    problem = body["problems"][0]
    assert "'native'" in problem["message_en"] and "'native'" in problem["message_zh"]


def test_other_media_type_is_415(client: TestClient) -> None:
    """A body that says it is neither JSON nor YAML is refused with 415."""
    response = client.post("/v1/check", content=b"<x/>", headers={"content-type": "application/xml"})
    _error(response, 415, "unsupported_media_type")


def test_body_over_the_limit_is_413() -> None:
    """A body over the limit is refused with 413, whether its length is declared or it is streamed."""
    small = TestClient(create_app(max_body=1000))
    case = VIOLATIONS.read_bytes()
    assert len(case) > 1000
    _error(small.post("/v1/check", content=case, headers={"content-type": "text/yaml"}), 413, "payload_too_large")

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(case), 256):
            yield case[start : start + 256]

    streamed = small.post("/v1/check", content=chunks(), headers={"content-type": "text/yaml"})
    _error(streamed, 413, "payload_too_large")
    with VIOLATIONS.open("rb") as f:
        upload = small.post("/v1/check/upload", files={"file": ("case.yaml", f)})
    _error(upload, 413, "payload_too_large")


def test_unknown_path_is_404_json(client: TestClient) -> None:
    """An unknown path gets the error shape, not an HTML page."""
    _error(client.get("/v2/nothing"), 404, "not_found")


def test_lrmx_without_procedure_is_422(client: TestClient) -> None:
    """A .lrmx alone is refused, saying a post-and-procedure file must come with it."""
    with (LRMX / "full.lrmx").open("rb") as form:
        body = _error(client.post("/v1/check/upload", files={"file": ("full.lrmx", form)}), 422, "case_error")
    assert body["problems"][0]["path"] == "procedure"


@pytest.mark.parametrize("name", ["billion-laughs.lrmx", "external-entity.lrmx", "malformed.lrmx"])
def test_hostile_lrmx_is_422(client: TestClient, name: str) -> None:
    """Entities, external references and broken XML in a .lrmx are refused naming the file."""
    with (LRMX / name).open("rb") as form, (LRMX / "procedure.yaml").open("rb") as proc:
        files = {"file": (name, form), "procedure": ("procedure.yaml", proc)}
        body = _error(client.post("/v1/check/upload", files=files), 422, "case_error")
    assert body["problems"][0]["path"].startswith(name)


def test_upload_without_file_is_422(client: TestClient) -> None:
    """A form without its file field is an invalid request naming the field."""
    body = _error(
        client.post("/v1/check/upload", data={"x": "1"}, files={"other": ("a", b"b")}), 422, "invalid_request"
    )
    assert body["problems"][0]["path"] == "body.file"


def test_error_messages_never_show_a_full_id_number(client: TestClient) -> None:
    """An ID number given where a number is expected is masked in the error."""
    case = json.loads(_case_json(VIOLATIONS))
    case["candidate"]["birth_date"] = "110101199003074518"
    response = client.post("/v1/check", content=json.dumps(case), headers={"content-type": "application/json"})
    _error(response, 422, "case_error")
    assert "110101199003074518" not in response.text


def test_durable_where_it_does_not_import_is_400(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """Asking for durable where durable_rules is not installed (Python 3.13) is a 400 saying to use native."""
    monkeypatch.setattr("cadre_rules.service._input.DURABLE_AVAILABLE", False)
    body = _error(client.post("/v1/check?engine=durable", content=b"{}"), 400, "engine_unavailable")
    assert "native" in body["problems"][0]["message_en"] and "native" in body["problems"][0]["message_zh"]


def test_a_value_error_from_the_library_is_422_not_500(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """A ValueError raised while checking is bad input (as the CLI treats it), never a 500 with a traceback."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise ValueError("a value the library cannot take")

    monkeypatch.setattr("cadre_rules.service._input.validate", refuse)
    body = _error(client.post("/v1/check", content=VIOLATIONS.read_bytes()), 422, "invalid_input")
    assert "cannot take" in body["message"]["en"]
    assert "Traceback" not in str(body)


def test_an_unchosen_procedure_field_is_ignored_and_an_unchosen_file_named(client: TestClient) -> None:
    """A browser form's empty file fields: an empty procedure is no procedure; an empty file is a missing file."""
    with VIOLATIONS.open("rb") as f:
        response = client.post("/v1/check/upload", files={"file": (VIOLATIONS.name, f), "procedure": ("", b"")})
    assert response.status_code == 200 and response.content == validate(VIOLATIONS).to_json_bytes()
    body = _error(client.post("/v1/check/upload", files={"file": ("", b"")}), 422, "invalid_request")
    assert body["problems"][0]["path"] == "body.file"


def _hostile_bodies(tmp_path: Path) -> list[tuple[str, bytes, str]]:
    """The hostile inputs of the file tests, and deep nesting, duplicate keys and a BOM: (name, body, media)."""
    from tests.records.test_errors import _hostile_inputs

    bodies = [
        (p.name, p.read_bytes(), "application/json" if p.suffix == ".json" else "application/yaml")
        for p in _hostile_inputs(tmp_path)
    ]
    bodies += [
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, "application/json"),
        ("deep.yaml", b"a: " + b"[" * 100_000 + b"]" * 100_000, "application/yaml"),
        ("duplicate.json", b'{"case_id": "a", "case_id": "b"}', "application/json"),
        ("duplicate.yaml", b"case_id: a\ncase_id: b\n", "application/yaml"),
        ("bom.json", b"\xef\xbb\xbf" + _case_json(VIOLATIONS), "application/json"),
        ("latin1.yaml", "case_id: café".encode("latin-1"), "application/yaml"),
    ]
    return bodies


def test_hostile_bodies_are_answered_as_the_files_are(client: TestClient, tmp_path: Path) -> None:
    """Each hostile input sent as the body gets the library's answer for the same file: a 422 naming the problem
    (bounded, no full ID number, no traceback) where checking the file raises a CaseError, else the same report."""
    from cadre_rules import CaseError

    for name, body, media in _hostile_bodies(tmp_path):
        path = tmp_path / f"as-file-{name}"
        path.write_bytes(body)
        try:
            expected: bytes | None = validate(path).to_json_bytes()
        except CaseError:
            expected = None
        response = client.post("/v1/check", content=body, headers={"content-type": media})
        if expected is None:
            problems = _error(response, 422, "case_error")["problems"]
            assert problems, name
            assert len(response.content) < 10_000, name
            assert "110101199003077777" not in response.text and "Traceback" not in response.text, name
        else:
            assert response.status_code == 200 and response.content == expected, name
