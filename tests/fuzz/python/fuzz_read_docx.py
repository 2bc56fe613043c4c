"""Atheris target: any bytes as the body of a Word document (see reader_invariants).

Mutating a .docx's bytes mostly breaks the ZIP's checksums, which tests the
ZIP reader and nothing else; so the input is the package's word/document.xml,
wrapped into an otherwise valid package. An input starting with "PK" is taken
as a whole package instead, so damaged ZIPs are covered too.
"""

import sys

import atheris

with atheris.instrument_imports():
    import healthplan._documents  # noqa: F401
    from docx_package import docx_package
    from reader_invariants import check_file

def test_one_input(data: bytes) -> None:
    check_file(data if data.startswith(b"PK") else docx_package(data), ".docx")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
