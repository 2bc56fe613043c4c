"""The `healthplan` command's foundation subcommands."""

from __future__ import annotations

import json
import subprocess

import pytest


def run(cli, *args):
    return subprocess.run([*cli, *args], capture_output=True, text=True, encoding="utf-8")


def test_help_lists_the_subcommands(healthplan_cli):
    result = run(healthplan_cli, "--help")
    assert result.returncode == 0
    for command in ("validate", "show"):
        assert command in result.stdout


def test_validate_and_show_the_example(healthplan_cli, example_plan_path):
    result = run(healthplan_cli, "validate", str(example_plan_path))
    assert result.returncode == 0, result.stderr
    assert "ok (14 targets, 3 tasks" in result.stdout
    shown = run(healthplan_cli, "show", str(example_plan_path))
    assert shown.returncode == 0
    assert "健康乌海行动工作推进方案" in shown.stdout and "居民健康素养水平 >= 22%" in shown.stdout
    as_json = run(healthplan_cli, "show", "--format", "json", str(example_plan_path))
    assert json.loads(as_json.stdout)["schema_version"] == 2  # a version-1 file is shown in the current schema


def test_bad_input_exits_nonzero_with_one_line(healthplan_cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"schema_version": 1, "targets": [{"id": "t", "indicator": "x", "kind": "level",'
        ' "comparator": ">=", "value": 1, "unit": "furlong"}]}',
        encoding="utf-8",
    )
    result = run(healthplan_cli, "validate", str(bad))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "furlong" in lines[0] and "/targets/0/unit" in lines[0]
    missing = run(healthplan_cli, "show", str(tmp_path / "nope.json"))
    # A missing file has its own id (io.missing) since the hardening issue, not a generic "cannot open".
    assert missing.returncode == 2 and "[io.missing]" in missing.stderr and "nope.json: no such file" in missing.stderr


def test_a_bug_is_one_line_not_a_traceback(monkeypatch, capsys, example_plan_path):
    # Whatever escapes a command that is not a healthplan.Error is a bug in the
    # program; the user still gets one line (and the way to see the traceback).
    from healthplan import _cli
    from healthplan._cli import model as model_cli

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("a planted bug")

    monkeypatch.setattr(model_cli.model, "load", broken)
    monkeypatch.delenv("HEALTHPLAN_TRACEBACK", raising=False)
    assert _cli.main(["validate", str(example_plan_path)]) == _cli.EXIT_INTERNAL
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "internal error: ZeroDivisionError: a planted bug" in err
    assert "HEALTHPLAN_TRACEBACK=1" in err
    monkeypatch.setenv("HEALTHPLAN_TRACEBACK", "1")
    with pytest.raises(ZeroDivisionError):
        _cli.main(["validate", str(example_plan_path)])
