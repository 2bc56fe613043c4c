# Stubs of the evaluation part of healthplan._core, for the lead to append to
# python/healthplan/_core.pyi (which the foundation owns). Matches
# python/bindings/register_evaluate.cpp.
from __future__ import annotations

import enum
import os
from typing import Any, ClassVar

import numpy as np

EVALUATION_VERSION: str

class Verdict(enum.Enum):
    achieved: ClassVar[Verdict]
    achieved_early: ClassVar[Verdict]
    on_track: ClassVar[Verdict]
    off_track: ClassVar[Verdict]
    missed: ClassVar[Verdict]
    not_evaluable: ClassVar[Verdict]
    insufficient_data: ClassVar[Verdict]

class LevelMethod(enum.Enum):
    linear_extrapolation: ClassVar[LevelMethod]
    growth_ratio: ClassVar[LevelMethod]
    years_to_target: ClassVar[LevelMethod]

class TrendDefinition(enum.Enum):
    strictly_monotone: ClassVar[TrendDefinition]
    net_with_k_reversals: ClassVar[TrendDefinition]
    theil_sen_mann_kendall: ClassVar[TrendDefinition]

class UnitMismatch(enum.Enum):
    error: ClassVar[UnitMismatch]
    insufficient_data: ClassVar[UnitMismatch]

class ScoreWeights:
    achieved: float
    achieved_early: float
    on_track: float
    off_track: float
    missed: float
    def __init__(self) -> None: ...

class EvaluationPolicy:
    method: LevelMethod
    growth_on_track: float
    growth_acceleration: float
    growth_limited: float
    distance_near: float
    distance_far: float
    years_grace: int
    use_stated_baseline: bool
    window_years: int
    approx_tolerance: float
    bound_projections: bool
    binding_strict: bool
    advocacy_never_scored: bool
    min_points_probability: int
    rate_every_year: bool
    trend: TrendDefinition
    k_reversals: int
    mann_kendall_alpha: float
    pending_milestone: Verdict
    benchmark_lag: int
    benchmark_regions: list[tuple[str, str]]
    region: str
    on_unit_mismatch: UnitMismatch
    score: ScoreWeights
    def __init__(self, **fields: Any) -> None: ...
    def validate(self) -> None: ...

class TargetResult:
    plan_id: str
    target_id: str
    indicator: str
    indicator_key: str
    region: str
    year: int | None
    kind: Any  # TargetKind
    comparator: Any  # Comparator
    nature: Any  # Nature
    section: list[str]
    as_of: int
    verdict: Verdict
    category: str
    reason: str
    method: str
    method_version: str
    threshold: float
    unit: str
    baseline_year: int | None
    baseline_value: float
    latest_year: int | None
    latest_value: float
    reference_year: int | None
    reference_value: float
    points: int
    projected_value: float
    required_pace: float
    observed_pace: float
    years_to_target: float
    probability: float
    progress: float
    task_id: str
    lead: list[str]
    explanation: str

class _Observations:
    @staticmethod
    def from_columns(key: np.ndarray, key_names: list[str], region: np.ndarray | None, region_names: list[str],
                     year: np.ndarray, value: np.ndarray, unit: np.ndarray | None, unit_names: list[str],
                     source: np.ndarray | None, source_names: list[str], flags: np.ndarray | None,
                     origin: str = ..., published: np.ndarray | None = ...) -> _Observations: ...
    @staticmethod
    def from_csv(path: str | os.PathLike[str], default_region: str = ..., default_unit: str = ...) -> _Observations: ...
    @staticmethod
    def from_csv_text(text: str, name: str = ..., default_region: str = ..., default_unit: str = ...) -> _Observations: ...
    def __len__(self) -> int: ...
    @property
    def key_names(self) -> list[str]: ...
    @property
    def region_names(self) -> list[str]: ...
    @property
    def unit_names(self) -> list[str]: ...
    @property
    def max_year(self) -> int: ...
    def columns(self, limit: int | None = ...) -> dict[str, list[Any]]: ...
    def series(self, key: str, region: str = ...) -> list[tuple[int, float, str, str]]: ...

def _evaluate(plan: Any, observations: _Observations, policy: EvaluationPolicy,
              as_of: int | None = ...) -> list[TargetResult]: ...
def _scorecard(results: list[TargetResult], by: str, weights: ScoreWeights) -> list[dict[str, Any]]: ...
def _level_category_names() -> list[str]: ...
def _evaluate_level_arrays(obs_series: np.ndarray, obs_year: np.ndarray, obs_value: np.ndarray, series: np.ndarray,
                           threshold: np.ndarray, comparator: np.ndarray, year: np.ndarray,
                           baseline_year: np.ndarray | None, lower: np.ndarray | None, upper: np.ndarray | None,
                           policy: EvaluationPolicy, as_of: int, threads: int = ...) -> dict[str, np.ndarray]: ...
