"""Turn what an archivist types into a safe FTS5 query (DOMAIN.md §8).

Users type words with or without diacritics, ``"quoted phrases"``, a trailing ``*`` for a
prefix, or a số/ký hiệu (``15/QĐ-BNV``). Nothing they type reaches FTS5 as syntax: every term
is rebuilt from letters and digits and double-quoted, so ``NEAR``, ``AND``, ``col:``, ``^`` or
an unbalanced quote are just words or ignored, never an error or an injection.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from digitize.metadata.numbering import DocumentNumber, parse_number
from digitize.records.errors import SearchQueryError
from digitize.records.index import pair_phrase
from digitize.vntext import fold, nfc, tone_key

__all__ = ["MAX_QUERY_CHARS", "MAX_TERMS", "Mode", "ParsedQuery", "Term", "parse_query"]

#: Longer queries are refused: nobody types them, and they are a cheap way to load the server.
MAX_QUERY_CHARS: Final = 1000
MAX_TERMS: Final = 32

# Letters and digits: the characters the unicode61 tokenizer keeps in tokens.
_TOKEN: Final = re.compile(r"[^\W_]+")
# A term: a quoted phrase (closed or not) or a run without spaces and quotes.
_PIECE: Final = re.compile(r'"([^"]*)("?)|([^\s"]+)')
_QUOTES: Final = str.maketrans(dict.fromkeys("“”„‟«»＂", '"'))


class Mode(StrEnum):
    """How query words meet the text."""

    FOLDED = "folded"  # accents, đ, case and tone placement ignored (the default)
    ACCENTS = "accents"  # accents count; only tone placement (hoà = hòa) and case ignored


@dataclass(frozen=True, slots=True)
class Term:
    """One query term.

    Attributes:
        tokens: its keys in index form (folded or tone keys); several make a phrase.
        prefix: the last token matches as a prefix (the user typed ``*``).
    """

    tokens: tuple[str, ...]
    prefix: bool = False

    def __post_init__(self) -> None:
        if not self.tokens:
            raise ValueError("a term needs at least one token")

    def fts(self) -> str:
        """The term as FTS5 syntax: a quoted string (a phrase when several tokens)."""
        return self._quoted(" ".join(self.tokens))

    def page_fts(self, mode: Mode) -> str:
        """The term for the page index: in folded mode a phrase of plain tokens is the same
        phrase of its adjacent pairs (the ``pairs`` column, :func:`pair_phrase`)."""
        pairs = pair_phrase(self.tokens) if mode is Mode.FOLDED else None
        return self.fts() if pairs is None else self._quoted(pairs)

    def _quoted(self, text: str) -> str:
        return '"' + text.replace('"', '""') + '"' + ("*" if self.prefix else "")


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query ready for the index.

    Attributes:
        text: the query as typed, NFC.
        mode: folded or accent-sensitive.
        terms: all must match (AND).
        number: the số/ký hiệu when the whole query is one (searched in the exact column).
        warnings: Vietnamese notes on what was ignored (an unbalanced quote...).
    """

    text: str
    mode: Mode
    terms: tuple[Term, ...]
    number: DocumentNumber | None = None
    warnings: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing to look for in the text (filters alone may still select documents)."""
        return not self.terms and self.number is None

    def fts(self) -> str:
        """The FTS5 MATCH expression (implicit AND of quoted terms), for the metadata-only
        indexes and for highlighting."""
        return " ".join(t.fts() for t in self.terms)

    def page_fts(self) -> str:
        """The MATCH expression for the page index (phrases through their pairs)."""
        return " ".join(t.page_fts(self.mode) for t in self.terms)

    @property
    def keys(self) -> tuple[str, ...]:
        """Every token, for highlighting outside FTS5."""
        return tuple(k for t in self.terms for k in t.tokens)


def _keys(text: str, mode: Mode) -> list[str]:
    key = fold(text) if mode is Mode.FOLDED else tone_key(text)
    return _TOKEN.findall(key)


def _clean(text: str) -> str:
    text = nfc(text).translate(_QUOTES)
    # Control characters (NUL, escapes) can only come from a paste or an attack.
    return "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text).strip()


def parse_query(text: str, mode: Mode | str = Mode.FOLDED) -> ParsedQuery:
    """Parse a user query; raises :class:`SearchQueryError` (Vietnamese) when it is unusable.

    An empty query is allowed here (``ParsedQuery.empty``): the caller decides whether
    filters alone are enough.
    """
    mode = Mode(mode)
    if len(text) > MAX_QUERY_CHARS:
        raise SearchQueryError(
            f"Câu tìm kiếm quá dài ({len(text)} ký tự, tối đa {MAX_QUERY_CHARS}); "
            "hãy rút gọn còn vài từ khóa."
        )
    cleaned = _clean(text)
    warnings: list[str] = []
    # A query that is one số/ký hiệu is also looked up in the exact column (stray spaces
    # around "/" and "-" are cleaned by the parser, as on a scan).
    number = parse_number(cleaned) if cleaned and '"' not in cleaned else None
    if number is None and cleaned and '"' not in cleaned and cleaned != cleaned.upper():
        # Users type ký hiệu in lower case (541/bc-snv); the exact column ignores case, so
        # the upper-case reading finds the same record. Extraction stays strict: this
        # leniency is only for what a user types.
        number = parse_number(cleaned.upper())
    terms: list[Term] = []
    for match in _PIECE.finditer(cleaned):
        phrase, closing, bare = match.groups()
        if phrase is not None:
            if not closing:
                warnings.append("Dấu ngoặc kép không được đóng: các từ sau nó được tìm như từ rời.")
                terms += [Term((k,)) for k in _keys(phrase, mode)]
                continue
            keys = _keys(phrase, mode)
            if keys:
                terms.append(Term(tuple(keys)))
            continue
        assert bare is not None
        keys = _keys(bare, mode)
        if not keys:
            continue
        prefix = bare.endswith("*") and len(keys[-1]) >= 2
        if bare.endswith("*") and not prefix:
            warnings.append("Tìm theo tiền tố (dấu *) cần ít nhất 2 chữ cái trước dấu *.")
        # "15/QĐ-BNV" or "a-b" is one written unit: keep its tokens together as a phrase.
        terms.append(Term(tuple(keys), prefix=prefix))
    if len(terms) > MAX_TERMS:
        raise SearchQueryError(
            f"Câu tìm kiếm có {len(terms)} từ, tối đa {MAX_TERMS}; hãy bớt từ khóa."
        )
    if not terms and cleaned and number is None:
        warnings.append(
            f"Câu tìm kiếm {text.strip()!r} không có chữ hoặc số nào để tìm; hãy nhập từ khóa."
        )
    # Duplicates add nothing to an AND query.
    unique = tuple(dict.fromkeys(terms))
    return ParsedQuery(
        text=cleaned, mode=mode, terms=unique, number=number, warnings=tuple(warnings)
    )
