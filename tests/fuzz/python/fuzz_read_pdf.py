"""Atheris target: any bytes as a PDF (see reader_invariants).

The seeds are PDFs with uncompressed streams, so mutations reach the page
tree, the fonts' ToUnicode maps and the text operators, not only zlib.
"""

import sys

import atheris

with atheris.instrument_imports():
    import healthplan._pdf  # noqa: F401
    from reader_invariants import check_file


def test_one_input(data: bytes) -> None:
    check_file(data if data.startswith(b"%PDF-") else b"%PDF-1.4\n" + data, ".pdf")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
