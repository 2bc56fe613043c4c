"""The report's words in one language: headings, column names, verdicts, reasons, indicator names.

All of them are data (``data/strings.json``, ``data/indicators_en.json``) so a
translation is an edit of a file, not of code.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Any

LANGS = ("zh", "en")


@functools.cache
def _data(name: str) -> dict[str, Any]:
    text = (resources.files("healthplan.report") / "data" / name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


class Words:
    """The report's vocabulary in ``lang`` ("zh" or "en")."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGS:
            raise ValueError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
        self.lang = lang
        self._strings = _data("strings.json")
        self._names_en: dict[str, str] = _data("indicators_en.json")["names"]
        self._reasons = [(re.compile(r["pattern"]), r[lang]) for r in self._strings["reasons"]]

    def ui(self, key: str, **fields: object) -> str:
        text: str = self._strings["ui"][key][self.lang]
        return text.format(**fields) if fields else text

    def col(self, key: str) -> str:
        text: str = self._strings["columns"][key][self.lang]
        return text

    def verdict(self, name: str) -> str:
        entry = self._strings["verdicts"].get(name)
        return str(entry[self.lang]) if entry else name

    def kind(self, name: str) -> str:
        entry = self._strings["kinds"].get(name)
        return str(entry[self.lang]) if entry else name

    def trend(self, op: str) -> str:
        entry = self._strings["trend_ops"].get(op)
        return str(entry[self.lang]) if entry else op

    def unit(self, symbol: str) -> str:
        entry = self._strings["units"].get(symbol)
        return str(entry[self.lang]) if entry else symbol

    def op(self, symbol: str) -> str:
        """A comparator as written for readers (≥, ≤, ≈); a derived increase/decrease threshold reads ≥ / ≤."""
        return str(self._strings["comparators"].get(symbol, symbol))

    def lacking(self, reason: str) -> str:
        """What data a target lacks, from the evaluation's (English) reason."""
        for pattern, text in self._reasons:
            m = pattern.search(reason or "")
            if m:
                return str(text.format(*m.groups()))
        return reason

    def indicator(self, name: str, code: str | None) -> str:
        """The indicator's name: as written in Chinese; in English from the catalog code
        (the Chinese name is kept when no English one is known)."""
        if self.lang == "en" and code and code in self._names_en:
            return self._names_en[code]
        return name

    def glossary(self) -> list[dict[str, str]]:
        return [
            {"term": g["term"], "label": self.verdict(g["term"]), "text": g[self.lang], "source": g["source"]}
            for g in self._strings["glossary"]
        ]
