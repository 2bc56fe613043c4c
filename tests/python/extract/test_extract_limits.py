"""The grammar's limits are named fields of ExtractLimits, bound in Python."""

from __future__ import annotations

import pathlib

import pytest

import healthplan as hp

PLAN = "某市卫生健康发展规划\n\n一、发展目标\n\n到2025年，全市居民健康素养水平不低于25%。\n"


def test_defaults_are_the_documented_limits() -> None:
    limits = hp.ExtractLimits()
    assert (limits.name_bytes, limits.carry_bytes, limits.evidence_bytes) == (165, 240, 1024)
    assert limits == hp.ExtractLimits(name_bytes=165)
    assert limits != hp.ExtractLimits(name_bytes=166)


def test_name_limit_decides_what_is_a_name() -> None:
    # 居民健康素养水平 is 24 bytes: a name of at most 12 bytes cannot hold it.
    assert [t.indicator for t in hp.extract(PLAN).targets] == ["居民健康素养水平"]
    assert hp.extract(PLAN, limits=hp.ExtractLimits(name_bytes=12)).targets == []


def test_evidence_limit_cuts_evidence_on_a_character_boundary() -> None:
    short = hp.extract(PLAN, limits=hp.ExtractLimits(evidence_bytes=10)).targets[0]
    assert short.span.evidence == "低于25%"  # 10 bytes back falls inside 不: moved on to the next character
    assert hp.extract(PLAN).targets[0].span.evidence == "居民健康素养水平不低于25%"


def test_extract_file_takes_limits(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    assert len(hp.extract_file(path).targets) == 1
    assert hp.extract_file(path, limits=hp.ExtractLimits(name_bytes=12)).targets == []


def test_unknown_field_is_refused() -> None:
    with pytest.raises(TypeError, match="name_byte"):
        hp.ExtractLimits(name_byte=10)
