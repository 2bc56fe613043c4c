# Hand-written stubs for the compiled module healthplan._core (model part).
# The public API is re-exported from `healthplan`; see README "The model".
from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, NoReturn

import numpy as np

__version__: str
SCHEMA_VERSION: int

class Error(Exception):
    id: str
    where: str
    detail: str

class ParseError(Error, ValueError): ...
class SchemaError(Error, ValueError): ...
class ValidationError(Error, ValueError): ...
class UnitError(Error, ValueError): ...
class DataError(Error, ValueError): ...

class _BoundEnum:
    """What pybind11's py::enum_ gives every bound enum (not an enum.Enum subclass)."""

    __members__: ClassVar[dict[str, Any]]
    def __init__(self, value: int) -> None: ...
    @property
    def name(self) -> str: ...
    @property
    def value(self) -> int: ...
    def __int__(self) -> int: ...
    def __index__(self) -> int: ...
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

class TargetKind(_BoundEnum):
    level: ClassVar[TargetKind]
    change: ClassVar[TargetKind]
    rate: ClassVar[TargetKind]
    trend: ClassVar[TargetKind]
    benchmark: ClassVar[TargetKind]
    milestone: ClassVar[TargetKind]

class Comparator(_BoundEnum):
    ge: ClassVar[Comparator]
    gt: ClassVar[Comparator]
    le: ClassVar[Comparator]
    lt: ClassVar[Comparator]
    eq: ClassVar[Comparator]
    approx: ClassVar[Comparator]
    increase: ClassVar[Comparator]
    decrease: ClassVar[Comparator]
    @property
    def symbol(self) -> str: ...

class ChangeMode(_BoundEnum):
    relative: ClassVar[ChangeMode]
    points: ClassVar[ChangeMode]
    absolute: ClassVar[ChangeMode]

class Certainty(_BoundEnum):
    certain: ClassVar[Certainty]
    uncertain: ClassVar[Certainty]

class Nature(_BoundEnum):
    unspecified: ClassVar[Nature]
    binding: ClassVar[Nature]
    expected: ClassVar[Nature]
    advocacy: ClassVar[Nature]

class Direction(_BoundEnum):
    unknown: ClassVar[Direction]
    higher: ClassVar[Direction]
    lower: ClassVar[Direction]

class AdminLevel(_BoundEnum):
    unknown: ClassVar[AdminLevel]
    national: ClassVar[AdminLevel]
    province: ClassVar[AdminLevel]
    prefecture: ClassVar[AdminLevel]
    county: ClassVar[AdminLevel]
    district: ClassVar[AdminLevel]

class PlanStatus(_BoundEnum):
    unknown: ClassVar[PlanStatus]
    in_force: ClassVar[PlanStatus]
    draft: ClassVar[PlanStatus]
    expired: ClassVar[PlanStatus]

class Dimension(_BoundEnum):
    none: ClassVar[Dimension]
    ratio: ClassVar[Dimension]
    ratio_difference: ClassVar[Dimension]
    duration: ClassVar[Dimension]
    count: ClassVar[Dimension]

class Unit:
    def __init__(self, text: str = "") -> None: ...
    @staticmethod
    def parse(text: str) -> Unit: ...
    @property
    def symbol(self) -> str: ...
    @property
    def dimension(self) -> Dimension: ...
    @property
    def noun(self) -> str: ...
    def compatible_with(self, other: Unit) -> bool: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

def convert(value: float, from_unit: Unit | str, to_unit: Unit | str) -> float: ...
def find_invalid_utf8(data: bytes) -> int | None: ...

class Span:
    begin: int
    end: int
    evidence: str
    def __init__(self, **kwargs: Any) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> Span: ...
    def __deepcopy__(self, memo: dict[int, object]) -> Span: ...

class Agency:
    as_written: str
    name: str
    def __init__(self, **kwargs: Any) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> Agency: ...
    def __deepcopy__(self, memo: dict[int, object]) -> Agency: ...

class Region:
    name: str
    level: AdminLevel
    province: str
    def __init__(self, **kwargs: Any) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> Region: ...
    def __deepcopy__(self, memo: dict[int, object]) -> Region: ...

class Date:
    year: int
    month: int
    day: int
    def __init__(self, **kwargs: Any) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> Date: ...
    def __deepcopy__(self, memo: dict[int, object]) -> Date: ...
    @staticmethod
    def parse(iso: str) -> Date: ...
    def iso(self) -> str: ...

