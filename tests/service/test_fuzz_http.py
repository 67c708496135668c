"""The HTTP service gives the answer the library gives, on the fuzz harness's inputs: one answer per case whatever
the path (issue 13), extended to ``POST /v1/check``: the same report JSON byte for byte, or a 422 where the
library raises a CaseError (a 413 only where the body is over the service's limit), never a 500, never a full ID
number. ``HTTP_FUZZ_INPUTS`` sets how many inputs (default 60; a longer run is reported in the closing notes)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cadre_rules import CaseError, validate
from cadre_rules.service import create_app
from cadre_rules.service._limits import MAX_BODY_BYTES
from cadre_rules.testing._fuzz import bases, id_numbers_in, long_ints, make_input, write_case

INPUTS = int(os.environ.get("HTTP_FUZZ_INPUTS", "60"))
SEED = 3


@pytest.fixture(scope="module")
def client() -> TestClient:
    """A client of a fresh app without decision log."""
    return TestClient(create_app(), raise_server_exceptions=False)


def test_the_service_answers_fuzzed_inputs_as_the_library_does(client: TestClient, tmp_path: Path) -> None:
    """Each input's file, sent as the body with its media type, is answered with validate()'s report of that file
    or, where validate() raises a CaseError, with a 422 ``case_error``."""
    pool = bases(4)
    answers = {200: 0, 422: 0, 413: 0}
    for index in range(INPUTS):
        item, data = make_input(SEED, index, pool)
        path = write_case(data, item, tmp_path)
        body = path.read_bytes()
        media = "application/json" if path.suffix == ".json" else "application/yaml"
        with long_ints():
            try:
                expected: bytes | None = validate(path, engine="native").to_json_bytes()
            except CaseError:
                expected = None
            response = client.post("/v1/check?engine=native", content=body, headers={"content-type": media})
        where = f"input {index} ({item.base}, {[m.to_dict() for m in item.mutations]})"
        assert response.status_code in answers, f"{where}: HTTP {response.status_code} {response.text[:300]}"
        answers[response.status_code] += 1
        if response.status_code == 413:
            assert len(body) > MAX_BODY_BYTES, where
        elif expected is None:
            assert response.status_code == 422 and response.json()["error"] == "case_error", where
        else:
            assert response.status_code == 200 and response.content == expected, where
        for number in id_numbers_in(data):
            assert number not in response.text, f"{where}: {number[:4]}… shown"
        path.unlink()
    assert answers[200] >= INPUTS // 10 and answers[422] >= INPUTS // 10, answers
    print(f"HTTP fuzz, seed {SEED}: {INPUTS} inputs, {answers}", file=sys.stderr)
