"""OCR engines behind one protocol, and the hOCR/ALTO formats they produce."""

from __future__ import annotations

from digitize.ocr.engine import OcrEngine, OcrOutputs, get_engine

__all__ = ["OcrEngine", "OcrOutputs", "get_engine"]
