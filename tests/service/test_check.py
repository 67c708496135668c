"""POST /v1/check and /v1/check/upload: the body is exactly the report validate() gives for the same case."""

from __future__ import annotations

from datetime import date
from pathlib import Path

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
