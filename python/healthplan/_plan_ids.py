"""Readable plan ids: ``乌海市-健康乌海行动工作推进方案-2021`` instead of a file hash.

A plan extracted from a document used to be named after its file (``001_dc7dbc1ebc41427e``),
which says nothing in a frame's ``plan_id`` column, a CLI line or a report anchor. The id is
now made from what the document says about itself: place, short title and year. It is

- readable by the people the plans are for, in the documents' own words (no pinyin: a
  transliteration would need a dictionary, be ambiguous for polyphonic place names, and be
  harder to read for a Chinese analyst than the name itself);
- deterministic: the same document gives the same id, whatever its file name or position;
- unique within a batch (a repeated id gets ``-2``, ``-3`` … in input order);
- safe as a JSON-pointer token and a file name on every common system: letters (CJK
  included), digits, ``-``, ``_`` and ``.`` only, no leading dot, at most 60 characters
  (180 bytes of UTF-8, under the usual 255-byte name limit).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .model import Plan

#: The wrapper of an issuing notice around the plan's own title (关于印发《…》的通知); a title
#: such as 关于推进…的实施意见 is the document's own and stays whole.
_NOTICE = re.compile(r"^(?:关于)?(?:印发|转发|发布)《?(.+?)》?的?通知$")
_QUOTES = re.compile(r"[“”\"'‘’《》〈〉「」『』]")  # dropped: 十四五, not -十四五-
_UNSAFE = re.compile(r"[^\w.-]+")  # \w is Unicode-aware: CJK letters and digits stay
_TITLE_CHARS = 32
_MAX_CHARS = 60


def readable_id(plan: Plan, fallback: str = "") -> str:
    """``<place>-<short title>-<year>`` for ``plan``; parts the document does not give are left out.

    ``fallback`` (the previous id, e.g. the file stem) is used when neither place nor
    title is known.
    """
    place = plan.region.name
    title = _short_title(plan.title, place)
    if not place and not title:
        return _safe(fallback) or "plan"
    parts = [place, title, str(_year(plan) or "")]
    return _safe("-".join(p for p in parts if p))[:_MAX_CHARS].rstrip("-.")


def assign_readable_ids(plans: Sequence[Plan], taken: Sequence[str] = ()) -> None:
    """Gives every plan in ``plans`` its readable id, unique within the batch and
    distinct from ``taken`` (ids of other plans of the same batch, kept as they are)."""
    used = set(taken)
    for plan in plans:
        base = readable_id(plan, fallback=plan.id)
        candidate, n = base, 1
        while candidate in used:
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate)
        plan.id = candidate


def _short_title(title: str, place: str) -> str:
    core = _QUOTES.sub("", title.strip()) if not _NOTICE.match(title.strip()) else title.strip()
    m = _NOTICE.match(core)
    if m:
        core = _QUOTES.sub("", m.group(1))
    if place and core.startswith(place):
        core = core[len(place) :]
    return _safe(core)[:_TITLE_CHARS].rstrip("-.")


def _year(plan: Plan) -> int | None:
    for date in (plan.issue_date, plan.publication_date):
        if date is not None and date.year:
            return int(date.year)
    return plan.period_start


def _safe(text: str) -> str:
    return _UNSAFE.sub("-", text).strip("-.")
