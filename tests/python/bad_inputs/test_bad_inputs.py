"""Runs the bad-input catalogue (cases.py) through the CLI and the Python API.

For every case: the CLI exits 2 with one line naming the reason and the place
(argparse usage errors: its usage, then one error line); the Python call
raises the documented ``healthplan.Error`` subclass with the documented id;
nothing escapes as a traceback; and the directory holds exactly what it held
before (no temporary left, no input changed, no partial output)."""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import pytest

import healthplan as hp
from healthplan._cli import main

from .cases import CASES, Case


def _materialise(case: Case, root: Path) -> None:
    for name, data in case.files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    if "fifo" in case.extra:
        os.mkfifo(root / case.extra["fifo"])
    if "readonly" in case.extra:
        (root / case.extra["readonly"]).chmod(0o555)


def _snapshot(root: Path) -> dict[str, bytes | None]:
    """Every entry under root with its bytes (None for folders and FIFOs)."""
    out: dict[str, bytes | None] = {}
    for p in sorted(root.rglob("*")):
        out[str(p.relative_to(root))] = p.read_bytes() if p.is_file() and not p.is_fifo() else None
    return out


@contextlib.contextmanager
def _limit(case: Case):
    before = hp.max_input_bytes()
    if "limit" in case.extra:
        hp.set_max_input_bytes(case.extra["limit"])
    try:
        yield
    finally:
        hp.set_max_input_bytes(before)


def _args(case: Case, root: Path) -> list[str]:
    return [a.replace("{dir}", str(root)) for a in case.cli]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cli_exits_2_with_one_line(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if "readonly" in case.extra and os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    _materialise(case, tmp_path)
    before = _snapshot(tmp_path)
    monkeypatch.chdir(tmp_path)
    err = io.StringIO()
    with _limit(case), contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            status = main(_args(case, tmp_path))
        except SystemExit as exit:  # argparse
            status = exit.code
    lines = err.getvalue().strip().splitlines()
    assert status == 2, err.getvalue()
    assert "Traceback" not in err.getvalue()
    if case.error == "usage":  # argparse: its (possibly wrapped) usage, then one error line
        assert lines[0].startswith("usage:") and ": error: " in lines[-1], lines
    else:
        assert len(lines) == 1, lines
    assert case.where in lines[-1], lines[-1]
    if case.error_id:
        assert f"[{case.error_id}]" in lines[-1], lines[-1]
    if "readonly" in case.extra:
        (tmp_path / case.extra["readonly"]).chmod(0o755)
    assert _snapshot(tmp_path) == before


def _example_plan() -> hp.Plan:
    return hp.load(Path(__file__).resolve().parents[3] / "examples" / "data" / "wuhai_example.plan.json")


def _bulk_frames() -> tuple[object, object]:
    import pandas as pd

    obs = pd.DataFrame({"series": [1, 1], "year": [2020, 2022], "value": [10.0, 14.0]})
    targets = pd.DataFrame({"series": [1], "threshold": [20.0], "comparator": [">="], "year": [2030]})
    return obs, targets


def _evaluate_arrays(as_of: object) -> object:
    obs, tg = _bulk_frames()
    return hp.evaluate_arrays(
        obs.series, obs.year, obs.value, tg.series, tg.threshold, tg.comparator, tg.year, as_of=as_of
    )


def _template(as_of: object) -> object:
    from healthplan import local

    return local.observation_template([_example_plan()], as_of=as_of)


_CALLS = {
    "load": lambda root, case: hp.load(root / case.cli[-1].replace("{dir}/", "")),
    "extract_file": lambda root, case: hp.extract_file(root / case.cli[1].replace("{dir}/", "")),
    "observations": lambda root, case: hp.Observations.from_csv(root / "obs.csv"),
    "evaluate": lambda root, case: hp.evaluate(_example_plan(), hp.observed_china(), as_of=case.extra["as_of"]),
    "evaluate_results": lambda root, case: hp.evaluate_results(
        _example_plan(), hp.observed_china(), as_of=case.extra["as_of"]
    ),
    "scorecard": lambda root, case: hp.scorecard(
        _example_plan(), observations=hp.observed_china(), as_of=case.extra["as_of"]
    ),
    "evaluate_arrays": lambda root, case: _evaluate_arrays(case.extra["as_of"]),
    "evaluate_frame": lambda root, case: hp.evaluate_frame(*_bulk_frames(), as_of=case.extra["as_of"]),
    "template": lambda root, case: _template(case.extra["as_of"]),
}


@pytest.mark.parametrize("case", [c for c in CASES if c.call], ids=[c.name for c in CASES if c.call])
def test_python_raises_the_documented_error(case: Case, tmp_path: Path) -> None:
    _materialise(case, tmp_path)
    before = _snapshot(tmp_path)
    with _limit(case), pytest.raises(getattr(hp, case.error)) as caught:
        _CALLS[case.call](tmp_path, case)
    err = caught.value
    assert isinstance(err, hp.Error) and isinstance(err, ValueError)
    assert err.id == case.error_id, str(err)
    assert case.where in str(err), str(err)
    str(err).encode("utf-8")  # a message that quotes damaged input still encodes
    assert _snapshot(tmp_path) == before


def test_the_catalogue_is_large_enough() -> None:
    assert len(CASES) >= 60


def test_the_catalogue_uses_only_documented_ids(repo: Path) -> None:
    readme = (repo / "README.md").read_text(encoding="utf-8")
    for case in CASES:
        if case.error_id:
            assert f"`{case.error_id}`" in readme, case.error_id
