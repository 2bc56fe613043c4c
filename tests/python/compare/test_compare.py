"""compare(): catalog matching, stringency signs, coverage, responsibility, timelines, CLI."""

from __future__ import annotations

import json
import math
import subprocess

import pytest

import healthplan as hp


def _plan(pid: str, place: str, targets: list[tuple[str, int, str, float, str]], tasks=()):
    """A hand-built plan: targets are (indicator, year, op, value, unit)."""
    indicators, built = [], []
    for i, (name, year, op, value, unit) in enumerate(targets):
        iid = f"i{i}"
        indicators.append(hp.Indicator(id=iid, name=name, unit=hp.Unit.parse(unit)))
        built.append(
            hp.Target(
                id=f"t{i}",
                indicator_id=iid,
                indicator=name,
                year=year,
                kind=hp.TargetKind.level,
                comparator=_OPS[op],
                value=value,
                unit=hp.Unit.parse(unit),
                unit_text=unit,
            )
        )
    plan = hp.Plan(id=pid, title=f"健康{place}行动", region=hp.Region(name=place, level=hp.AdminLevel.prefecture))
    plan.indicators = indicators
    plan.targets = built
    plan.tasks = [
        hp.Task(
            id=f"k{j}",
            number=[str(j + 1)],
            title="任务",
            lead=[hp.Agency(as_written=a, name=a) for a in lead],
            responsible=[hp.Agency(as_written=a, name=a) for a in resp],
        )
        for j, (lead, resp) in enumerate(tasks)
    ]
    plan.validate()
    return plan


_OPS = {">=": hp.Comparator.ge, ">": hp.Comparator.gt, "<=": hp.Comparator.le, "<": hp.Comparator.lt}


@pytest.fixture()
def two_plans():
    a = _plan(
        "a",
        "甲市",
        [
            ("居民健康素养水平", 2030, ">=", 35, "%"),
            ("婴儿死亡率", 2030, "<=", 4.5, "‰"),
            ("成人吸烟率", 2030, "<", 22, "%"),
        ],
        tasks=[(["市卫生健康委员会"], ["市教育局", "市体育局"]), (["市卫健委"], ["市教育局"])],
    )
    b = _plan(
        "b",
        "乙区",
        [
            ("全区居民健康素养水平(%)", 2030, ">=", 28, "%"),
            ("婴儿死亡率", 2030, "<=", 0.6, "%"),
            ("15岁以上人群吸烟率", 2030, "<", 20, "%"),
            ("肺结核发病率", 2030, "<", 40, "1/100000"),
        ],
        tasks=[(["区教育局"], ["区卫生健康委员会"])],
    )
    return a, b


def test_required_matcher_pairs():
    cat = hp.default_catalog()
    assert cat.match("15岁以上人群吸烟率").code == cat.match("成人吸烟率").code != ""
    assert cat.match("婴儿死亡率").code != cat.match("5岁以下儿童死亡率").code
    assert cat.match("婴儿死亡率").code and cat.match("5岁以下儿童死亡率").code
    assert not hp.default_catalog().match("新生儿死亡率")


def test_stringency_signs_respect_direction(two_plans):
    c = hp.compare(two_plans)
    t = c.targets.set_index(["plan_id", "code"])
    # higher is better: 35 ≥ 30 is stricter, 28 looser
    assert t.loc[("a", "HC01-01"), "verdict"] == "stricter"
    assert t.loc[("a", "HC01-01"), "margin"] == pytest.approx(5)
    assert t.loc[("b", "HC01-01"), "verdict"] == "looser"
    assert t.loc[("b", "HC01-01"), "margin"] == pytest.approx(-2)
    # lower is better, and 0.6% is converted to 6‰ before comparing with 5‰
    assert t.loc[("a", "HC07-01"), "verdict"] == "stricter"
    assert t.loc[("a", "HC07-01"), "margin"] == pytest.approx(0.5)
    assert t.loc[("b", "HC07-01"), "value"] == pytest.approx(6)
    assert t.loc[("b", "HC07-01"), "unit"] == "‰"
    assert t.loc[("b", "HC07-01"), "verdict"] == "looser"
    assert t.loc[("a", "HC04-01"), "verdict"] == "looser"
    assert t.loc[("b", "HC04-01"), "verdict"] == "equal"
    assert t.loc[("b", "HC01-01"), "match"] == "normalized"


