"""Atheris target: any bytes as the body of a web page saved as one file (MHTML; see reader_invariants)."""

import sys

import atheris

with atheris.instrument_imports():
    import healthplan._documents  # noqa: F401  (the reader under test, instrumented for coverage)
    from reader_invariants import check_file

# The archive's head as a browser writes it, so the input is sniffed as MHTML
# and reaches the MIME parser: the fuzzer writes the parts (boundaries, part
# headers, transfer encodings, the page) after it.
HEAD = (
    b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="b"\r\n\r\n'
)


def test_one_input(data: bytes) -> None:
    check_file(HEAD + data, ".mhtml")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
