"""The region's emblem (*lambang daerah*) for the letterhead: a PNG or an SVG, its type decided by its content
(never by the name the browser sent), capped in size, and for SVG only a plain drawing: no scripts, no event
handlers, no entity declarations and no reference outside the file (the PDF fetches nothing).

Pure code (no Django): the service raises the errors these checks describe.
"""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET

from kerjasama.core.errors import ErrorDetail, KerjasamaError

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PNG = "image/png"
SVG = "image/svg+xml"
_SVG_NS = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_FORBIDDEN_TAGS = {"script", "foreignObject", "iframe", "embed", "object", "use", "image", "a"}
_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def _refused(why_id: str, why_en: str) -> KerjasamaError:
    return KerjasamaError(
        "letters.bad_emblem",
        "Lambang daerah harus berkas PNG atau SVG yang sah.",
        "The emblem must be a valid PNG or SVG file.",
        [ErrorDetail("emblem", why_id, why_en)],
    )


def emblem_type(data: bytes, *, max_bytes: int) -> str:
    """``image/png`` or ``image/svg+xml`` for an acceptable emblem; ``letters.bad_emblem`` otherwise."""
    if not data:
        raise _refused("Berkas kosong.", "The file is empty.")
    if len(data) > max_bytes:
        raise KerjasamaError(
            "letters.emblem_too_large",
            f"Berkas lambang melebihi batas {max_bytes // 1024} KB.",
            f"The emblem file is larger than the limit of {max_bytes // 1024} KB.",
            [ErrorDetail("emblem", "Berkas terlalu besar.", "The file is too large.")],
        )
    if data.startswith(PNG_MAGIC):
        _check_png(data)
        return PNG
    _check_svg(data)
    return SVG


def _check_png(data: bytes) -> None:
    # The first chunk of a PNG is IHDR with a width and a height above zero.
    if len(data) < 33 or data[12:16] != b"IHDR":
        raise _refused("Berkas PNG rusak.", "The PNG file is damaged.")
    width, height = struct.unpack(">II", data[16:24])
    if width == 0 or height == 0:
        raise _refused("Berkas PNG rusak.", "The PNG file is damaged.")


def _check_svg(data: bytes) -> None:
    if _DECLARATION.search(data):
        raise _refused(
            "SVG tidak boleh memuat deklarasi DOCTYPE atau ENTITY.", "An SVG may not declare a DTD."
        )
    try:
        root = ET.fromstring(data)  # noqa: S314 (no DTD, hence no entity expansion)
    except ET.ParseError:
        raise _refused(
            "Berkas bukan gambar PNG atau SVG.", "The file is neither a PNG nor an SVG image."
        ) from None
    if root.tag != f"{_SVG_NS}svg":
        raise _refused("Berkas bukan gambar PNG atau SVG.", "The file is neither a PNG nor an SVG image.")
    for element in root.iter():
        # Elements of other namespaces (an editor's metadata) are drawn by nobody; scripts are refused anywhere.
        tag = str(element.tag).rsplit("}", 1)[-1]
        if tag in _FORBIDDEN_TAGS:
            raise _refused(
                f"SVG memuat unsur yang tidak diizinkan: {tag}.", f"The SVG holds a refused element: {tag}."
            )
        for name, value in element.attrib.items():
            if name.lower().startswith("on") or name in ("href", _XLINK_HREF):
                raise _refused("SVG memuat skrip atau tautan.", "The SVG holds a script or a link.")
            if "url(" in value and not re.fullmatch(r"\s*url\(\s*#[\w.-]+\s*\)\s*", value):
                raise _refused("SVG merujuk berkas lain.", "The SVG refers to another file.")
        text = element.text or ""
        if tag == "style" and ("@import" in text or "url(" in text):
            raise _refused("SVG merujuk berkas lain.", "The SVG refers to another file.")
