"""Fixtures of the privacy tests."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any


def pdf_text(data: bytes, tmp_path: Path, name: str = "surat.pdf") -> str:
    """The PDF's text layer (``pdftotext``), so the test reads what an official reads."""
    path = tmp_path / name
    path.write_bytes(data)
    result = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True)
    return " ".join(result.stdout.split())


def body_of(answer: Any) -> str:
    content = b"".join(answer.streaming_content) if answer.streaming else answer.content
    return str(content.decode("utf-8", errors="replace"))
