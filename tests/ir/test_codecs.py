"""KDL and JSON round trips over generated IRs, and clear errors on bad input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from mizan_core import ir

from .strategies import project_irs

ROUND_TRIP = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ROUND_TRIP
@given(project_irs)
def test_kdl_write_read_write_is_byte_identical(project: ir.ProjectIR) -> None:
    text = ir.dumps_kdl(project)
    back = ir.loads_kdl(text)
    assert back == project
    assert ir.dumps_kdl(back) == text


@ROUND_TRIP
@given(project_irs)
def test_json_round_trip_matches_kdl(project: ir.ProjectIR) -> None:
    text = ir.dumps_json(project)
    back = ir.loads_json(text)
    assert back == project
    assert ir.dumps_json(back) == text
    assert ir.loads_kdl(ir.dumps_kdl(back)) == back


def _fn(**kw: object) -> str:
    props = " ".join(f"{k}={v}" for k, v in kw.items())
    return f'function "f" module="m" qualname="f" {props} {{\n    returns {{\n        int\n    }}\n}}\n'


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        ("mizan-ir version=2\n", 1, "unsupported IR version 2"),
        ("function \"f\"\n", 1, "first node must be 'mizan-ir"),
        ("mizan-ir version=1\n\n" + _fn(rev="1.5"), 3, "integers"),
        ("mizan-ir version=1\n" + _fn(auth='"bogus"'), 2, "'auth' must be one of"),
        ("mizan-ir version=1\n" + _fn(colour='"red"'), 2, "no property 'colour'"),
        ("mizan-ir version=1\n" + _fn(websocket='"yes"'), 2, "'websocket' must be bool"),
        ("mizan-ir version=1\nfunction \"f\" {\n}\n", 2, "missing 'module'"),
        ("mizan-ir version=1\n\n\nwidget 1\n", 4, "unknown node 'widget'"),
        (('mizan-ir version=1\nmodel "m" module="m" qualname="m" {\n    field "x" {\n'
         '        type {\n            lists {\n                int\n            }\n        }\n'
         '    }\n}\n'), 5, "unknown type node 'lists'"),
        ("mizan-ir version=1\nfunction \"f\" {\n  param \"x\n", 3, "malformed KDL"),
        ('mizan-ir version=1\n' + _fn(context='(t)"c"'), 2, "type annotations"),
        ('mizan-ir version=1\n(x)' + _fn(), 2, "type annotations"),
    ],
)
def test_malformed_kdl_names_the_line(text: str, line: int, needle: str) -> None:
    with pytest.raises(ir.IRFormatError) as info:
        ir.loads_kdl(text)
    assert needle in str(info.value)
    assert info.value.line == line


@pytest.mark.parametrize(
    "text",
    ["{" * 5000, "mizan-ir version=1\n" + "a {\n" * 3000, "mizan-ir version=1\nx 1" + "0" * 5000 + "e99999",
     "mizan-ir version=1\n(tag)function \"f\"\n", "\ufeff\x00", "mizan-ir version=1\nfunction \"f\" module=(t)\"m\" qualname=\"q\" {\n}\n"],
)
def test_hostile_kdl_is_a_format_error_never_a_crash(text: str) -> None:
    with pytest.raises(ir.IRFormatError):
        ir.loads_kdl(text)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('{"version": 7}', "unsupported IR version 7"),
        ('{"version": 1, "functions": [{"name": "f"}]}', "missing key 'module'"),
        ('{"version": 1, "functions": 3}', "expected a list"),
        ('{"version": 1, "extra": []}', "unknown key(s): extra"),
        ("[" * 100000, "nested too deeply"),
        ('{"version": 1,', "malformed JSON"),
    ],
)
def test_malformed_json_is_a_format_error(text: str, needle: str) -> None:
    with pytest.raises(ir.IRFormatError) as info:
        ir.loads_json(text)
    assert needle in str(info.value)
