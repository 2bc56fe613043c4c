"""The command line around the report: template, report --observations / -o DIR / --quiet,
an example in every --help, validate reports every file, targets/extract read documents."""

from __future__ import annotations

import pathlib
import subprocess

import pandas as pd
import pytest

FIXTURE = pathlib.Path(__file__).parent / "fixtures" / "wuhai_observed_MADE_UP.csv"


def run(cli, *args, cwd=None):
    return subprocess.run([*cli, *map(str, args)], capture_output=True, text=True, encoding="utf-8", cwd=cwd)


def test_template_command_csv_and_xlsx(healthplan_cli, tmp_path, example_plan_path):
    r = run(healthplan_cli, "template", example_plan_path, "-o", tmp_path / "observed.csv")
    assert r.returncode == 0, r.stderr
    assert "rows to fill" in r.stderr
    raw = (tmp_path / "observed.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8
    frame = pd.read_csv(tmp_path / "observed.csv", encoding="utf-8-sig")
    assert {"region", "indicator", "code", "year", "value", "unit", "origin"} <= set(frame.columns)
    pytest.importorskip("openpyxl")
    r = run(healthplan_cli, "template", example_plan_path, "-o", tmp_path / "observed.xlsx", "--quiet")
    assert r.returncode == 0 and r.stderr == ""
    assert len(pd.read_excel(tmp_path / "observed.xlsx")) == len(frame)


def test_report_with_observations_into_a_folder(healthplan_cli, tmp_path):
    r = run(healthplan_cli, "report", "--observations", FIXTURE, "-o", tmp_path, "--no-plots", "--lang", "en")
    assert r.returncode == 0, r.stderr
    out = tmp_path / "healthplan-report.en.html"
    assert f"Report: {out}" in r.stdout and "own targets judged with local figures" in r.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no .tmp left behind
    r = run(healthplan_cli, "report", "--quiet", "--no-plots", "-o", tmp_path / "q.html")
    assert r.returncode == 0 and r.stdout.strip() == f"Report: {tmp_path / 'q.html'}"


def test_report_bad_observations_is_one_line(healthplan_cli, tmp_path):
    bad = tmp_path / "obs.csv"
    bad.write_text("indicator,year,value\n居民健康素养水平,20x1,3\n", encoding="utf-8")
    r = run(healthplan_cli, "report", "--observations", bad, "--no-plots", "-o", tmp_path / "r.html")
    assert r.returncode == 2 and "obs.csv:2" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "r.html").exists()


def test_every_command_help_shows_an_example(healthplan_cli):
    from healthplan._cli import EXAMPLES, build_parser

    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(commands) <= set(EXAMPLES), set(commands) - set(EXAMPLES)
    r = run(healthplan_cli, "report", "--help")
    assert "example:" in r.stdout and "--observations" in r.stdout


def test_validate_reports_every_file(healthplan_cli, tmp_path, example_plan_path):
    broken = tmp_path / "broken.plan.json"
    broken.write_text('{"schema_version": 1, "title": "健康', encoding="utf-8")
    r = run(healthplan_cli, "validate", example_plan_path, broken, example_plan_path)
    assert r.returncode == 2
    assert r.stdout.count(": ok") == 2 and "broken.plan.json: error" in r.stderr and "Traceback" not in r.stderr


def test_targets_refuses_a_plan_json_and_extract_reads_a_folder(healthplan_cli, tmp_path, example_plan_path):
    r = run(healthplan_cli, "targets", example_plan_path)
    assert r.returncode == 2 and "a plan .json, not a document" in r.stderr and r.stdout == ""
    docs = tmp_path / "docs"
    docs.mkdir()
    from healthplan import datasets

    for p in datasets.seed_paths()[:2]:
        (docs / p.name).write_bytes(p.read_bytes())
    r = run(healthplan_cli, "extract", docs, "-o", tmp_path / "out", "--quiet")
    assert r.returncode == 0, r.stderr
    assert len(list((tmp_path / "out").glob("*.plan.json"))) == 2 and r.stderr == ""