class Indicator:
    id: str
    name: str
    unit: Unit
    category: str
    direction: Direction
    nature: Nature
    code: str
    span: Span | None
    def __init__(self, **kwargs: Any) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> Indicator: ...
    def __deepcopy__(self, memo: dict[int, object]) -> Indicator: ...

class Reference:
    year: int | None
    label: str
    value: float | None
    mode: ChangeMode
    def __init__(self, **kwargs: Any) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> Reference: ...
    def __deepcopy__(self, memo: dict[int, object]) -> Reference: ...

class Baseline:
    year: int | None
    value: float
    def __init__(self, **kwargs: Any) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> Baseline: ...
    def __deepcopy__(self, memo: dict[int, object]) -> Baseline: ...

class Target:
    id: str
    indicator_id: str
    indicator: str
    year: int | None
    kind: TargetKind
    comparator: Comparator
    value: float | None
    unit: Unit
    unit_text: str
    reference: Reference | None
    baseline: Baseline | None
    nature: Nature
    soft: bool
    benchmark: str
    certainty: Certainty
    note: str
    task_id: str
    lead: list[Agency]
    responsible: list[Agency]
    section: list[str]
    span: Span | None
    def __init__(self, **kwargs: Any) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> Target: ...
    def __deepcopy__(self, memo: dict[int, object]) -> Target: ...
    def validate(self) -> None: ...

class Task:
    id: str
    number: list[str]
    title: str
    text: str  # the span's evidence unless the task has a body of its own (set after the span)
    lead: list[Agency]
    responsible: list[Agency]
    others: list[str]
    certainty: Certainty
    target_ids: list[str]
    span: Span | None
    def __init__(self, **kwargs: Any) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> Task: ...
    def __deepcopy__(self, memo: dict[int, object]) -> Task: ...
    def number_string(self) -> str: ...
    def validate(self) -> None: ...

class Section:
    label: str
    title: str
    span: Span | None
    children: list[Section]
    def __init__(self, **kwargs: Any) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> Section: ...
    def __deepcopy__(self, memo: dict[int, object]) -> Section: ...

class SourceInfo:
    name: str
    sha256: str
    size: int
    encoding: str
    format: str
    text: str
    def __init__(self, **kwargs: Any) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> SourceInfo: ...
    def __deepcopy__(self, memo: dict[int, object]) -> SourceInfo: ...

class Plan:
    id: str
    title: str
    issuer: str
    doc_number: str
    region: Region
    issue_date: Date | None
    publication_date: Date | None
    period_start: int | None
    period_end: int | None
    status: PlanStatus
    references: list[str]
    sections: list[Section]
    indicators: list[Indicator]
    targets: list[Target]
    tasks: list[Task]
    source: SourceInfo
    def __init__(self, **kwargs: Any) -> None: ...
    def validate(self) -> None: ...
    def find_indicator(self, id: str) -> Indicator | None: ...
    def find_target(self, id: str) -> Target | None: ...
    def find_task(self, id: str) -> Task | None: ...
    def to_json(self, indent: int = 2) -> str: ...
    @staticmethod
    def from_json(text: str, strict: bool = True) -> Plan: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> Plan: ...
    def __deepcopy__(self, memo: dict[int, object]) -> Plan: ...

def _load_plan(path: str | os.PathLike[str], strict: bool = True) -> Plan: ...
def _save_plan(plan: Plan, path: str | os.PathLike[str], indent: int = 2) -> None: ...

# ---- evaluation (python/bindings/register_evaluate.cpp) ----

EVALUATION_VERSION: str

class Verdict(_BoundEnum):
    achieved: ClassVar[Verdict]
    achieved_early: ClassVar[Verdict]
    on_track: ClassVar[Verdict]
    off_track: ClassVar[Verdict]
    missed: ClassVar[Verdict]
    not_evaluable: ClassVar[Verdict]
    insufficient_data: ClassVar[Verdict]

class LevelMethod(_BoundEnum):
    linear_extrapolation: ClassVar[LevelMethod]
    growth_ratio: ClassVar[LevelMethod]
    years_to_target: ClassVar[LevelMethod]
    statcan: ClassVar[LevelMethod]

class TrendDefinition(_BoundEnum):
    strictly_monotone: ClassVar[TrendDefinition]
    net_with_k_reversals: ClassVar[TrendDefinition]
    theil_sen_mann_kendall: ClassVar[TrendDefinition]

