"""The labels Word prints before numbered paragraphs ("一、", "（二）", "3.").

A Word document may number its headings with list numbering instead of typed
labels: the paragraph's text is then "总体要求" while the page shows
"一、总体要求". The outline — sections, task numbers — lives in those labels,
so the DOCX reader puts them back. python-docx reads the numbering part but
does not render it, and no maintained library renders Word's Chinese counting
formats, so this module does, from ``word/numbering.xml`` (ECMA-376 §17.9):

- a paragraph is numbered by its ``w:numPr`` (``w:numId``, ``w:ilvl``), or by
  its style's (and the styles it is based on);
- ``w:num`` points at a ``w:abstractNum``, whose levels give the format
  (``w:numFmt``), the text with placeholders (``w:lvlText``, "%1、") and the
  start (``w:start``); a ``w:num``'s ``w:lvlOverride/w:startOverride`` restarts
  a level when that list is first used;
- counters are kept per abstract list, as Word does: lists sharing one go on
  counting; a level counting up restarts the levels below it.

Bullets and "none" give no label (a bullet is not part of the outline).
"""

from __future__ import annotations

from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "〇一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _chinese(n: int, digits: str = _DIGITS, ten: str = "十", hundred: str = "百", zero: str = "零") -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (below 1000)."""
    if n <= 0 or n >= 1000:
        return str(n)
    h, rest = divmod(n, 100)
    t, u = divmod(rest, 10)
    out = ""
    if h:
        out += digits[h] + hundred
        if rest and t == 0:
            out += zero
    if t:
        out += ("" if t == 1 and not h else digits[t]) + ten
    if u:
        out += digits[u]
    return out


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = ""
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    # Word's letter lists: a … z, then aa … zz, aaa … (the letter repeated).
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """``n`` written in the ``w:numFmt`` format ``fmt``."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting"):  # fmt: skip
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _LEGAL, "拾", "佰")
    if fmt == "ideographDigital":
        return "".join(_DIGITS[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord("０") + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    return str(n)  # decimal and the formats of other scripts


class Numbering:
    """The numbering definitions of one document, and the counters as its paragraphs are read in order."""

    def __init__(self, doc: Any) -> None:
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstract id → ilvl → (fmt, text, start)
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstract id, ilvl → start override)
        self._style_num: dict[str, tuple[str, int]] = {}  # style id → (numId, ilvl)
        self._counters: dict[str, dict[int, int]] = {}  # abstract id → ilvl → last number given
        self._used: set[str] = set()  # numIds whose overrides have been applied
        try:
            root = doc.part.numbering_part.element
        except (AttributeError, KeyError, NotImplementedError):
            root = None
        if root is not None:
            self._read_definitions(root)
        self._read_styles(doc)

    def _read_definitions(self, root: Any) -> None:
        for a in root.iterchildren(f"{_W}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in a.iterchildren(f"{_W}lvl"):
                ilvl = _int(lvl.get(f"{_W}ilvl"), 0)
                fmt = _val(lvl.find(f"{_W}numFmt")) or "decimal"
                text = _val(lvl.find(f"{_W}lvlText"))
                levels[ilvl] = (
                    fmt,
                    text if text is not None else f"%{ilvl + 1}.",
                    _int(_val(lvl.find(f"{_W}start")), 1),
                )
            self._levels[a.get(f"{_W}abstractNumId") or ""] = levels
        for n in root.iterchildren(f"{_W}num"):
            abstract = _val(n.find(f"{_W}abstractNumId")) or ""
            overrides = {
                _int(o.get(f"{_W}ilvl"), 0): _int(_val(o.find(f"{_W}startOverride")), 1)
                for o in n.iterchildren(f"{_W}lvlOverride")
                if o.find(f"{_W}startOverride") is not None
            }
            self._nums[n.get(f"{_W}numId") or ""] = (abstract, overrides)

    def _read_styles(self, doc: Any) -> None:
        try:
            styles = doc.styles.element
        except (AttributeError, KeyError, NotImplementedError):
            return
        own: dict[str, tuple[str | None, int | None]] = {}
        based: dict[str, str] = {}
        for st in styles.iterchildren(f"{_W}style"):
            sid = st.get(f"{_W}styleId") or ""
            num_pr = st.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                written = _val(num_pr.find(f"{_W}ilvl"))
                own[sid] = (_val(num_pr.find(f"{_W}numId")), _int(written, 0) if written is not None else None)
            parent = _val(st.find(f"{_W}basedOn"))
            if parent:
                based[sid] = parent
        for sid in set(own) | set(based):
            num_id: str | None = None
            ilvl: int | None = None
            s, seen = sid, set()
            while s and s not in seen:  # the style, then the styles it is based on
                seen.add(s)
                got = own.get(s)
                if got:
                    num_id = num_id if num_id is not None else got[0]
                    ilvl = ilvl if ilvl is not None else got[1]
                s = based.get(s, "")
            if num_id:
                self._style_num[sid] = (num_id, ilvl or 0)

    def label(self, p: Any) -> str:
        """The label Word prints before paragraph element ``p`` (counting it), or ""."""
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        num_id: str | None = None
        ilvl: int | None = None
        if num_pr is not None:
            num_id = _val(num_pr.find(f"{_W}numId"))
            lv = _val(num_pr.find(f"{_W}ilvl"))
            ilvl = _int(lv, 0) if lv is not None else None
        style = _val(p.find(f"{_W}pPr/{_W}pStyle"))
        if (num_id is None or ilvl is None) and style in self._style_num:
            s_num, s_lvl = self._style_num[style]
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_lvl
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""  # numId 0 switches numbering off
        ilvl = ilvl or 0
        abstract, overrides = self._nums[num_id]
        levels = self._levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        counters = self._counters.setdefault(abstract, {})
        if num_id not in self._used:
            self._used.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
                for deeper in [k for k in counters if k > lvl]:
                    del counters[deeper]
        fmt, text, start = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a level counting up restarts the ones below
        if fmt in ("bullet", "none"):
            return ""
        out = text
        for lvl in range(8, -1, -1):  # %10 is not a placeholder; replace %9 … %1
            if f"%{lvl + 1}" in out:
                lf, _, ls = levels.get(lvl, ("decimal", "", 1))
                out = out.replace(f"%{lvl + 1}", format_number(counters.get(lvl, ls), lf))
        return out


def _val(el: Any) -> str | None:
    return None if el is None else el.get(f"{_W}val")


def _int(v: str | None, default: int) -> int:
    try:
        return int(v) if v is not None else default
    except ValueError:
        return default
