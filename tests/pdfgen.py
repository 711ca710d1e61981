"""Tiny PDF writer for tests: real, minimal PDF files built from scratch (no dependency)."""

from __future__ import annotations


def _pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, xref)
    return bytes(out)


def text_pdf(lines: list[str], font_size: int = 12) -> bytes:
    """A one-page A4 PDF printing ASCII ``lines`` in Helvetica, top to bottom."""
    ops = [b"BT /F1 %d Tf 72 770 Td %d TL" % (font_size, int(font_size * 1.5))]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")
        ops.append(b"(" + escaped + b") Tj T*")
    ops.append(b"ET")
    return _helvetica_page(b"\n".join(ops))


def _helvetica_page(stream: bytes) -> bytes:
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def image_only_pdf() -> bytes:
    """A page holding only a (tiny grey) image: what a scanned paper without OCR looks like."""
    pixels = bytes([128] * 16)
    stream = b"q 400 0 0 600 100 100 cm /Im1 Do Q"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 16 >>\nstream\n" + pixels + b"\nendstream",
    ])


def encrypted_pdf() -> bytes:
    """A PDF with a Standard security handler whose user password is not empty."""
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"<< /Filter /Standard /V 1 /R 2 /P -44 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> >>",
        ],
        trailer_extra=b"/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ",
    )


def positioned_pdf(items: list[tuple[float, float, float, str]]) -> bytes:
    """A one-page PDF printing ASCII ``(x, y, size, text)`` items at exact positions
    (PDF coordinates, y from the bottom): for layouts such as margin paragraph numbers."""
    ops = []
    for x, y, size, text in items:
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")
        ops.append(b"BT /F1 %g Tf %g %g Td (" % (size, x, y) + escaped + b") Tj ET")
    return _helvetica_page(b"\n".join(ops))
