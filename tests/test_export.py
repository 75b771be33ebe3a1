"""Exports: every format re-read and checked; lengths enforced; dossier PDF+XML; BagIt."""

from __future__ import annotations

import json
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import bagit
import pandas as pd
import pikepdf
import pytest
import records_archive as factory

from digitize.export import COLUMN_LABELS, columns
from digitize.metadata.fields import FieldType, RecordKind, fields_for
from digitize.records import (
    ExportError,
    RecordStore,
    build_records,
    export_records,
    revise_page_text,
    revise_record,
)

Doc, admin_text = factory.Doc, factory.admin_text

LONG_SUBJECT = "Về việc " + "tăng cường công tác văn thư, lưu trữ " * 20  # > 500 characters
DOSSIER = "000.00.00.H49.2015.01.TH"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("export") / "kho"
    factory.make_archive(
        root,
        [
            # Listed out of date order: the dossier export must sort them.
            Doc(
                f"{DOSSIER}/b.png",
                (admin_text(number="20/QĐ-SNV", date="ngày 09 tháng 6 năm 2015"), "Trang 2."),
            ),
            Doc(
                f"{DOSSIER}/a.png",
                (admin_text(number="03/QĐ-SNV", date="ngày 05 tháng 01 năm 2015"),),
            ),
            Doc(
                "khac/c.png",
                (
                    admin_text(
                        number="12/SNV-VP",
                        heading="",
                        subject="V/v báo cáo \x0c tình hình",
                        date="ngày 10 tháng 02 năm 2014",
                    ),
                ),
            ),
        ],
    )
    build_records(root)
    revise_record(root, "03/QĐ-SNV", {"Subject": LONG_SUBJECT, "Keyword": "văn thư"})
    return root


def test_csv_has_a_bom_tag_headers_and_the_revised_values(archive: Path, tmp_path: Path) -> None:
    result = export_records(archive, tmp_path, "csv")
    (path,) = result.files
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(columns())
    assert len(frame) == 3
    row = frame.set_index("CodeNumber").loc["03"]
    assert row["Keyword"] == "văn thư"
    assert len(row["Subject"]) <= 500
    assert row["Subject"].startswith("Về việc tăng cường công tác văn thư")
    assert row["SourcePaths"] == f"{DOSSIER}/a.png"
    assert len(row["SHA256"]) == 64


def test_xlsx_reopens_with_vietnamese_headers(archive: Path, tmp_path: Path) -> None:
    (path,) = export_records(archive, tmp_path, "xlsx").files
    sheets = pd.read_excel(path, sheet_name=None, dtype=str)
    records = sheets["Văn bản"]
    assert list(records.columns) == [COLUMN_LABELS[c] for c in columns()]
    assert len(set(records.columns)) == len(records.columns)
    for header in ("Trích yếu nội dung", "Số của văn bản", "Ký hiệu của văn bản", "Nơi nhận"):
        assert header in records.columns
        assert unicodedata.is_normalized("NFC", header)
    assert set(records["Số của văn bản"]) == {"03", "20", "12"}
    assert set(records["Tên loại văn bản"]) == {"Quyết định", "Công văn"}
    cuts = sheets["Giá trị bị cắt"]
    assert list(cuts["Trường"]) == ["Subject"]
    assert "Đã cắt trường Subject" in cuts["Nội dung"].iloc[0]


def test_json_carries_full_text_provenance_and_cuts(archive: Path, tmp_path: Path) -> None:
    (path,) = export_records(archive, tmp_path, "json").files
    payload = json.loads(path.read_text("utf-8"))
    assert payload["schema"] == "NĐ 30/2020/NĐ-CP Phụ lục VI"
    by_number = {r["CodeNumber"]: r for r in payload["records"]}
    two_pages = by_number["20"]
    assert len(two_pages["Pages"]) == 2
    assert two_pages["Pages"][1].strip() == "Trang 2."
    assert two_pages["Provenance"]["PageCount"] == 2
    assert {f["Kind"] for f in two_pages["Provenance"]["Files"]} == {"pdf", "txt", "alto"}
    revised = by_number["03"]
    assert set(revised["Revised"]) == {"Subject", "Keyword"}
    assert len(revised["Subject"]) <= 500
    assert revised["Truncated"] and "500" in revised["Truncated"][0]


def test_xml_parses_with_phu_luc_vi_tags_within_their_lengths(
    archive: Path, tmp_path: Path
) -> None:
    result = export_records(archive, tmp_path, "xml")
    root = ET.parse(result.files[0]).getroot()
    assert root.tag == "Documents"
    specs = fields_for(RecordKind.OUTGOING)
    documents = root.findall("Document")
    assert len(documents) == 3
    for document in documents:
        for child in document:
            if child.tag in ("Extras", "Provenance", "FullText"):
                continue
            assert child.tag in specs, child.tag
            spec = specs[child.tag]
            if child.tag == "To":
                for sub in child:
                    assert len(sub.text or "") <= (200 if sub.tag == "OrganName" else 13)
                continue
            if spec.max_length and spec.type is not FieldType.NUMBER:
                assert len(child.text or "") <= spec.max_length, child.tag
        assert document.find("FullText/Page[@number='1']") is not None
        assert document.findtext("Provenance/SHA256") == document.get("SHA256")
    # The form feed typed into a subject does not break the XML.
    assert any("báo cáo" in (d.findtext("Subject") or "") for d in documents)
    report = result.report.read_text("utf-8")
    assert "Đã cắt trường Subject" in report
    assert f"{DOSSIER}/a.png" in report


