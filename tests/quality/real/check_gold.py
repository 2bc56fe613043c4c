#!/usr/bin/env python3
"""Validate the real-text corpus gold annotation (stdlib only).

Checks, from this file's directory (or the set's directory given as the one argument,
e.g. `check_gold.py tests/quality/blind`):
  * every line of gold_targets.jsonl and gold_tasks.jsonl parses as a JSON object with the
    fields of tests/quality/GOLD_FORMAT.md and sane values;
  * every `doc` names a file in docs/, and every target `evidence` (and `alt_evidence`) is an
    exact substring of that file;
  * every doc file starts with a `来源: ` line (the source), and is referenced in README.md
    (docs with no gold lines are allowed: zero targets / tasks is a valid annotation).

Exit status 0 when all checks pass, 1 otherwise.
"""
import json
import os
import sys

HERE = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "docs")

TARGET_FIELDS = ["doc", "indicator", "year", "kind", "op", "value", "unit", "unit_text",
                 "reference", "baseline", "nature", "certainty", "evidence"]
TASK_FIELDS = ["doc", "number", "title", "lead", "responsible", "lead_as_written",
               "responsible_as_written", "others"]
KIND_OPS = {
    "level": {">=", ">", "<=", "<", "=", "~"},
    "change": {"increase", "decrease"},
    "rate": {"increase", "decrease"},
    "trend": {"increase", "decrease"},
    "benchmark": {">=", ">", "=", "<=", "~"},
}


def main():
    errors = []
    docs = sorted(f for f in os.listdir(DOCS) if f.endswith(".txt"))
    texts = {}
    for name in docs:
        with open(os.path.join(DOCS, name), encoding="utf-8") as f:
            texts[name] = f.read()
        if not texts[name].startswith("来源: "):
            errors.append(f"{name}: first line is not '来源: <source>'")

    with open(os.path.join(HERE, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    for name in docs:
        if name not in readme and name[:-4] not in readme:
            errors.append(f"{name}: not referenced in README.md")

    counts = {name: [0, 0] for name in docs}

    def load(fname, fields, check):
        path = os.path.join(HERE, fname)
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                where = f"{fname}:{n}"
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as e:
                    errors.append(f"{where}: not JSON ({e})")
                    continue
                if not isinstance(row, dict):
                    errors.append(f"{where}: not an object")
                    continue
                missing = [k for k in fields if k not in row]
                if missing:
                    errors.append(f"{where}: missing fields {missing}")
                    continue
                if row["doc"] not in texts:
                    errors.append(f"{where}: unknown doc {row['doc']!r}")
                    continue
                check(where, row)

    def check_target(where, r):
        text = texts[r["doc"]]
        counts[r["doc"]][0] += 1
        if r["kind"] not in KIND_OPS:
            errors.append(f"{where}: bad kind {r['kind']!r}")
        elif r["op"] not in KIND_OPS[r["kind"]]:
            errors.append(f"{where}: op {r['op']!r} not allowed for kind {r['kind']}")
        if r["year"] is not None and not isinstance(r["year"], int):
            errors.append(f"{where}: year must be int or null")
        if r["kind"] in ("trend", "benchmark") and r["value"] is not None:
            errors.append(f"{where}: {r['kind']} must have value null")
        if r["kind"] in ("level", "change", "rate") and not isinstance(r["value"], (int, float)):
            errors.append(f"{where}: {r['kind']} needs a numeric value")
        if r["certainty"] not in ("core", "borderline"):
            errors.append(f"{where}: bad certainty {r['certainty']!r}")
        if r["nature"] not in (None, "expected", "binding"):
            errors.append(f"{where}: bad nature {r['nature']!r}")
        if r["kind"] == "change" and not isinstance(r["reference"], dict):
            errors.append(f"{where}: change target needs a reference")
        b = r["baseline"]
        if b is not None and not (isinstance(b, dict) and "year" in b and "value" in b):
            errors.append(f"{where}: baseline must be null or {{year, value}}")
        for ev in [r["evidence"]] + list(r.get("alt_evidence") or []):
            if not ev or ev not in text:
                errors.append(f"{where}: evidence not in {r['doc']}: {ev!r}")

    def check_task(where, t):
        counts[t["doc"]][1] += 1
        for k in ("lead", "responsible", "lead_as_written", "responsible_as_written", "others"):
            if not isinstance(t[k], list) or not all(isinstance(u, str) and u for u in t[k]):
                errors.append(f"{where}: {k} must be a list of non-empty strings")
        if not (t["lead"] or t["responsible"] or t["others"]):
            errors.append(f"{where}: task without any responsibility assignment")
        if len(t["lead"]) != len(t["lead_as_written"]) or len(t["responsible"]) != len(t["responsible_as_written"]):
            errors.append(f"{where}: expanded and as-written lists differ in length")
        text = texts[t["doc"]]
        for u in t["lead_as_written"] + t["responsible_as_written"]:
            if u not in text.replace("\n", "").replace(" ", ""):
                errors.append(f"{where}: unit {u!r} not found in {t['doc']} (ignoring line breaks/spaces)")

    load("gold_targets.jsonl", TARGET_FIELDS, check_target)
    load("gold_tasks.jsonl", TASK_FIELDS, check_task)

    for e in errors:
        print("ERROR", e)
    nt = sum(c[0] for c in counts.values())
    nk = sum(c[1] for c in counts.values())
    print(f"{len(docs)} docs, {nt} gold targets, {nk} gold tasks, "
          f"{sum(1 for c in counts.values() if c == [0, 0])} docs with no gold lines; "
          f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
