"""``digitize records | search | revise | dossier | export``: parse, call
:mod:`digitize.records`, print.

Registered into the ``digitize`` command by :func:`add_record_commands`; errors are
``DigitizeError`` subclasses that ``digitize.cli.main`` turns into a message and exit code.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from digitize.exceptions import ExitCode
from digitize.records import (
    BuildReport,
    Mode,
    Record,
    RecordStore,
    SearchFilters,
    SearchResult,
    export_records,
    search,
)
from digitize.records.errors import RevisionError

__all__ = ["add_record_commands"]

# argparse has no public name for the object add_subparsers() returns.
Subparsers = argparse._SubParsersAction


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def _build(store: RecordStore, *, refresh: bool = False, quiet: bool = False) -> BuildReport | None:
    if not refresh and not store.needs_build():
        return None
    report = store.build(refresh=refresh)
    if not quiet and (report.added or report.updated):
        # On stderr: stdout may be JSON for another program.
        _err(f"Đã cập nhật hồ sơ văn bản: {report.added} mới, {report.updated} đọc lại.")
    return report


def _record_line(record: Record) -> str:
    subject = record.subject if len(record.subject) <= 70 else record.subject[:69] + "…"
    parts = [
        record.doc_id[:12],
        record.issued_date or "—",
        record.code or "(chưa rõ số)",
        record.type_name or "(chưa rõ loại)",
        subject or "—",
    ]
    return "  ".join(parts)


# ---------------------------------------------------------------------------------- records


def _records(args: argparse.Namespace) -> int:
    with RecordStore(args.archive) as store:
        report = store.build(refresh=args.refresh)
        records = store.records(dossier=args.dossier) if args.list or args.json else []
    if args.json:
        payload = [_record_json(r) for r in records]
        _out(json.dumps(payload, ensure_ascii=False, indent=1))
        return int(ExitCode.OK)
    _out(
        f"Hồ sơ văn bản: {report.total} ({report.added} mới, {report.updated} đọc lại, "
        f"{report.unchanged} không đổi)."
    )
    for _, reason in report.skipped:
        _out(f"  bỏ qua: {reason}")
    if report.duplicates:
        _out(f"\nCẢNH BÁO: {len(report.duplicates)} nhóm văn bản trùng số, ký hiệu và cơ quan:")
        for group in report.duplicates:
            _out(f"  ! {group.message}")
    if args.list:
        _out("")
        current = None
        for record in records:
            if record.dossier != current:
                current = record.dossier
                _out(f"[{current or 'thư mục gốc'}]")
            _out("  " + _record_line(record))
    return int(ExitCode.OK)


def _record_json(record: Record) -> dict[str, Any]:
    return {
        "sha256": record.doc_id,
        "dossier": record.dossier,
        "source_path": record.source_path,
        **record.to_phuluc(),
        **record.extras(),
        **record.dossier_values(),
        "revised": list(record.revised),
    }


# ----------------------------------------------------------------------------------- search


def _search(args: argparse.Namespace) -> int:
    filters = SearchFilters(
        doc_type=args.doc_type,
        agency=args.agency,
        date_from=args.date_from,
        date_to=args.date_to,
        dossier=args.dossier,
    )
    with RecordStore(args.archive) as store:
        _build(store, quiet=args.json)
    result = search(
        args.archive,
        args.query,
        filters,
        mode=Mode.ACCENTS if args.accents else Mode.FOLDED,
        limit=args.limit,
    )
    if args.json:
        _out(json.dumps(_result_json(result), ensure_ascii=False, indent=1))
        return int(ExitCode.OK)
    for warning in result.warnings:
        _out(f"Lưu ý: {warning}")
    if not result.hits:
        _out("Không tìm thấy văn bản nào phù hợp.")
        return int(ExitCode.OK)
    shown = len(result.hits)
    more = f", hiện {shown} kết quả đầu" if result.total > shown else ""
    count = f"{result.total}" if result.total_exact else f"hơn {result.total}"
    _out(f"Tìm thấy {count} văn bản{more} ({result.seconds * 1000:.0f} ms):")
    for rank, hit in enumerate(result.hits, start=1):
        r = hit.record
        _out(f"\n{rank}. {r.title}" + ("  [khớp số, ký hiệu]" if hit.exact else ""))
        if r.organ_name:
            _out(f"   {r.organ_name}")
        pages = ", ".join(map(str, hit.pages))
        where = f"trang {pages}" if pages else "siêu dữ liệu"
        _out(f"   {r.source_path} ({where}) · mã {r.doc_id[:12]}")
        _out(f"   {hit.snippet}")
    return int(ExitCode.OK)


def _result_json(result: SearchResult) -> dict[str, Any]:
    return {
        "query": result.query,
        "mode": result.mode.value,
        "total": result.total,
        "total_exact": result.total_exact,
        "warnings": list(result.warnings),
        "hits": [
            {
                "sha256": h.record.doc_id,
                "source_path": h.record.source_path,
                "dossier": h.record.dossier,
                "title": h.record.title,
                "TypeName": h.record.type_name,
                "Code": h.record.code,
                "IssuedDate": h.record.issued_date,
                "OrganName": h.record.organ_name,
                "Subject": h.record.subject,
                "pages": list(h.pages),
                "page": h.page,
                "snippet": h.snippet,
                "score": None if h.exact else round(h.score, 4),
                "exact": h.exact,
            }
            for h in result.hits
        ],
    }


# ----------------------------------------------------------------------------------- revise


def _parse_changes(items: Sequence[str]) -> dict[str, object]:
    changes: dict[str, object] = {}
    bad = []
    for item in items:
        field, sep, value = item.partition("=")
        if not sep or not field.strip():
            bad.append(item)
            continue
        changes[field.strip()] = value
    if bad:
        raise RevisionError(
            'Chỉnh sửa phải có dạng Trường=giá trị (ví dụ Subject="Về việc …", '
            f"IssuedDate=2015-05-03); không hiểu: {', '.join(repr(b) for b in bad)}."
        )
    return changes


def _revise(args: argparse.Namespace) -> int:
    with RecordStore(args.archive) as store:
        _build(store)
        if args.history or not args.changes:
            history = store.revisions(args.document)
            if not history:
                _out("Văn bản này chưa có chỉnh sửa nào.")
            for rev in history:
                who = f" ({rev.author})" if rev.author else ""
                why = f" — {rev.note}" if rev.note else ""
                _out(f"{rev.at}{who}: {rev.tag}: {rev.previous!r} → {rev.value!r}{why}")
            return int(ExitCode.OK)
        revised = store.revise(
            args.document, _parse_changes(args.changes), author=args.author, note=args.note
        )
    record = revised.record
    _out(f"Đã lưu chỉnh sửa cho {record.title} (mã {record.doc_id[:12]}).")
    _out("Giá trị OCR ban đầu vẫn được giữ; tìm kiếm và xuất dữ liệu dùng giá trị đã sửa.")
    for warning in revised.warnings:
        _out(f"Lưu ý: {warning}")
    return int(ExitCode.OK)


# ---------------------------------------------------------------------------------- dossier

_DOSSIER_LABELS = {
    "Maintenance": "Thời hạn bảo quản",
    "Rights": "Chế độ sử dụng",
    "Creator": "Người lập hồ sơ",
}


def _scope_name(dossier: str | None) -> str:
    if dossier is None:
        return "cả kho (mặc định cho mọi hồ sơ)"
    return f"hồ sơ {dossier or '.'}"


def _dossier(args: argparse.Namespace) -> int:
    changes = list(args.changes)
    if args.all_dossiers is not None:
        # Values may follow --all or the archive; argparse gives the first of the latter to
        # the optional HỒ_SƠ slot.
        changes = [*args.all_dossiers, *([args.dossier] if args.dossier else []), *changes]
    if args.all_dossiers is None and args.dossier is None:
        raise RevisionError(
            "Hãy ghi hồ sơ (thư mục; '.' cho thư mục gốc) hoặc --all để đặt cho cả kho, ví dụ: "
            'digitize dossier KHO hoso-01 Maintenance="10 năm" Rights="Công khai".'
        )
    scope = None if args.all_dossiers is not None else args.dossier
    with RecordStore(args.archive) as store:
        _build(store)
        if scope is not None and "=" in scope and scope.strip("/") not in store.dossiers():
            raise RevisionError(
                f"{scope!r} là một giá trị, chưa phải tên hồ sơ: hãy ghi hồ sơ trước các giá "
                "trị ('.' cho thư mục gốc), hoặc thêm --all để đặt cho cả kho."
            )
        if args.history or not changes:
            current = store.dossier_fields(scope)
            _out(f"Trường của {_scope_name(scope)}:")
            for tag, label in _DOSSIER_LABELS.items():
                _out(f"  {tag} ({label}): {current.get(tag) or '—'}")
            if args.history:
                history = store.dossier_revisions(scope)
                _out("\nLịch sử:" if history else "\nChưa đặt giá trị nào.")
                for rev in history:
                    who = f" ({rev.author})" if rev.author else ""
                    why = f" — {rev.note}" if rev.note else ""
                    where = _scope_name(rev.dossier)
                    _out(
                        f"{rev.at}{who}: {where}: {rev.tag}: {rev.previous!r} → {rev.value!r}{why}"
                    )
            return int(ExitCode.OK)
        current = store.set_dossier_fields(
            scope, _parse_changes(changes), author=args.author, note=args.note
        )
    _out(f"Đã lưu trường của {_scope_name(scope)}; giá trị đang dùng:")
    for tag, label in _DOSSIER_LABELS.items():
        _out(f"  {tag} ({label}): {current.get(tag) or '—'}")
    _out("Các văn bản của hồ sơ mang các giá trị này khi xuất dữ liệu.")
    return int(ExitCode.OK)


# ----------------------------------------------------------------------------------- export


def _export(args: argparse.Namespace) -> int:
    with RecordStore(args.archive) as store:
        _build(store)
    result = export_records(args.archive, args.out, args.format, dossier=args.dossier)
    _out(f"Đã xuất {result.records} văn bản ({result.format.value}) vào {result.out}:")
    for path in result.files:
        _out(f"  {path}")
    if result.cuts:
        _out(f"{len(result.cuts)} giá trị bị cắt theo độ dài NĐ 30/2020 Phụ lục VI:")
        for source, message in result.cuts[:10]:
            _out(f"  - {source}: {message}")
    if result.problems:
        _out(f"{len(result.problems)} giá trị cần kiểm tra lại (xem báo cáo).")
    _out(f"Báo cáo: {result.report}")
    return int(ExitCode.OK)


# ---------------------------------------------------------------------------------- parsers


def add_record_commands(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """Add ``records``, ``search``, ``revise``, ``dossier`` and ``export`` to the ``digitize``
    command."""
    records = sub.add_parser(
        "records",
        help="tạo/cập nhật hồ sơ văn bản (siêu dữ liệu Phụ lục VI), cảnh báo trùng số",
        description="Đọc siêu dữ liệu (loại, số, ký hiệu, ngày, cơ quan, trích yếu, người ký) "
        "của mọi tài liệu đã số hóa xong trong KHO; chạy lại chỉ đọc tài liệu mới hoặc đã đổi.",
    )
    records.add_argument("archive", metavar="KHO")
    records.add_argument("--list", action="store_true", help="liệt kê các văn bản")
    records.add_argument("--dossier", metavar="HỒ_SƠ", help="chỉ liệt kê một hồ sơ (thư mục)")
    records.add_argument("--refresh", action="store_true", help="đọc lại mọi tài liệu")
    records.add_argument("--json", action="store_true", help="in danh sách dạng JSON")
    records.set_defaults(func=_records)

    find = sub.add_parser(
        "search",
        help="tìm văn bản (có dấu hay không dấu đều được)",
        description="Tìm toàn văn và siêu dữ liệu; không phân biệt dấu, đ/d, hoa/thường, vị "
        'trí dấu thanh (hoà = hòa). Cụm từ trong "ngoặc kép", tiền tố với dấu *, hoặc số/ký '
        "hiệu như 15/QĐ-BNV.",
    )
    find.add_argument("archive", metavar="KHO")
    find.add_argument("query", metavar="TỪ_KHÓA", nargs="?", default="")
    find.add_argument("--type", dest="doc_type", metavar="LOẠI", help="QĐ, CV, Công văn…")
    find.add_argument("--agency", metavar="CƠ_QUAN", help="một phần tên cơ quan ban hành")
    find.add_argument("--from", dest="date_from", metavar="NGÀY", help="từ ngày (2015-01-01)")
    find.add_argument("--to", dest="date_to", metavar="NGÀY", help="đến ngày (2015-12-31)")
    find.add_argument("--dossier", metavar="HỒ_SƠ", help="trong một hồ sơ (thư mục)")
    find.add_argument(
        "--accents", action="store_true", help="phân biệt dấu (vẫn coi hoà và hòa là một)"
    )
    find.add_argument("--limit", type=int, default=20, help="số kết quả tối đa (mặc định 20)")
    find.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    find.set_defaults(func=_search)

    revise = sub.add_parser(
        "revise",
        help="lưu chỉnh sửa siêu dữ liệu (giữ nguyên kết quả OCR)",
        description="Lưu chỉnh sửa dạng Trường=giá trị (thẻ Phụ lục VI: Subject, IssuedDate, "
        "CodeNumber, OrganName…); không ghi giá trị nào để xem lịch sử chỉnh sửa.",
    )
    revise.add_argument("archive", metavar="KHO")
    revise.add_argument(
        "document", metavar="VĂN_BẢN", help="mã tài liệu, đường dẫn tệp quét hoặc số/ký hiệu"
    )
    revise.add_argument("changes", metavar="TRƯỜNG=GIÁ_TRỊ", nargs="*")
    revise.add_argument("--author", default="", help="người chỉnh sửa")
    revise.add_argument("--note", default="", help="lý do chỉnh sửa")
    revise.add_argument("--history", action="store_true", help="xem lịch sử chỉnh sửa")
    revise.set_defaults(func=_revise)

    dossier = sub.add_parser(
        "dossier",
        help="đặt thời hạn bảo quản, chế độ sử dụng, người lập cho hồ sơ hoặc cả kho",
        description="Đặt các trường hồ sơ do người làm lưu trữ quyết định (Phụ lục VI): "
        'Maintenance (thời hạn bảo quản: "Vĩnh viễn" hoặc số năm, ví dụ "10 năm"), Rights '
        "(chế độ sử dụng), Creator (người lập hồ sơ), mỗi trường tối đa 30 ký tự. Giá trị "
        "rỗng xóa trường; giá trị của hồ sơ thay cho giá trị đặt cho cả kho. Không ghi giá "
        "trị nào để xem giá trị đang dùng.",
    )
    dossier.add_argument("archive", metavar="KHO")
    dossier.add_argument(
        "dossier", metavar="HỒ_SƠ", nargs="?", help="thư mục hồ sơ ('.' cho thư mục gốc)"
    )
    dossier.add_argument("changes", metavar="TRƯỜNG=GIÁ_TRỊ", nargs="*")
    dossier.add_argument(
        "--all",
        dest="all_dossiers",
        nargs="*",
        metavar="TRƯỜNG=GIÁ_TRỊ",
        help="đặt cho cả kho (mặc định cho mọi hồ sơ) thay cho một hồ sơ",
    )
    dossier.add_argument("--author", default="", help="người đặt giá trị")
    dossier.add_argument("--note", default="", help="lý do")
    dossier.add_argument("--history", action="store_true", help="xem lịch sử các giá trị")
    dossier.set_defaults(func=_dossier)

    export = sub.add_parser(
        "export",
        help="xuất hồ sơ văn bản: csv, xlsx, json, xml hoặc túi BagIt",
        description="Xuất siêu dữ liệu Phụ lục VI (kèm nguồn, SHA-256, số trang, chất lượng "
        "OCR; JSON/XML kèm toàn văn). --dossier: thêm PDF và XML của cả hồ sơ theo thứ tự "
        "thời gian.",
    )
    export.add_argument("archive", metavar="KHO")
    export.add_argument(
        "--format",
        required=True,
        choices=["csv", "xlsx", "json", "xml", "bagit"],
        help="định dạng: csv (UTF-8 có BOM), xlsx, json, xml (thẻ Phụ lục VI), bagit (túi "
        "lưu trữ có mã SHA-256)",
    )
    export.add_argument("--out", required=True, metavar="THƯ_MỤC", help="thư mục xuất")
    export.add_argument("--dossier", metavar="HỒ_SƠ", help="chỉ xuất một hồ sơ (thư mục)")
    export.set_defaults(func=_export)