def test_dossier_export_is_one_pdf_and_one_xml_in_chronological_order(
    archive: Path, tmp_path: Path
) -> None:
    result = export_records(archive, tmp_path, "xml", dossier=DOSSIER)
    _records_xml, pdf_path, dossier_xml = result.files
    assert result.records == 2
    with pikepdf.open(pdf_path) as pdf:
        assert len(pdf.pages) == 3
        first = pdf.pages[0].obj.Contents.read_bytes()
        assert b"a.png page 1" in first  # 2015-01-05 comes before 2015-06-09
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
    assert titles[0].startswith("Quyết định 03/QĐ-SNV")
    assert titles[1].startswith("Quyết định 20/QĐ-SNV")
    root = ET.parse(dossier_xml).getroot()
    assert root.tag == "FileRecord"
    assert root.findtext("FileCode") == DOSSIER
    assert root.findtext("StartDate") == "2015-01-05"
    assert root.findtext("EndDate") == "2015-06-09"
    assert root.findtext("DocTotal") == "2"
    assert root.findtext("PageTotal") == "3"
    numbers = [d.findtext("CodeNumber") for d in root.iter("Document")]
    assert numbers == ["03", "20"]
    assert [d.findtext("DocOrdinal") for d in root.iter("Document")] == ["1", "2"]


def test_bagit_bag_validates_and_holds_outputs_and_metadata(archive: Path, tmp_path: Path) -> None:
    (bag_path,) = export_records(archive, tmp_path, "bagit").files
    bag = bagit.Bag(str(bag_path))
    bag.validate()
    payload = set(bag.payload_entries())
    assert "data/metadata/van-ban.xml" in payload
    assert "data/metadata/van-ban.json" in payload
    assert "data/metadata/bao-cao-xuat.txt" in payload
    for stem in (f"{DOSSIER}/a", f"{DOSSIER}/b", "khac/c"):
        for suffix in (".pdf", ".txt", ".alto.xml"):
            assert f"data/documents/{stem}{suffix}" in payload
    assert "sha256" in bag.algorithms
    assert bag.info["External-Identifier"] == "kho"
    # The manifests are real: changing a payload byte makes the bag invalid.
    text = bag_path / "data" / "documents" / "khac" / "c.txt"
    text.write_text("sửa", encoding="utf-8")
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(bag_path)).validate()


def test_bagit_refuses_to_overwrite_and_dossier_bag_has_merged_files(
    archive: Path, tmp_path: Path
) -> None:
    export_records(archive, tmp_path, "bagit")
    with pytest.raises(ExportError, match="đã có dữ liệu"):
        export_records(archive, tmp_path, "bagit")
    (bag_path,) = export_records(archive, tmp_path / "hs", "bagit", dossier=DOSSIER).files
    bag = bagit.Bag(str(bag_path))
    bag.validate()
    slug = DOSSIER  # already ASCII
    assert f"data/dossier/{slug}.pdf" in bag.payload_entries()
    assert not any("khac/" in p for p in bag.payload_entries())


def test_export_refuses_outputs_changed_since_ocr(tmp_path: Path) -> None:
    root = factory.make_archive(tmp_path / "kho", [Doc("x.png", (admin_text(),))])
    build_records(root)
    (root / "documents" / "x.pdf").write_bytes(b"%PDF-1.4 changed")
    with pytest.raises(ExportError, match="khác mã SHA-256") as caught:
        export_records(root, tmp_path / "ra", "bagit")
    assert "digitize verify" in str(caught.value)
    assert not (tmp_path / "ra" / "bagit").exists()


def test_nothing_to_export_and_unknown_dossier_or_format_are_explained(
    archive: Path, tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match="không hỗ trợ"):
        export_records(archive, tmp_path, "docx")
    with pytest.raises(ExportError, match="không có văn bản nào") as caught:
        export_records(archive, tmp_path, "csv", dossier="khong-co")
    assert DOSSIER in str(caught.value)
    empty = factory.make_archive(tmp_path / "rong", [])
    with pytest.raises(ExportError, match="digitize records"):
        export_records(empty, tmp_path, "csv")