class UnitMismatch(_BoundEnum):
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
    indicator_directions: list[tuple[str, Direction]]
    stale_years: int
    def __init__(self, **fields: Any) -> None: ...
    def validate(self) -> None: ...
    def __copy__(self) -> EvaluationPolicy: ...
    def __deepcopy__(self, memo: dict[int, object]) -> EvaluationPolicy: ...

class TargetResult:
    plan_id: str
    target_id: str
    indicator: str
    indicator_key: str
    region: str
    year: int | None
    kind: TargetKind
    comparator: Comparator
    nature: Nature
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
    score: float
    stale: bool
    task_id: str
    lead: list[str]
    explanation: str

class _Observations:
    @staticmethod
    def from_columns(
        key: np.ndarray,
        key_names: list[str],
        region: np.ndarray | None,
        region_names: list[str],
        year: np.ndarray,
        value: np.ndarray,
        unit: np.ndarray | None,
        unit_names: list[str],
        source: np.ndarray | None,
        source_names: list[str],
        flags: np.ndarray | None,
        origin: str = ...,
        published: np.ndarray | None = ...,
    ) -> _Observations: ...
    @staticmethod
    def from_csv(path: str | os.PathLike[str], default_region: str = ..., default_unit: str = ...) -> _Observations: ...
    @staticmethod
    def from_csv_text(
        text: str, name: str = ..., default_region: str = ..., default_unit: str = ...
    ) -> _Observations: ...
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

def _evaluate(
    plan: Plan, observations: _Observations, policy: EvaluationPolicy, as_of: int | None = ...
) -> list[TargetResult]: ...

# Column name → numpy array; optional years as (values, valid); texts as
# ("codes", int32 codes, names) or ("utf8", int64 offsets, uint8 UTF-8 bytes);
# with utf8=True every text column as "utf8".
def _evaluate_table(
    plans: list[Plan],
    observations: _Observations,
    policy: EvaluationPolicy,
    as_of: int | None = ...,
    threads: int = ...,
    utf8: bool = ...,
) -> dict[str, Any]: ...

# One dict per group: "group" (str), a count per verdict name, "targets" and "scored" (int), "score" (float).
def _scorecard(results: list[TargetResult], by: str, weights: ScoreWeights) -> list[dict[str, str | int | float]]: ...
def _level_category_names() -> list[str]: ...
def _bulk_reason_texts() -> list[str]: ...
def _evaluate_columns(
    obs_series: np.ndarray,
    obs_year: np.ndarray,
    obs_value: np.ndarray,
    targets: dict[str, np.ndarray],
    policy: EvaluationPolicy,
    as_of: int,
    threads: int = ...,
) -> dict[str, np.ndarray]: ...

# --- compare area (python/bindings/register_compare.cpp) ---
class MatchReason(_BoundEnum):
    none: ClassVar[MatchReason]
    exact: ClassVar[MatchReason]
    alias: ClassVar[MatchReason]
    normalized: ClassVar[MatchReason]
    fuzzy: ClassVar[MatchReason]

class Stringency(_BoundEnum):
    stricter: ClassVar[Stringency]
    equal: ClassVar[Stringency]
    looser: ClassVar[Stringency]
    not_comparable: ClassVar[Stringency]

class CatalogTarget:
    year: int
    kind: TargetKind
    comparator: Comparator | None
    value: float | None
    unit: Unit
    text: str
    source: str
    note: str

class CatalogBaseline:
    year: int | None
    value: float
    text: str
    source: str

class CatalogEntry:
    code: str
    name: str
    action_no: int
    action: str
    unit: Unit
    direction: Direction
    nature: Nature
    aliases: list[str]
    baseline: CatalogBaseline | None
    targets: list[CatalogTarget]
    source: str
    note: str
    def target_for(self, year: int) -> CatalogTarget | None: ...

class CatalogSource:
    id: str
    url: str
    title: str

class IndicatorMatch:
    name: str
    code: str
    confidence: float
    reason: MatchReason
    matched: str
    detail: str
    def __bool__(self) -> bool: ...

