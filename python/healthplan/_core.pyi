# Hand-written stubs for the compiled module healthplan._core (model part).
# The public API is re-exported from `healthplan`; see README "The model".
from __future__ import annotations

import enum
import os
from typing import Any, ClassVar

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

class TargetKind(enum.Enum):
    level: ClassVar[TargetKind]
    change: ClassVar[TargetKind]
    rate: ClassVar[TargetKind]
    trend: ClassVar[TargetKind]
    benchmark: ClassVar[TargetKind]
    milestone: ClassVar[TargetKind]

class Comparator(enum.Enum):
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

class ChangeMode(enum.Enum):
    relative: ClassVar[ChangeMode]
    points: ClassVar[ChangeMode]
    absolute: ClassVar[ChangeMode]

class Certainty(enum.Enum):
    certain: ClassVar[Certainty]
    uncertain: ClassVar[Certainty]

class Nature(enum.Enum):
    unspecified: ClassVar[Nature]
    binding: ClassVar[Nature]
    expected: ClassVar[Nature]
    advocacy: ClassVar[Nature]

class Direction(enum.Enum):
    unknown: ClassVar[Direction]
    higher: ClassVar[Direction]
    lower: ClassVar[Direction]

class AdminLevel(enum.Enum):
    unknown: ClassVar[AdminLevel]
    national: ClassVar[AdminLevel]
    province: ClassVar[AdminLevel]
    prefecture: ClassVar[AdminLevel]
    county: ClassVar[AdminLevel]
    district: ClassVar[AdminLevel]

class PlanStatus(enum.Enum):
    unknown: ClassVar[PlanStatus]
    in_force: ClassVar[PlanStatus]
    draft: ClassVar[PlanStatus]
    expired: ClassVar[PlanStatus]

class Dimension(enum.Enum):
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

class Agency:
    as_written: str
    name: str
    def __init__(self, **kwargs: Any) -> None: ...

class Region:
    name: str
    level: AdminLevel
    province: str
    def __init__(self, **kwargs: Any) -> None: ...

class Date:
    year: int
    month: int
    day: int
    def __init__(self, **kwargs: Any) -> None: ...
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

class Reference:
    year: int | None
    label: str
    value: float | None
    mode: ChangeMode
    def __init__(self, **kwargs: Any) -> None: ...

class Baseline:
    year: int | None
    value: float
    def __init__(self, **kwargs: Any) -> None: ...

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
    section: list[str]
    span: Span | None
    def __init__(self, **kwargs: Any) -> None: ...
    def validate(self) -> None: ...

class Task:
    id: str
    number: list[str]
    title: str
    text: str
    lead: list[Agency]
    responsible: list[Agency]
    others: list[str]
    target_ids: list[str]
    span: Span | None
    def __init__(self, **kwargs: Any) -> None: ...
    def number_string(self) -> str: ...
    def validate(self) -> None: ...

class Section:
    label: str
    title: str
    span: Span | None
    children: list[Section]
    def __init__(self, **kwargs: Any) -> None: ...

class SourceInfo:
    name: str
    sha256: str
    size: int
    encoding: str
    def __init__(self, **kwargs: Any) -> None: ...

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
    # Added in Python by healthplan._model:
    def targets_frame(self) -> Any: ...
    def tasks_frame(self) -> Any: ...
    def indicators_frame(self) -> Any: ...
    def save(self, path: str | os.PathLike[str], *, indent: int = 2) -> None: ...
    def _repr_html_(self) -> str: ...

def _load_plan(path: str, strict: bool = True) -> Plan: ...
def _save_plan(plan: Plan, path: str, indent: int = 2) -> None: ...
