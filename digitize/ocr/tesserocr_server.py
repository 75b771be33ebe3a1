"""Child process of the tesserocr engine: one Tesseract model kept loaded, one page per request.

Run as ``python -m digitize.ocr.tesserocr_server TESSDATA LANG`` by
``digitize.ocr.tesserocr_engine``, which owns its lifetime, memory cap and timeout. The
protocol is one JSON object per line: the server answers ``{"ready": ...}`` once the model
is loaded, then reads ``{"image", "out_base", "dpi"}`` requests from stdin and answers each
with ``{"ok": true}`` or ``{"ok": false, "error": ..., "memory": bool}`` on its reply
channel. Only the standard library and tesserocr are imported, so the process stays small
under its address-space cap.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any, TextIO

# Same single-pass outputs as the tesseract CLI wrapper (see ``tesseract.argv``).
VARIABLES = {
    "tessedit_create_txt": "1",
    "tessedit_create_hocr": "1",
    "tessedit_create_pdf": "1",
    "textonly_pdf": "1",
    "hocr_font_info": "0",
}


def _send(channel: TextIO, message: dict[str, Any]) -> None:
    channel.write(json.dumps(message, ensure_ascii=True) + "\n")
    channel.flush()


def serve(tessdata: str, lang: str, requests: TextIO, replies: TextIO) -> int:
    """Load ``lang`` from ``tessdata`` and answer requests until stdin closes."""
    try:
        import tesserocr

        api = tesserocr.PyTessBaseAPI(path=tessdata, lang=lang)
        for name, value in VARIABLES.items():
            if not api.SetVariable(name, value):
                raise RuntimeError(f"unknown Tesseract variable {name}")
    except MemoryError:
        _send(replies, {"ready": False, "error": "MemoryError", "memory": True})
        return 1
    except Exception as e:  # reported to the parent, which raises a Vietnamese error
        _send(replies, {"ready": False, "error": f"{type(e).__name__}: {e}", "memory": False})
        return 1
    _send(replies, {"ready": True, "version": tesserocr.tesseract_version().split()[1]})
    for line in requests:
        try:
            request = json.loads(line)
            api.SetVariable("user_defined_dpi", str(int(request["dpi"])))
            ok = api.ProcessPages(str(request["out_base"]), str(request["image"]), None, 0)
            answer: dict[str, Any] = {"ok": bool(ok)}
            if not ok:
                answer.update(error="ProcessPages failed", memory=False)
        except MemoryError:
            answer = {"ok": False, "error": "MemoryError", "memory": True}
        except Exception as e:
            answer = {"ok": False, "error": f"{type(e).__name__}: {e}", "memory": False}
        _send(replies, answer)
    api.End()
    return 0


def main(argv: list[str]) -> int:
    """Entry point: ``TESSDATA LANG``; replies go to the original stdout only."""
    tessdata, lang = argv
    # Tesseract and Leptonica may print to stdout; keep the reply channel for replies alone.
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    return serve(tessdata, lang, sys.stdin, replies)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