def test_interpolated_national_path_hand_computed():
    # 健康素养 2022 ≥22, 2030 ≥30 → 2025: 25; 婴儿死亡率 2022 7.5‰, 2030 5‰ → 2025: 6.5625‰;
    # 孕产妇死亡率 2022 18, 2030 12 /10万 → 2026: 15; 2035 lies beyond the last national year.
    p = _plan(
        "p",
        "丁市",
        [
            ("居民健康素养水平", 2025, ">=", 25, "%"),
            ("婴儿死亡率", 2025, "<", 5, "‰"),
            ("孕产妇死亡率", 2026, "<=", 16, "1/100000"),
            ("居民健康素养水平", 2035, ">=", 40, "%"),
        ],
    )
    c = hp.compare([p])
    t = c.targets.set_index(["code", "year"])
    lit = t.loc[("HC01-01", 2025)]
    assert lit["national_value"] == pytest.approx(25)
    assert (lit["verdict"], lit["margin"], lit["basis"]) == ("equal", 0, "interpolated(2022–2030)")
    assert "not a stated national target" in lit["national_text"]
    inf = t.loc[("HC07-01", 2025)]
    assert inf["verdict"] == "stricter" and inf["margin"] == pytest.approx(6.5625 - 5)
    mat = t.loc[("HC07-03", 2026)]
    assert mat["national_value"] == pytest.approx(15)
    assert mat["verdict"] == "looser" and mat["margin"] == pytest.approx(-1)
    late = t.loc[("HC01-01", 2035)]
    assert late["verdict"] == "not_comparable" and late["basis"] == ""
    assert "not extrapolated" in late["reason"] and math.isnan(late["national_value"])
    s = c.summary().iloc[0]
    assert (s["stricter"], s["equal"], s["looser"], s["not_comparable"], s["interpolated"]) == (1, 1, 1, 1, 3)
    assert (
        c.targets_wide(2025).loc[("HC01-01", "居民健康素养水平", 2025, "%"), "national_basis"]
        == "interpolated(2022–2030)"
    )
    # Switched off, only same-year targets compare.
    off = hp.compare([p], interpolate=False)
    assert set(off.targets["verdict"]) == {"not_comparable"} and set(off.targets["basis"]) == {""}
    ref = hp.national_reference(hp.default_catalog().find("HC01-01"), 2025)
    assert ref.basis == hp.NationalBasis.interpolated and ref.value == pytest.approx(25)
    assert ref.label == "interpolated(2022–2030)"


def test_bundled_hohhot_2025_targets_compare_with_the_interpolated_path():
    from healthplan import datasets

    path = next(p for p in datasets.seed_paths() if p.name.startswith("004_"))
    c = hp.compare([hp.extract_file(path)])
    t = c.targets[c.targets["year"] == 2025]
    judged = t[t["verdict"] != "not_comparable"]
    # 人均预期寿命, 居民健康素养水平, 15岁以上人群吸烟率, 婴儿死亡率, 孕产妇死亡率, 二级以上综合性医院设老年医学科比例
    assert len(judged) >= 5
    assert set(judged["basis"]) == {"interpolated(2022–2030)"}
    by_code = judged.set_index("code")
    assert by_code.loc["HC01-01", "verdict"] == "equal"  # ≥25% on the line 22 → 30
    assert by_code.loc["HC04-01", "verdict"] == "stricter"  # ≤20% vs 24.5 − 4.5 × 3/8 = 22.8125
    assert by_code.loc["HC04-01", "margin"] == pytest.approx(2.8125)
    # Indicators with only a 2030 national target stay not comparable, with the reason.
    lone = t[t["code"] == "HC07-02"]
    if len(lone):
        assert lone["verdict"].iloc[0] == "not_comparable" and "not extrapolated" in lone["reason"].iloc[0]
    assert c.summary()["interpolated"].iloc[0] == len(judged)


def test_coverage_unmatched_timelines(two_plans):
    c = hp.compare(two_plans)
    cov = c.coverage.set_index("code")
    assert bool(cov.loc["HC07-01", "甲市"]) and bool(cov.loc["HC07-01", "乙区"])
    assert not bool(cov.loc["HC12-01", "甲市"])
    assert cov.loc["HC04-01", "n_plans"] == 2
    assert list(c.unmatched["indicator"]) == ["肺结核发病率"]
    assert c.unmatched["detail"].iloc[0]
    tl = c.timelines.set_index("plan_id")
    assert tl.loc["a", "target_years"] == "2030"
    assert tl.loc["b", "n_targets"] == 4 and tl.loc["b", "n_matched_targets"] == 3
    s = c.summary().set_index("plan_id")
    assert s.loc["a", "stricter"] == 2 and s.loc["a", "looser"] == 1
    wide = c.targets_wide(2030)
    assert wide.loc[("HC07-01", "婴儿死亡率", 2030, "‰"), "national"] == pytest.approx(5)
    assert list(wide.columns) == ["national", "national_basis", "甲市", "乙区"]
    assert wide.loc[("HC07-01", "婴儿死亡率", 2030, "‰"), "national_basis"] == "national_target"
    assert set(c.targets["basis"]) == {"national_target"}
    assert c.stringency_matrix().loc[("HC04-01", "15岁以上人群吸烟率", 2030), "乙区"] == "equal"


