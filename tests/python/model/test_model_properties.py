"""Property tests: save → load returns an equal object for any valid plan."""

from __future__ import annotations

import pytest

import healthplan as hp

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

settings.register_profile("ci", deadline=None, max_examples=60, derandomize=True)
settings.load_profile("ci")

text = st.text(alphabet=st.sampled_from(list("健康乌海行动率水平卫生委员会市局“”《》()—%‰ abc123")), max_size=12)
finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9)
years = st.one_of(st.none(), st.integers(min_value=1949, max_value=2100))
units = st.sampled_from(["%", "‰", "1/100000", "percentage_point", "years", "张", "人", "", "万人"])
levels = st.sampled_from(
    [hp.Comparator.ge, hp.Comparator.gt, hp.Comparator.le, hp.Comparator.lt, hp.Comparator.eq, hp.Comparator.approx]
)
directions = st.sampled_from([hp.Comparator.increase, hp.Comparator.decrease])
spans = st.one_of(
    st.none(),
    # A valid span quotes exactly its bytes: the evidence is end - begin bytes long (model.span).
    st.builds(lambda b, e: hp.Span(begin=b, end=b + len(e.encode("utf-8")), evidence=e), st.integers(0, 10**7), text),
)


@st.composite
def targets(draw, i):
    kind = draw(st.sampled_from(list(hp.TargetKind.__members__.values())))
    t = hp.Target(
        id=f"t{i}",
        indicator=draw(text.filter(bool)),
        year=draw(years),
        kind=kind,
        unit=hp.Unit(draw(units)),
        unit_text=draw(text),
        soft=draw(st.booleans()),
        nature=draw(st.sampled_from(list(hp.Nature.__members__.values()))),
        certainty=draw(st.sampled_from(list(hp.Certainty.__members__.values()))),
        note=draw(text),
        section=draw(st.lists(text, max_size=3)),
        span=draw(spans),
    )
    if kind in (hp.TargetKind.level, hp.TargetKind.benchmark):
        t.comparator = draw(levels)
    elif kind == hp.TargetKind.milestone:
        t.comparator = hp.Comparator.eq
    else:
        t.comparator = draw(directions)
    if kind in (hp.TargetKind.level, hp.TargetKind.change, hp.TargetKind.rate):
        t.value = draw(finite)
    if kind == hp.TargetKind.benchmark:
        t.benchmark = "国家平均水平"
    if kind == hp.TargetKind.change or draw(st.booleans()):
        t.reference = hp.Reference(
            year=draw(years),
            label=draw(text),
            value=draw(st.one_of(st.none(), finite)),
            mode=draw(st.sampled_from(list(hp.ChangeMode.__members__.values()))),
        )
    if draw(st.booleans()):
        t.baseline = hp.Baseline(year=draw(years), value=draw(finite))
    return t


@st.composite
def plans(draw):
    n = draw(st.integers(0, 6))
    plan = hp.Plan(
        id=draw(text),
        title=draw(text),
        issuer=draw(text),
        doc_number=draw(text),
        references=draw(st.lists(text, max_size=3)),
        period_start=draw(st.one_of(st.none(), st.just(2021))),
        period_end=draw(st.one_of(st.none(), st.just(2025))),
        targets=[draw(targets(i)) for i in range(n)],
    )
    plan.validate()
    return plan


@given(plans())
def test_json_round_trip_is_lossless(plan):
    assert hp.Plan.from_json(plan.to_json()) == plan
    assert hp.Plan.from_json(plan.to_json(indent=-1)) == plan


@given(plans())
def test_targets_frame_mirrors_the_targets(plan):
    frame = plan.targets_frame()
    assert len(frame) == len(plan.targets)
    for row, t in zip(frame.itertuples(), plan.targets):
        assert row.target_id == t.id and row.kind == t.kind.name and row.op == t.comparator.symbol
        if t.value is not None:
            assert row.value == t.value
