"""A context ``GET`` as a browser or a cache sends it: ``If-None-Match: *``, and a
query value that is not JSON."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.django.conftest import get

pytestmark = pytest.mark.django_db


def test_if_none_match_star_is_a_304_and_an_unknown_tag_is_not() -> None:
    assert get(Client(), "cart", "cart_id=3", HTTP_IF_NONE_MATCH="*").status_code == 304
    assert get(Client(), "cart", "cart_id=3", HTTP_IF_NONE_MATCH='"nope"').status_code == 200


def test_a_query_value_that_is_not_json_is_named_with_the_reason() -> None:
    response = get(Client(), "cart", "cart_id=one")
    assert response.status_code == 400
    message = json.loads(response.content)["error"]["message"]
    assert message.startswith("query parameter 'cart_id' must be a JSON value (")


@pytest.mark.parametrize("header", ['"a",{etag}', '"a" ,  W/{etag} ,"b"', '{etag},"a"'])
def test_any_tag_of_a_list_matches_however_it_is_spaced(header: str) -> None:
    etag = get(Client(), "cart", "cart_id=3")["ETag"]
    answer = get(Client(), "cart", "cart_id=3", HTTP_IF_NONE_MATCH=header.format(etag=etag))
    assert answer.status_code == 304 and answer.content == b""


def test_a_304_carries_no_content_type_and_keeps_the_validators() -> None:
    first = get(Client(), "cart", "cart_id=3")
    assert first["Content-Type"] == "application/json"
    answer = get(Client(), "cart", "cart_id=3", HTTP_IF_NONE_MATCH=first["ETag"])
    assert answer.status_code == 304 and answer.content == b""
    assert "Content-Type" not in answer  # a cache would take it as the stored 200's new type
    assert answer["ETag"] == first["ETag"]
    assert answer["Cache-Control"] == first["Cache-Control"]
