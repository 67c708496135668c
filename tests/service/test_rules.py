"""GET /v1/rules, /v1/rules/{id} and the schemas: what the CLI prints."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from cadre_rules.cli import main
from cadre_rules.records import Case
from cadre_rules.service import create_app


@pytest.fixture(scope="module")
def client() -> TestClient:
    """A client of a fresh app."""
    return TestClient(create_app())


def test_rules_are_those_of_the_cli(client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    """GET /v1/rules equals `cadre-rules rules --format json`."""
    main(["rules", "--format", "json"])
    assert client.get("/v1/rules").json() == json.loads(capsys.readouterr().out)


def test_one_rule_explained(client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    """GET /v1/rules/{id} gives the rule's entry with its conditions in the words `explain` prints."""
    body = client.get("/v1/rules/committee.quorum").json()
    main(["rules", "--format", "json"])
    listed = next(r for r in json.loads(capsys.readouterr().out) if r["rule_id"] == "committee.quorum")
    assert {k: body[k] for k in listed} == listed
    main(["explain", "committee.quorum"])
    explained = capsys.readouterr().out
    assert f"违反条件：{body['violated_when_zh']}" in explained
    assert body["stage_zh"] in explained and body["window_zh"] in explained


def test_an_unknown_rule_is_404_with_suggestions(client: TestClient) -> None:
    """An unknown rule id is a 404 unknown_rule naming the closest ids."""
    response = client.get("/v1/rules/committee.quorm")
    assert response.status_code == 404
    body = response.json()
    assert body["error"] == "unknown_rule"
    assert "committee.quorum" in body["problems"][0]["message_en"]


def test_case_schema_is_that_of_the_cli(client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    """GET /v1/schema/case equals `cadre-rules schema`."""
    main(["schema"])
    assert client.get("/v1/schema/case").json() == json.loads(capsys.readouterr().out)
    assert client.get("/v1/schema/case").json()["title"] == Case.__name__


def test_version(client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    """GET /v1/version gives the package and ruleset versions `--version` prints."""
    body = client.get("/v1/version").json()
    with pytest.raises(SystemExit):
        main(["--version"])
    printed = capsys.readouterr().out
    assert body["package"] in printed and body["ruleset_version"] in printed
    assert client.get("/healthz").json() == {"status": "ok"}