def test_exports_carry_the_corrected_page_text_beside_the_untouched_ocr_text(
    tmp_path: Path,
) -> None:
    root = factory.make_archive(
        tmp_path / "kho",
        [Doc("hs/qd.png", (admin_text(), "Điều 2. Trang hia viết sai."))],
    )
    build_records(root)
    ocr_file = root / "documents" / "hs" / "qd.txt"
    ocr_bytes = ocr_file.read_bytes()
    corrected = "Điều 2. Trang hai đã sửa."
    revise_page_text(root, "hs/qd.png", 2, corrected, author="Lan", note="đối chiếu")
    build_records(root, refresh=True)

    (path,) = export_records(root, tmp_path / "json", "json").files
    (entry,) = json.loads(path.read_text("utf-8"))["records"]
    assert entry["Pages"][1] == corrected
    assert entry["RevisedPages"] == [2]

    (path,) = export_records(root, tmp_path / "xml", "xml").files
    pages = ET.parse(path).getroot().findall(".//FullText/Page")
    assert [p.get("revised") for p in pages] == [None, "true"]
    assert pages[1].text == corrected
    assert "hia" not in path.read_text("utf-8")

    (bag_path,) = export_records(root, tmp_path / "bag", "bagit").files
    bagit.Bag(str(bag_path)).validate()
    documents = bag_path / "data" / "documents" / "hs"
    assert (documents / "qd.txt").read_bytes() == ocr_bytes  # the OCR text, untouched
    assert (documents / "qd.da-sua.txt").read_text("utf-8").split("\f")[1] == corrected
    assert ocr_file.read_bytes() == ocr_bytes


def test_dossier_fields_set_by_the_archivist_reach_every_format(tmp_path: Path) -> None:
    """Maintenance, Rights and Creator (DOMAIN.md §1 dossier table) are exported in CSV,
    XLSX (Vietnamese headers, lengths in the field sheet), JSON, XML, the dossier's
    FileRecord XML and the BagIt bag's metadata."""
    root = factory.make_archive(
        tmp_path / "kho",
        [
            Doc(f"{DOSSIER}/a.png", (admin_text(),)),
            Doc("khac/c.png", (admin_text(number="12/SNV-VP", heading=""),)),
        ],
    )
    build_records(root)
    with RecordStore(root) as store:
        store.set_dossier_fields(None, {"Creator": "Trần Thị Lan", "Rights": "Công khai"})
        store.set_dossier_fields(DOSSIER, {"Maintenance": "70", "Rights": "Hạn chế"})
    wanted = {"Maintenance": "70 năm", "Rights": "Hạn chế", "Creator": "Trần Thị Lan"}

    (csv_path,) = export_records(root, tmp_path / "csv", "csv").files
    frame = pd.read_csv(csv_path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    rows = frame.set_index("CodeNumber")
    assert rows.loc["15", ["Maintenance", "Rights", "Creator"]].to_dict() == wanted
    assert rows.loc["12", ["Maintenance", "Rights", "Creator"]].to_dict() == {
        "Maintenance": "",
        "Rights": "Công khai",
        "Creator": "Trần Thị Lan",
    }

    (xlsx_path,) = export_records(root, tmp_path / "xlsx", "xlsx").files
    sheets = pd.read_excel(xlsx_path, sheet_name=None, dtype=str)
    sheet = sheets["Văn bản"].set_index("Số của văn bản")
    assert sheet.loc["15", "Thời hạn bảo quản (hồ sơ)"] == "70 năm"
    assert sheet.loc["15", "Chế độ sử dụng (hồ sơ)"] == "Hạn chế"
    assert sheet.loc["12", "Người lập hồ sơ"] == "Trần Thị Lan"
    field_sheet = sheets["Trường Phụ lục VI"].set_index("Thẻ (tag)")
    assert field_sheet.loc["Maintenance", "Độ dài tối đa"] == "30"

    (json_path,) = export_records(root, tmp_path / "json", "json").files
    payload = json.loads(json_path.read_text("utf-8"))
    by_number = {r["CodeNumber"]: r for r in payload["records"]}
    assert by_number["15"]["DossierFields"] == wanted

    (xml_path,) = export_records(root, tmp_path / "xml", "xml").files
    documents = {d.findtext("CodeNumber"): d for d in ET.parse(xml_path).getroot()}
    held = documents["15"].find("DossierFields")
    assert held is not None
    assert {child.tag: child.text for child in held} == wanted

    (bag_path,) = export_records(root, tmp_path / "bag", "bagit", dossier=DOSSIER).files
    bagit.Bag(str(bag_path)).validate()
    record = ET.parse(bag_path / "data" / "dossier" / f"{DOSSIER}.xml").getroot()
    assert [record.findtext(t) for t in wanted] == list(wanted.values())
    tags = [child.tag for child in record]
    assert tags.index("Title") < tags.index("Maintenance") < tags.index("Creator")
    assert tags.index("Creator") < tags.index("Language")
    bag_json = json.loads((bag_path / "data" / "metadata" / "van-ban.json").read_text("utf-8"))
    assert bag_json["records"][0]["DossierFields"] == wanted
