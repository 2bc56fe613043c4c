"""Findings of the hardening issue that live at the Python surface: pickling,
atomic saves (concurrent, symlinked, failing), terminal-safe ``show``, typed
errors from DataFrames, and errors that used to escape the hierarchy."""

from __future__ import annotations

import os
import pickle
import resource
import signal
import threading
from pathlib import Path

import pandas as pd
import pytest

import healthplan as hp
from healthplan._cli import main


def test_targets_and_tasks_pickle(example_plan) -> None:
    for obj in (*example_plan.targets, *example_plan.tasks):
        again = pickle.loads(pickle.dumps(obj))
        assert again.id == obj.id and type(again) is type(obj)
    t = example_plan.targets[1]
    back = pickle.loads(pickle.dumps(t))
    assert (back.value, back.unit.symbol, back.span.evidence) == (t.value, t.unit.symbol, t.span.evidence)


def test_concurrent_saves_to_one_path_never_fail_or_mix(example_plan, tmp_path: Path) -> None:
    path = tmp_path / "shared.plan.json"
    example_plan.save(path)
    expected = path.read_bytes()
    errors: list[BaseException] = []
    mixed = 0

    def writer() -> None:
        try:
            for _ in range(40):
                example_plan.save(path)
        except BaseException as err:  # collected and asserted below
            errors.append(err)

    threads = [threading.Thread(target=writer) for _ in range(6)]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        mixed += path.read_bytes() != expected
    for t in threads:
        t.join()
    assert errors == [] and mixed == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shared.plan.json"]


def test_save_does_not_follow_a_symlink_at_the_old_temporary_name(example_plan, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (tmp_path / "out.plan.json.tmp").symlink_to(victim)
    example_plan.save(tmp_path / "out.plan.json")
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert hp.load(tmp_path / "out.plan.json") == example_plan


def test_a_failed_save_names_the_os_reason_and_leaves_nothing(example_plan, tmp_path: Path) -> None:
    old = resource.getrlimit(resource.RLIMIT_FSIZE)
    assert signal.getsignal(signal.SIGXFSZ) == signal.SIG_IGN  # Python ignores it, so write() gets EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (1000, old[1]))
    try:
        with pytest.raises(hp.ParseError) as caught:
            example_plan.save(tmp_path / "big.plan.json")
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, old)
    assert caught.value.id == "io.write" and "too large" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_compare_never_truncates_an_existing_output_on_failure(tmp_path: Path, example_plan_path: Path) -> None:
    out = tmp_path / "out.md"
    out.write_text("previous report", encoding="utf-8")
    assert main(["compare", str(example_plan_path), str(tmp_path / "missing.json"), "-o", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "previous report"


def test_show_escapes_control_sequences(example_plan, tmp_path: Path, capsys) -> None:
    example_plan.title = "健康\x1b[2J\x1b]0;pwned\x07行动\u202e"
    path = tmp_path / "p.plan.json"
    example_plan.save(path)
    assert main(["show", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "健康\\x1B[2J\\x1B]0;pwned\\x07行动\\u202E" in out


def test_dataframe_text_value_names_the_row() -> None:
    df = pd.DataFrame({"indicator": ["a", "a"], "year": [2019, 2020], "value": [1.0, "high"]})
    with pytest.raises(hp.DataError) as caught:
        hp.Observations.from_frame(df)
    assert caught.value.id == "csv.value" and caught.value.where == "row 1" and "'high'" in str(caught.value)


def test_dataframe_nan_year_names_the_row() -> None:
    df = pd.DataFrame({"indicator": ["a", "a", "a"], "year": [2019, float("nan"), 2021], "value": [1.0, 2.0, 3.0]})
    with pytest.raises(hp.DataError) as caught:
        hp.Observations.from_frame(df)
    assert caught.value.id == "observations.year" and caught.value.where == "row 1"


def test_huge_json_number_is_a_parse_error(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"schema_version": 1e400}', encoding="utf-8")
    with pytest.raises(hp.ParseError) as caught:
        hp.load(path)
    assert caught.value.id == "json.syntax" and caught.value.where.endswith("p.json:1:20")


def test_invalid_utf8_in_json_gives_a_decodable_message(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_bytes(b'{"schema_version": 1, "title": "\xe5\x81"}')
    with pytest.raises(hp.ParseError) as caught:
        hp.load(path)
    assert caught.value.id == "json.syntax" and "p.json:1:" in caught.value.where
    str(caught.value).encode("utf-8")


def test_the_input_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "zeros.txt"
    path.write_bytes(b"\0" * 2048)
    before = hp.max_input_bytes()
    hp.set_max_input_bytes(1024)
    try:
        with pytest.raises(hp.ParseError) as caught:
            hp.extract_file(path)
    finally:
        hp.set_max_input_bytes(before)
    assert caught.value.id == "text.too_large"
    assert before == 64 << 20


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "doc.txt"
    os.mkfifo(fifo)
    with pytest.raises(hp.ParseError) as caught:
        hp.extract_file(fifo)
    assert caught.value.id == "io.not_a_file" and "FIFO" in str(caught.value)