class Catalog:
    def __init__(self) -> None: ...
    @staticmethod
    def from_json(text: str, source_name: str = "catalog") -> Catalog: ...
    @staticmethod
    def load(path: str | os.PathLike[str]) -> Catalog: ...
    def merge(self, other: Catalog) -> None: ...
    def add_alias(self, code: str, alias: str) -> None: ...
    @property
    def entries(self) -> list[CatalogEntry]: ...
    @property
    def sources(self) -> list[CatalogSource]: ...
    @property
    def name(self) -> str: ...
    def find(self, code: str) -> CatalogEntry | None: ...
    def find_source(self, id: str) -> CatalogSource | None: ...
    def match(self, name: str, *, fuzzy_threshold: float = 0.7, fuzzy: bool = True) -> IndicatorMatch: ...
    def __len__(self) -> int: ...
    def __contains__(self, code: str) -> bool: ...
    def __copy__(self) -> Catalog: ...
    def __deepcopy__(self, memo: dict[int, object]) -> Catalog: ...

def normalize_indicator_name(name: str) -> str: ...
def bigram_dice(a: str, b: str) -> float: ...
def indicator_qualifiers(name: str) -> list[str]: ...

class NationalBasis(_BoundEnum):
    none: ClassVar[NationalBasis]
    national_target: ClassVar[NationalBasis]
    interpolated: ClassVar[NationalBasis]

class NationalReference:
    @property
    def basis(self) -> NationalBasis: ...
    @property
    def year(self) -> int: ...
    @property
    def kind(self) -> TargetKind: ...
    @property
    def comparator(self) -> Comparator | None: ...
    @property
    def value(self) -> float | None: ...
    @property
    def unit(self) -> Unit: ...
    @property
    def from_year(self) -> int: ...
    @property
    def to_year(self) -> int: ...
    @property
    def from_value(self) -> float: ...
    @property
    def to_value(self) -> float: ...
    @property
    def from_baseline(self) -> bool: ...
    @property
    def text(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def reason(self) -> str: ...
    @property
    def label(self) -> str: ...

def national_reference(entry: CatalogEntry, year: int, interpolate: bool = True) -> NationalReference: ...

class StringencyResult:
    @property
    def verdict(self) -> Stringency: ...
    @property
    def plan_value(self) -> float | None: ...
    @property
    def national_value(self) -> float | None: ...
    @property
    def unit(self) -> Unit: ...
    @property
    def margin(self) -> float | None: ...
    @property
    def relative_margin(self) -> float | None: ...
    @property
    def reason(self) -> str: ...
    @property
    def reference(self) -> NationalReference: ...

def stringency(
    target: Target, entry: CatalogEntry, year: int | None = None, *, interpolate: bool = True
) -> StringencyResult: ...

class DepartmentKind:
    id: str
    label: str
    label_zh: str

class NormalizedAgency:
    as_written: str
    place: str
    level: str
    core: str
    kind: str
    canonical: str

def normalize_agency(name: str, places: list[str] = ...) -> NormalizedAgency: ...
def department_kinds() -> list[DepartmentKind]: ...
def department_kind(id: str) -> DepartmentKind: ...

# --- extract area (python/bindings/register_extract.cpp) ---
class ExtractLimits:
    name_bytes: int
    carry_bytes: int
    evidence_bytes: int
    place_bytes: int
    establishment_bytes: int
    part_bytes: int
    whole_bytes: int
    benchmark_list_bytes: int
    share_noun_bytes: int
    def __init__(self, **fields: int) -> None: ...
    def __eq__(self, other: object) -> bool: ...

def extract(
    text: str, name: str = "", format: str = "text", encoding: str = "", limits: ExtractLimits = ...
) -> Plan: ...
def sniff_format(data: bytes) -> str: ...
def reject_format(format: str, where: str) -> NoReturn: ...
def decode_text(data: bytes, encoding: str = "", source: str = "") -> tuple[str, str]: ...
def extract_file(path: str | os.PathLike[str], encoding: str = "", limits: ExtractLimits = ...) -> Plan: ...
def extract_many(
    paths: Sequence[str | os.PathLike[str]], threads: int = 0, progress: Callable[[int, int], object] | None = None
) -> list[Plan]: ...
def statcan_progress(
    base_value: float,
    base_year: float,
    current_value: float,
    current_year: float,
    target: float | None = ...,
    target_year: float = ...,
    direction: int = ...,
    limit: float | None = ...,
) -> Any: ...
def statcan_indicator(scores: list[float], target_achieved: list[bool]) -> tuple[float, str]: ...

# files (register_files.cpp)
def _write_file_atomic(path: str, data: bytes, inputs: list[str] = ...) -> None: ...
def _read_file(path: str) -> bytes: ...
def max_input_bytes() -> int: ...
def set_max_input_bytes(limit: int) -> None: ...