def test_responsibility_by_department_kind(two_plans):
    c = hp.compare(two_plans)
    r = c.responsibility.set_index(["plan_id", "kind"])
    assert r.loc[("a", "health"), "led"] == 2  # 市卫生健康委员会 and 市卫健委 are one kind
    assert r.loc[("a", "education"), "co_responsible"] == 2
    assert r.loc[("b", "education"), "led"] == 1
    assert r.loc[("b", "health"), "co_responsible"] == 1
    assert "市卫生健康委员会" in r.loc[("a", "health"), "units"]
    m = c.responsibility_matrix("led")
    assert m.loc[("health", "卫生健康"), "甲市"] == 2
    with pytest.raises(ValueError):
        c.responsibility_matrix("boss")


def test_repr_html_is_capped():
    many = [("居民健康素养水平", 2000 + i, ">=", 20 + i, "%") for i in range(40)]
    c = hp.compare([_plan("x", "丙市", many)])
    html = c._repr_html_()
    assert "more rows" in html
    assert html.count("<tr") < 60
    assert "Comparison" in repr(c)


def test_example_plan_compares(example_plan):
    c = hp.compare([example_plan])
    assert len(c.targets) > 0
    assert set(c.targets["verdict"]) <= {"stricter", "equal", "looser", "not_comparable"}
    sport = c.targets[(c.targets["code"] == "HC03-02") & (c.targets["year"] == 2030)].iloc[0]
    assert sport["verdict"] == "stricter"
    assert json.dumps(c.to_dict(), ensure_ascii=False)


