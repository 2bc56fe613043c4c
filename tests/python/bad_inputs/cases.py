"""The bad-input catalogue: what a hostile or careless user feeds the CLI and the
Python API, as data. Each case names the files it creates, the command line, the
Python call, the error class and id it must give, and a piece of the place
(``where``) the one-line message must name. test_bad_inputs.py runs them all.

Plan cases mutate the bundled example plan one field at a time, so every field
of the schema gets a wrong type, a truncation, an unknown neighbour."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[3]
EXAMPLE = json.loads((REPO / "examples" / "data" / "wuhai_example.plan.json").read_text(encoding="utf-8"))


@dataclass
class Case:
    name: str
    files: dict[str, bytes]  # created in a fresh directory
    cli: list[str]  # arguments; "{dir}" is that directory
    call: str  # "load", "extract_file", "observations", or "" (CLI only)
    error: str  # ParseError, SchemaError, ValidationError, UnitError, DataError, or "usage" (argparse)
    error_id: str  # "" for usage errors
    where: str  # a substring the message must contain
    extra: dict[str, Any] = field(default_factory=dict)


def _dump(plan: Any) -> bytes:
    return json.dumps(plan, ensure_ascii=False, indent=1).encode("utf-8")


def _mutated(path: list[Any], value: Any) -> bytes:
    plan = copy.deepcopy(EXAMPLE)
    node = plan
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return _dump(plan)


def _without(path: list[Any]) -> bytes:
    plan = copy.deepcopy(EXAMPLE)
    node = plan
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return _dump(plan)


def _plan_case(name: str, data: bytes, error: str, error_id: str, where: str) -> Case:
    return Case(name, {"plan.json": data}, ["validate", "{dir}/plan.json"], "load", error, error_id, where)


PLAN_CASES: list[Case] = [
    # wrong types, one per field kind
    _plan_case(
        "target year as string",
        _mutated(["targets", 0, "year"], "2022"),
        "SchemaError",
        "json.schema",
        "/targets/0/year",
    ),
    _plan_case(
        "target year fractional",
        _mutated(["targets", 0, "year"], 2022.5),
        "SchemaError",
        "json.schema",
        "/targets/0/year",
    ),
    _plan_case(
        "target year huge", _mutated(["targets", 0, "year"], 10**12), "SchemaError", "json.schema", "/targets/0/year"
    ),
    _plan_case(
        "target year implausible",
        _mutated(["targets", 0, "year"], 3934),
        "ValidationError",
        "model.invalid",
        "/targets/0",
    ),
    _plan_case(
        "target year negative", _mutated(["targets", 0, "year"], -5), "ValidationError", "model.invalid", "/targets/0"
    ),
    _plan_case(
        "target value as string",
        _mutated(["targets", 1, "value"], "22%"),
        "SchemaError",
        "json.schema",
        "/targets/1/value",
    ),
    _plan_case(
        "target kind unknown",
        _mutated(["targets", 0, "kind"], "wish"),
        "SchemaError",
        "enum.unknown",
        "/targets/0/kind",
    ),
    _plan_case(
        "target comparator unknown",
        _mutated(["targets", 0, "comparator"], "≥≥"),
        "SchemaError",
        "enum.unknown",
        "/targets/0/comparator",
    ),
    _plan_case(
        "target comparator missing",
        _without(["targets", 0, "comparator"]),
        "SchemaError",
        "json.missing_field",
        "/targets/0/comparator",
    ),
    _plan_case(
        "target id missing", _without(["targets", 0, "id"]), "SchemaError", "json.missing_field", "/targets/0/id"
    ),
    _plan_case(
        "target unit unknown",
        _mutated(["targets", 1, "unit"], "furlong"),
        "UnitError",
        "unit.unknown",
        "/targets/1/unit",
    ),
    _plan_case(
        "target soft as string",
        _mutated(["targets", 0, "soft"], "yes"),
        "SchemaError",
        "json.schema",
        "/targets/0/soft",
    ),
    _plan_case(
        "target section as string",
        _mutated(["targets", 0, "section"], "二"),
        "SchemaError",
        "json.schema",
        "/targets/0/section",
    ),
    _plan_case(
        "target section element number",
        _mutated(["targets", 0, "section"], [2]),
        "SchemaError",
        "json.schema",
        "/targets/0/section/0",
    ),
    _plan_case("target as array", _mutated(["targets", 0], []), "SchemaError", "json.schema", "/targets/0"),
    _plan_case("targets as object", _mutated(["targets"], {}), "SchemaError", "json.schema", "/targets"),
    _plan_case(
        "target unknown field",
        _mutated(["targets", 0, "colour"], "red"),
        "SchemaError",
        "json.unknown_field",
        "/targets/0/colour",
    ),
    _plan_case(
        "reference as list",
        _mutated(["targets", 0, "reference"], [2015]),
        "SchemaError",
        "json.schema",
        "/targets/0/reference",
    ),
    _plan_case(
        "baseline without value",
        _mutated(["targets", 0, "baseline"], {"year": 2015}),
        "SchemaError",
        "json.missing_field",
        "/targets/0/baseline/value",
    ),
    _plan_case(
        "task lead as string",
        _mutated(["tasks", 0, "lead"], "市卫生健康委员会"),
        "SchemaError",
        "json.schema",
        "/tasks/0/lead",
    ),
    _plan_case(
        "task agency without name",
        _mutated(["tasks", 0, "lead", 0], {"as_written": "x"}),
        "SchemaError",
        "json.missing_field",
        "/tasks/0/lead/0/name",
    ),
    _plan_case(
        "indicator direction unknown",
        _mutated(["indicators", 0, "direction"], "sideways"),
        "SchemaError",
        "enum.unknown",
        "/indicators/0/direction",
    ),
    _plan_case(
        "region level unknown", _mutated(["region", "level"], "galaxy"), "SchemaError", "enum.unknown", "/region/level"
    ),
    _plan_case(
        "issue date malformed", _mutated(["issue_date"], "2021-13-45"), "ValidationError", "date.invalid", "/issue_date"
    ),
    _plan_case(
        "issue date huge year",
        _mutated(["issue_date"], "99999-01-01"),
        "ValidationError",
        "date.invalid",
        "/issue_date",
    ),
    _plan_case(
        "period start as string", _mutated(["period", "start"], "2021"), "SchemaError", "json.schema", "/period/start"
    ),
    _plan_case("source size negative", _mutated(["source", "size"], -1), "SchemaError", "json.schema", "/source/size"),
    _plan_case(
        "schema version 99", _mutated(["schema_version"], 99), "SchemaError", "json.schema_version", "/schema_version"
    ),
    _plan_case("schema version 1e400", b'{"schema_version": 1e400}', "ParseError", "json.syntax", "1:"),
    _plan_case(
        "schema version missing", _without(["schema_version"]), "SchemaError", "json.missing_field", "/schema_version"
    ),
    # references and ids
    _plan_case(
        "duplicate target id",
        _mutated(["targets", 1, "id"], EXAMPLE["targets"][0]["id"]),
        "ValidationError",
        "model.duplicate_id",
        "/targets/1",
    ),
    _plan_case(
        "dangling indicator id",
        _mutated(["targets", 0, "indicator_id"], "i999"),
        "ValidationError",
        "model.invalid",
        "indicator_id",
    ),
    _plan_case(
        "dangling task target id",
        _mutated(["tasks", 0, "target_ids"], ["t999"]),
        "ValidationError",
        "model.invalid",
        "target_ids",
    ),
    # spans
    _plan_case(
        "span past the source",
        _mutated(["targets", 0, "span", "end"], 10**7),
        "ValidationError",
        "model.span",
        "/targets/0/span",
    ),
    _plan_case(
        "span evidence wrong length",
        _mutated(["targets", 0, "span", "evidence"], "重大"),
        "ValidationError",
        "model.span",
        "/targets/0/span",
    ),
    _plan_case(
        "span end before begin",
        _mutated(["targets", 0, "span", "begin"], 5000),
        "ValidationError",
        "model.span",
        "/targets/0/span/end",
    ),
    _plan_case(
        "span begin negative",
        _mutated(["targets", 0, "span", "begin"], -3),
        "SchemaError",
        "json.schema",
        "/targets/0/span/begin",
    ),
    # malformed JSON
    _plan_case("empty file", b"", "ParseError", "json.syntax", "1:1"),
    _plan_case("truncated early", _dump(EXAMPLE)[:200], "ParseError", "json.syntax", "plan.json:"),
    _plan_case("truncated in a string", _dump(EXAMPLE)[:1001], "ParseError", "json.syntax", "plan.json:"),
    _plan_case("truncated at the end", _dump(EXAMPLE)[:-2], "ParseError", "json.syntax", "plan.json:"),
    _plan_case("top level array", b"[1, 2]", "SchemaError", "json.schema", "plan.json#/"),
    _plan_case(
        "duplicate key",
        b'{"schema_version": 1, "title": "a", "title": "b"}',
        "SchemaError",
        "json.duplicate_key",
        "/title",
    ),
    _plan_case(
        "deep nesting",
        b'{"schema_version": 1, "sections": ' + b'[{"children": ' * 16000 + b"[]" + b"}]" * 16000 + b"}",
        "SchemaError",
        "json.too_deep",
        "/sections/0/children/0",
    ),
    _plan_case(
        "invalid UTF-8 in a string", b'{"schema_version": 1, "title": "\xe5\x81"}', "ParseError", "json.syntax", "1:"
    ),
    _plan_case("lone surrogate", b'{"schema_version": 1, "title": "\\ud800"}', "ParseError", "json.syntax", "1:"),
    _plan_case("NaN literal", b'{"schema_version": 1, "targets": [{"value": NaN}]}', "ParseError", "json.syntax", "1:"),
    _plan_case("NUL bytes", b"\x00" * 64, "ParseError", "json.syntax", "1:1"),
    _plan_case("binary junk", bytes(range(256)), "ParseError", "json.syntax", "1:1"),
    _plan_case("UTF-16 plan", '{"schema_version": 1}'.encode("utf-16"), "ParseError", "json.syntax", "1:1"),
]

TEXT_CASES: list[Case] = [
    Case(name, {"doc.txt": data}, ["extract", "{dir}/doc.txt", "-o", "{dir}/out"], "extract_file", err, eid, where)
    for name, data, err, eid, where in [
        (
            "invalid UTF-8 mid-file",
            "健康中国行动推进".encode() + b"\xff" + "方案".encode(),
            "ParseError",
            "text.invalid_utf8",
            "byte 24",
        ),
        (
            "cut inside the last character",
            "健康中国行动推进方案".encode()[:-1],
            "ParseError",
            "text.invalid_utf8",
            "byte 27",
        ),
        (
            "UTF-8 then Latin-1",
            "健康中国行动推进方案: caf".encode() + b"\xe9",
            "ParseError",
            "text.invalid_utf8",
            "byte",
        ),
        ("binary junk", bytes(range(128, 256)) * 4, "ParseError", "text.undecodable", "doc.txt"),
    ]
] + [
    Case(
        "directory as text",
        {"doc.txt/inner": b""},
        ["extract", "{dir}/doc.txt", "-o", "{dir}/out"],
        "extract_file",
        "ParseError",
        "io.not_a_file",
        "doc.txt",
    ),
    Case(
        "missing text",
        {},
        ["extract", "{dir}/nothing.txt", "-o", "{dir}/out"],
        "extract_file",
        "ParseError",
        "io.missing",
        "nothing.txt",
    ),
    Case(
        "FIFO as text",
        {},
        ["extract", "{dir}/fifo.txt", "-o", "{dir}/out"],
        "extract_file",
        "ParseError",
        "io.not_a_file",
        "fifo.txt",
        {"fifo": "fifo.txt"},
    ),
    Case(
        "device as text",
        {},
        ["extract", "/dev/zero", "-o", "{dir}/out"],
        "",
        "ParseError",
        "io.not_a_file",
        "/dev/zero",
    ),
    Case(
        "text over the size limit",
        {"doc.txt": b"\x00" * 4096},
        ["extract", "{dir}/doc.txt", "-o", "{dir}/out"],
        "extract_file",
        "ParseError",
        "text.too_large",
        "doc.txt",
        {"limit": 1024},
    ),
    Case(
        "directory as plan",
        {"plan.json/inner": b""},
        ["validate", "{dir}/plan.json"],
        "load",
        "ParseError",
        "io.not_a_file",
        "plan.json",
    ),
    Case("missing plan", {}, ["validate", "{dir}/nothing.json"], "load", "ParseError", "io.missing", "nothing.json"),
]

_CSV_HEAD = "indicator,region,year,value,unit,flags\n"


def _csv_case(name: str, data: bytes, err: str, eid: str, where: str) -> Case:
    return Case(
        name,
        {"obs.csv": data},
        ["evaluate", str(REPO / "examples/data/wuhai_example.plan.json"), "{dir}/obs.csv"],
        "observations",
        err,
        eid,
        where,
    )


def _docx_package(document_xml: bytes) -> bytes:
    # The fuzz target's package builder, so the catalogue and the target wrap a body alike.
    import sys

    sys.path.insert(0, str(REPO / "tests" / "fuzz" / "python"))
    from docx_package import docx_package

    return docx_package(document_xml)


# Documents whose container opens but whose inside is broken (found by the
# Atheris targets of tests/fuzz/python/): each is input.unreadable, naming the file.
DOCUMENT_CASES: list[Case] = [
    Case(name, {file: data}, ["extract", "{dir}/" + file, "-o", "{dir}/out"], "extract_file", err, eid, file)
    for name, file, data, err, eid in [
        (
            "PDF page with a non-numeric MediaBox",
            "bad.pdf",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 a b] >> endobj\n"
            b"trailer << /Root 1 0 R >>\n%%EOF\n",
            "ParseError",
            "input.unreadable",
        ),
        ("PDF cut after its header", "cut.pdf", b"%PDF-1.7\n1 0 obj <<", "ParseError", "input.unreadable"),
        (
            "DOCX whose body is not XML",
            "body.docx",
            _docx_package(b"<w:document><w:body><w:p>"),
            "ParseError",
            "input.unreadable",
        ),
    ]
]


CSV_CASES: list[Case] = [
    _csv_case("empty CSV", b"", "DataError", "csv.empty", "obs.csv"),
    _csv_case("no value column", b"indicator,year\nx,2020\n", "SchemaError", "csv.column", "obs.csv:1"),
    _csv_case(
        "duplicate column", b"indicator,year,value,value\nx,2020,1,2\n", "SchemaError", "csv.column", "obs.csv:1"
    ),
    _csv_case(
        "hexadecimal value", (_CSV_HEAD + "吸烟率,全国,2020,0x1A,%,\n").encode(), "DataError", "csv.value", "obs.csv:2"
    ),
    _csv_case(
        "infinite value", (_CSV_HEAD + "吸烟率,全国,2020,inf,%,\n").encode(), "DataError", "csv.value", "obs.csv:2"
    ),
    _csv_case(
        "overflowing value", (_CSV_HEAD + "吸烟率,全国,2020,1e400,%,\n").encode(), "DataError", "csv.value", "obs.csv:2"
    ),
    _csv_case(
        "NaN without missing flag",
        (_CSV_HEAD + "吸烟率,全国,2020,NaN,%,\n").encode(),
        "DataError",
        "observations.nan",
        "obs.csv:2",
    ),
    _csv_case("NaN year", (_CSV_HEAD + "吸烟率,全国,NaN,20,%,\n").encode(), "DataError", "csv.year", "obs.csv:2"),
    _csv_case(
        "negative year", (_CSV_HEAD + "吸烟率,全国,-5,20,%,\n").encode(), "DataError", "observations.year", "obs.csv"
    ),
    _csv_case(
        "huge year",
        (_CSV_HEAD + "吸烟率,全国,99999999999,20,%,\n").encode(),
        "DataError",
        "observations.year",
        "obs.csv",
    ),
    _csv_case(
        "unknown unit", (_CSV_HEAD + "吸烟率,全国,2020,20,furlong,\n").encode(), "UnitError", "unit.unknown", "obs.csv"
    ),
    _csv_case(
        "unknown flag",
        (_CSV_HEAD + "吸烟率,全国,2020,20,%,maybe\n").encode(),
        "DataError",
        "observations.flag",
        "obs.csv:2",
    ),
    _csv_case("ragged row", (_CSV_HEAD + "吸烟率,全国,2020\n").encode(), "ParseError", "csv.fields", "obs.csv:2"),
    _csv_case(
        "unterminated quote", (_CSV_HEAD + '"吸烟率,全国,2020,20,%,\n').encode(), "ParseError", "csv.quote", "obs.csv:2"
    ),
    _csv_case(
        "GBK CSV", (_CSV_HEAD + "吸烟率,全国,2020,20,%,\n").encode("gbk"), "ParseError", "text.invalid_utf8", "obs.csv"
    ),
    _csv_case(
        "UTF-16 CSV",
        (_CSV_HEAD + "吸烟率,全国,2020,20,%,\n").encode("utf-16"),
        "ParseError",
        "text.invalid_utf8",
        "obs.csv",
    ),
    _csv_case(
        "duplicate rows differing",
        (_CSV_HEAD + "吸烟率,全国,2020,20,%,\n吸烟率,全国,2020,21,%,\n").encode(),
        "DataError",
        "observations.conflict",
        "obs.csv:3",
    ),
    Case(
        "directory as CSV",
        {"obs.csv/inner": b""},
        ["evaluate", str(REPO / "examples/data/wuhai_example.plan.json"), "{dir}/obs.csv"],
        "observations",
        "ParseError",
        "io.not_a_file",
        "obs.csv",
    ),
]

_PLAN = str(REPO / "examples/data/wuhai_example.plan.json")

OUTPUT_CASES: list[Case] = [
    Case(
        "compare output is its input",
        {"x.json": _dump(EXAMPLE)},
        ["compare", "{dir}/x.json", "--format", "md", "-o", "{dir}/x.json"],
        "",
        "ParseError",
        "io.same_file",
        "x.json",
    ),
    Case(
        "compare output in a missing folder",
        {"x.json": _dump(EXAMPLE)},
        ["compare", "{dir}/x.json", "-o", "{dir}/missing/out.csv"],
        "",
        "ParseError",
        "io.write",
        "out.csv",
    ),
    Case(
        "compare output is a directory",
        {"x.json": _dump(EXAMPLE), "out.csv/inner": b""},
        ["compare", "{dir}/x.json", "-o", "{dir}/out.csv"],
        "",
        "ParseError",
        "io.not_a_file",
        "out.csv",
    ),
    Case(
        "extract output is a directory",
        {"doc.txt": "健康乌海行动".encode(), "out/doc.plan.json/inner": b""},
        ["extract", "{dir}/doc.txt", "-o", "{dir}/out"],
        "",
        "ParseError",
        "io.not_a_file",
        "doc.plan.json",
    ),
    Case(
        "extract output folder is a file",
        {"doc.txt": "健康乌海行动".encode(), "out": b"a file"},
        ["extract", "{dir}/doc.txt", "-o", "{dir}/out"],
        "",
        "OSError",
        "",
        "out",
    ),
    Case(
        "report output is an input",
        {"x.json": _dump(EXAMPLE)},
        ["report", "{dir}/x.json", "--no-plots", "-o", "{dir}/x.json"],
        "",
        "ParseError",
        "io.same_file",
        "x.json",
    ),
    Case(
        "unwritable output folder",
        {"x.json": _dump(EXAMPLE), "ro/keep": b"k"},
        ["compare", "{dir}/x.json", "-o", "{dir}/ro/out.csv"],
        "",
        "ParseError",
        "io.write",
        "out.csv",
        {"readonly": "ro"},
    ),
]

ARG_CASES: list[Case] = [
    Case("as-of negative", {}, ["evaluate", _PLAN, "china", "--as-of", "-5"], "", "usage", "", "--as-of"),
    Case("as-of huge", {}, ["evaluate", _PLAN, "china", "--as-of", "99999999999"], "", "usage", "", "--as-of"),
    Case("as-of not a number", {}, ["evaluate", _PLAN, "china", "--as-of", "soon"], "", "usage", "", "--as-of"),
]


def _year_case(name: str, call: str, value: object) -> Case:
    """A year argument out of range in the Python API (``extra["as_of"]`` goes to ``call``); the CLI
    line is the template command, whose --as-of reaches the same check (evaluate's --as-of is argparse's)."""
    cli = ["template", _PLAN, "--as-of", str(value), "-o", "{dir}/t.csv"]
    return Case(name, {}, cli, call, "ValidationError", "model.invalid", "as_of", {"as_of": value})


YEAR_CASES: list[Case] = [
    _year_case("evaluate as_of huge", "evaluate", 99999999999),
    _year_case("evaluate as_of negative", "evaluate", -5),
    _year_case("evaluate_results as_of huge", "evaluate_results", 10**30),
    _year_case("scorecard as_of before 1949", "scorecard", 1000),
    _year_case("evaluate_arrays as_of huge", "evaluate_arrays", 99999999999),
    _year_case("evaluate_frame as_of negative", "evaluate_frame", -2024),
    _year_case("template as_of huge", "template", 99999999999),
    _year_case("template as_of negative", "template", -5),
]

CASES: list[Case] = PLAN_CASES + TEXT_CASES + DOCUMENT_CASES + CSV_CASES + OUTPUT_CASES + ARG_CASES + YEAR_CASES
