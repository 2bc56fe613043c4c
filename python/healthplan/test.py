"""An installed smoke test: ``python -m healthplan.test``.

Checks, on the data the package ships, that every stage works in this
installation: the compiled core loads, a bundled document extracts with its
spans pointing at their evidence, a plan survives save → load and pickling,
the national targets evaluate against the bundled observations, and plans
compare with the national catalog. It needs no test framework and prints one
line per check and a closing ``N passed, N failed`` line; the exit status is 1
when a check failed. The full test suite lives in the source repository.
"""

from __future__ import annotations

import pickle
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path


def _extract_bundled() -> str:
    import healthplan as hp
    from healthplan import datasets

    path = datasets.seed_paths()[0]
    plan = hp.extract_file(path)
    text = path.read_bytes().decode("utf-8-sig")
    raw = text.encode("utf-8")
    assert plan.targets, "no targets extracted from a bundled plan"
    for t in plan.targets:
        if t.span is not None:
            assert raw[t.span.begin : t.span.end].decode("utf-8") == t.span.evidence, t.id
    return f"{path.name}: {len(plan.targets)} targets, {len(plan.tasks)} tasks"


def _round_trip() -> str:
    import healthplan as hp
    from healthplan import datasets

    plan = hp.extract_file(datasets.seed_paths()[1])
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "plan.json"
        plan.save(out)
        assert hp.load(out) == plan, "save → load changed the plan"
    assert pickle.loads(pickle.dumps(plan)) == plan, "pickling changed the plan"
    return "save → load and pickle keep the plan equal"


def _evaluate_national() -> str:
    import healthplan as hp

    results = hp.evaluate_results(hp.national_plan(), hp.observed_china(), as_of=2023)
    judged = [r for r in results if r.verdict.name not in ("insufficient_data", "not_evaluable")]
    assert judged, "no national target could be judged on the bundled data"
    return f"{len(judged)} of {len(results)} national targets judged"


def _compare() -> str:
    import healthplan as hp
    from healthplan import datasets

    plans = hp.extract_many(datasets.seed_paths()[:2], progress=False)
    frames = hp.compare(plans).frames()
    assert len(frames["targets"]) > 0, "no plan target matched a national indicator"
    return f"{len(frames['targets'])} plan targets lined up with the national ones"


CHECKS: dict[str, Callable[[], str]] = {
    "extract": _extract_bundled,
    "save/load": _round_trip,
    "evaluate": _evaluate_national,
    "compare": _compare,
}


def main() -> int:
    import healthplan

    print(f"healthplan {healthplan.__version__} smoke test ({Path(healthplan.__file__).parent})")
    passed = failed = 0
    for name, check in CHECKS.items():
        try:
            detail = check()
        except ModuleNotFoundError as err:  # pandas or matplotlib missing: say which extra
            failed += 1
            print(f"FAIL {name}: {err}")
        except Exception:  # a smoke test reports every failure and goes on
            failed += 1
            print(f"FAIL {name}:\n{traceback.format_exc()}")
        else:
            passed += 1
            print(f"ok   {name}: {detail}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
