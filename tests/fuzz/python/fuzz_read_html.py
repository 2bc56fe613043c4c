"""Atheris target: any bytes as a saved web page (see reader_invariants)."""

import sys

import atheris

with atheris.instrument_imports():
    import healthplan._documents  # noqa: F401  (the reader under test, instrumented for coverage)
    from reader_invariants import check_file


def test_one_input(data: bytes) -> None:
    # The reader is chosen by content, so a page must look like one: the
    # fuzzer mutates what follows a fixed "<html>" head.
    check_file(b"<html><body>" + data, ".html")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
