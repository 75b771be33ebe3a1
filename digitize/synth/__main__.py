"""Write a box of synthetic scans: ``python -m digitize.synth OUT [options]``.

Only parses arguments and calls :func:`digitize.synth.generate_corpus`, e.g.::

    python -m digitize.synth /tmp/box --count 40 --degradations random --formats pdf,tiff \\
        --pages 1-3 --dossier-size 5 --seed 1
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from digitize.exceptions import DigitizeError, ExitCode
from digitize.synth.content import DocumentKind, Era
from digitize.synth.corpus import OutputFormat, generate_corpus
from digitize.synth.degrade import PRESETS


def _pages(text: str) -> int | tuple[int, int]:
    low, _, high = text.partition("-")
    try:
        return (int(low), int(high)) if high else int(low)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"expected N or MIN-MAX, got {text!r}") from e


def _names(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    """The command line, one flag per ``generate_corpus`` argument."""
    parser = argparse.ArgumentParser(
        prog="python -m digitize.synth",
        description="Generate seeded synthetic scans of Vietnamese administrative documents "
        "with ground truth (<doc_id>.truth.json beside each document).",
    )
    parser.add_argument("out", type=Path, help="output folder")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=10, help="number of documents")
    parser.add_argument(
        "--degradations",
        type=_names,
        default=["clean"],
        help="comma-separated, cycled over documents: "
        + ", ".join(sorted(PRESETS))
        + ", random, random:<severity 0-1>",
    )
    parser.add_argument(
        "--formats",
        type=_names,
        default=["png"],
        help="comma-separated, each document in each: " + ", ".join(f.value for f in OutputFormat),
    )
    parser.add_argument("--pages", type=_pages, default=1, help="N or MIN-MAX pages per document")
    parser.add_argument(
        "--kinds",
        type=_names,
        default=None,
        help="comma-separated document types, cycled: " + ", ".join(k.value for k in DocumentKind),
    )
    parser.add_argument(
        "--eras",
        type=_names,
        default=[Era.MODERN.value],
        help="comma-separated, cycled: " + ", ".join(e.value for e in Era),
    )
    parser.add_argument("--dossier-size", type=int, default=None, help="documents per sub-folder")
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--seal", action="store_true", help="stamp the red seal on signatures")
    parser.add_argument("--tables", action="store_true", help="give reports a results table")
    parser.add_argument("--typewriter", action="store_true", help="typewritten documents")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        corpus = generate_corpus(
            args.out,
            seed=args.seed,
            count=args.count,
            degradations=args.degradations,
            formats=args.formats,
            pages=args.pages,
            kinds=args.kinds,
            eras=args.eras,
            docs_per_dossier=args.dossier_size,
            dpi=args.dpi,
            seal=args.seal,
            tables=args.tables,
            typewriter=args.typewriter,
        )
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return int(ExitCode.BAD_ARGS)
    except DigitizeError as e:
        print(f"error: {e}", file=sys.stderr)
        return int(e.exit_code)
    print(f"{len(corpus.documents)} documents written to {corpus.root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
