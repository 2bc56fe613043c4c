"""Atheris target: any bytes as the body of a Word document (see reader_invariants).

Mutating a .docx's bytes mostly breaks the ZIP's checksums, which tests the
ZIP reader and nothing else; so the input is the package's word/document.xml,
wrapped into an otherwise valid package. An input starting with "PK" is taken
as a whole package instead, so damaged ZIPs are covered too.
"""

import io
import sys
import zipfile

import atheris

with atheris.instrument_imports():
    import healthplan._documents  # noqa: F401
    from reader_invariants import check_file

_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="word/document.xml"/></Relationships>'
)


def package(document_xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", document_xml)
    return buf.getvalue()


def test_one_input(data: bytes) -> None:
    check_file(data if data.startswith(b"PK") else package(data), ".docx")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