def test_catalog_extension_and_errors(tmp_path, two_plans):
    extra = tmp_path / "extra.json"
    extra.write_text(
        json.dumps(
            {
                "aliases": {"HC07-01": ["婴儿死亡率(新口径)"]},
                "indicators": [
                    {
                        "code": "TB01",
                        "name": "肺结核发病率",
                        "unit": "1/100000",
                        "direction": "lower",
                        "targets": [{"year": 2030, "op": "<", "value": 45}],
                    }
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    c = hp.compare(two_plans, catalog=extra)
    assert c.unmatched.empty
    row = c.targets[c.targets["code"] == "TB01"].iloc[0]
    assert row["verdict"] == "stricter"
    assert hp.compare(two_plans, catalog={"HC04-01": ["控烟指标"]}).catalog.match("控烟指标").code == "HC04-01"
    bad = tmp_path / "bad.json"
    bad.write_text('{"indicators": [{"code": "X", "name": "y", "unit": "furlong"}]}', encoding="utf-8")
    with pytest.raises(hp.UnitError, match="bad.json:/indicators/0/unit"):
        hp.load_catalog(bad)
    with pytest.raises(hp.ValidationError):
        hp.load_catalog(aliases={"NOPE": ["x"]})
    with pytest.raises(ValueError, match="unique"):
        hp.compare([two_plans[0], two_plans[0]])
    with pytest.raises(ValueError, match="at least one"):
        hp.compare([])
    with pytest.raises(TypeError, match=r"plans\[1\]"):
        hp.compare([two_plans[0], 42])
    with pytest.raises(TypeError):
        hp.compare(two_plans, catalog=3.5)


def test_national_plan_is_valid_and_sourced():
    plan = hp.national_plan()
    plan.validate()
    assert plan.region.level == hp.AdminLevel.national
    codes = {i.code for i in plan.indicators}
    assert {"HC07-01", "HC04-01", "HC00-01"} <= codes
    infant = next(t for t in plan.targets if t.indicator_id == "HC07-01" and t.year == 2030)
    assert infant.value == 5 and infant.comparator == hp.Comparator.le and infant.unit.symbol == "‰"


def test_agency_normalisation_from_python():
    a = hp.normalize_agency("市卫健委")
    assert a.kind == "health" and a.canonical == "市卫生健康委员会"
    assert hp.normalize_agency("克拉玛依区卫生健康委员会").level == "区"
    assert [k.id for k in hp.department_kinds()][:2] == ["health", "health_institution"]


def test_with_codes_sets_indicator_codes(example_plan):
    coded = hp.with_codes(example_plan)
    codes = {i.name: i.code for i in coded.indicators}
    assert codes["居民健康素养水平"] == "HC01-01"
    unknown = [i for i in coded.indicators if not i.code]
    assert {i.name for i in unknown} == set(hp.compare([example_plan]).unmatched["indicator"])


@pytest.mark.parametrize("fmt", ["csv", "json", "md"])
def test_cli_compare_formats(healthplan_cli, example_plan_path, fmt):
    table = ["--table", "targets"] if fmt == "csv" else []
    out = subprocess.run(
        [*healthplan_cli, "compare", str(example_plan_path), "--format", fmt, *table],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    ).stdout
    if fmt == "json":
        data = json.loads(out)
        assert set(data) == {"summary", "targets", "coverage", "responsibility", "timelines", "unmatched"}
        assert any(r["verdict"] == "stricter" for r in data["targets"])
    elif fmt == "md":
        assert "## targets" in out and "| code |" in out
    else:  # one table, no comment line: any CSV reader parses it
        import io

        import pandas as pd

        frame = pd.read_csv(io.StringIO(out))
        assert "verdict" in frame.columns and not out.startswith("#")


def test_cli_compare_csv_needs_one_table(healthplan_cli, example_plan_path):
    r = subprocess.run(
        [*healthplan_cli, "compare", str(example_plan_path), "--format", "csv"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert r.returncode == 2 and "--table" in r.stderr and "Traceback" not in r.stderr


def test_comparison_to_excel_and_parquet(tmp_path, example_plan_path):
    pytest.importorskip("openpyxl")
    pytest.importorskip("pyarrow")
    import pandas as pd

    cmp = hp.compare([example_plan_path])
    cmp.to_excel(tmp_path / "c.xlsx")
    sheets = pd.read_excel(tmp_path / "c.xlsx", sheet_name=None)
    assert set(sheets) == set(cmp.frames()) and len(sheets["targets"]) == len(cmp.targets)
    hp.write_frames({"targets": cmp.targets}, tmp_path / "t.parquet")
    assert len(pd.read_parquet(tmp_path / "t.parquet")) == len(cmp.targets)
    with pytest.raises(ValueError, match="one table"):
        hp.write_frames(cmp.frames(), tmp_path / "all.parquet")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.xlsx", "t.parquet"]  # no temporary left


def test_cli_compare_basis_column_and_no_interpolate(healthplan_cli, tmp_path):
    plan = _plan("p", "丁市", [("居民健康素养水平", 2025, ">=", 26, "%"), ("居民健康素养水平", 2030, ">=", 30, "%")])
    path = tmp_path / "p.json"
    plan.save(str(path))
    rows = {}
    for flag in ([], ["--no-interpolate"]):
        out = subprocess.run(
            [*healthplan_cli, "compare", str(path), "--table", "targets", "--format", "json", *flag],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        ).stdout
        rows[bool(flag)] = {r["year"]: r for r in json.loads(out)["targets"]}
    assert rows[False][2025]["basis"] == "interpolated(2022–2030)" and rows[False][2025]["verdict"] == "stricter"
    assert rows[False][2025]["margin"] == pytest.approx(1)
    assert rows[True][2025]["verdict"] == "not_comparable" and rows[True][2025]["basis"] == ""
    assert rows[True][2030]["basis"] == "national_target" and rows[True][2030]["verdict"] == "equal"


def test_cli_compare_bad_input(healthplan_cli, tmp_path):
    bad = tmp_path / "plan.pdf"
    bad.write_bytes(b"%PDF-1.4 cut off")  # a PDF by its content, but broken
    r = subprocess.run([*healthplan_cli, "compare", str(bad)], capture_output=True, text=True, encoding="utf-8")
    assert r.returncode != 0
    assert "plan.pdf" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run(
        [*healthplan_cli, "compare", str(tmp_path / "missing.json")], capture_output=True, text=True, encoding="utf-8"
    )
    assert r.returncode != 0 and "missing.json" in r.stderr


def test_cli_compare_extracts_text_documents(healthplan_cli, tmp_path):
    from healthplan import datasets

    seeds = datasets.seed_paths()
    out = tmp_path / "summary.csv"
    r = subprocess.run(
        [
            *healthplan_cli,
            "compare",
            str(seeds[0]),
            str(seeds[2]),
            "--table",
            "summary",
            "--format",
            "csv",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert r.returncode == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    assert "乌海市" in text and "克拉玛依区" in text
    # a folder stands for the documents in it
    r = subprocess.run(
        [*healthplan_cli, "compare", str(seeds[0].parent), "--table", "timelines", "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert len(json.loads(r.stdout)["timelines"]) == len(seeds)


def test_codes_set_on_the_plan_are_kept(two_plans):
    a, _ = two_plans
    inds = list(a.indicators)
    inds[2].code = "HC00-02"  # deliberately unlike its name (成人吸烟率): the plan's own code wins
    a.indicators = inds
    c = hp.compare([a])
    row = c.matches.set_index("indicator").loc["成人吸烟率"]
    assert row["code"] == "HC00-02" and row["match"] == "given"
    inds[2].code = "XX-99"  # unknown: falls back to the matcher and says so
    a.indicators = inds
    row = hp.compare([a]).matches.set_index("indicator").loc["成人吸烟率"]
    assert row["code"] == "HC04-01" and "XX-99" in row["detail"]
