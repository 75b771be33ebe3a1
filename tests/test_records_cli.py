"""``digitize records | search | revise | export``: output, exit codes, and end to end after
``digitize run`` on committed samples."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import bagit
import pandas as pd
import pytest
import records_archive as factory

from digitize.cli import main as digitize_main
from digitize.exceptions import ExitCode

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return factory.make_archive(
        tmp_path / "kho",
        [
            factory.Doc("hs/a.png", (factory.admin_text(),)),
            factory.Doc("hs/b.png", (factory.admin_text(body="Bản trùng."),)),
            factory.Doc(
                "cv.png",
                (
                    factory.admin_text(
                        number="12/SNV-VP",
                        heading="",
                        subject="V/v báo cáo cải cách hành chính",
                        date="ngày 10 tháng 02 năm 2014",
                    ),
                ),
            ),
        ],
    )


def test_records_builds_lists_and_warns_about_duplicates(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert digitize_main(["records", str(archive), "--list"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "Hồ sơ văn bản: 3 (3 mới" in out
    assert "CẢNH BÁO: 1 nhóm" in out
    assert "Trùng số và ký hiệu 15/QĐ-SNV" in out
    assert "[hs]" in out and "12/SNV-VP" in out
    assert digitize_main(["records", str(archive), "--json"]) == ExitCode.OK
    listed = json.loads(capsys.readouterr().out)
    assert {r["CodeNumber"] for r in listed} == {"15", "12"}


def test_search_prints_ranked_hits_and_json(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert digitize_main(["search", str(archive), "cai cach hanh chinh"]) == ExitCode.OK
    captured = capsys.readouterr()
    assert "Tìm thấy 1 văn bản" in captured.out
    assert "«cải» «cách» «hành» «chính»" in captured.out
    assert "Đã cập nhật hồ sơ văn bản: 3 mới" in captured.err  # built on first use
    code = digitize_main(["search", str(archive), "dau tu", "--type", "QĐ", "--json"])
    assert code == ExitCode.OK
    payload = json.loads(capsys.readouterr().out)
    assert payload["total"] == 2
    assert all(h["TypeName"] == "Quyết định" for h in payload["hits"])
    assert digitize_main(["search", str(archive), "khong co tu nay"]) == ExitCode.OK
    assert "Không tìm thấy" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "{kho}", ""],
        ["search", "{kho}", '"'],
        ["search", "{kho}", "dau", "--from", "2015-02-30"],
        ["search", "{kho}", "dau", "--from", "2016", "--to", "2015"],
        ["revise", "{kho}", "15/QĐ-SNV", "IssuedDate=hôm qua"],
        ["revise", "{kho}", "99/QĐ-KHONG", "Subject=x"],
        ["revise", "{kho}", "cv.png", "khong-co-dau-bang"],
        ["export", "{kho}", "--format", "csv", "--out", "{kho}/ra", "--dossier", "khong"],
    ],
)
def test_bad_input_exits_with_a_vietnamese_message_not_a_traceback(
    archive: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    args = [a.replace("{kho}", str(archive)) for a in argv]
    code = digitize_main(args)
    err = capsys.readouterr().err
    assert code in (ExitCode.BAD_ARGS, ExitCode.ARCHIVE_INVALID)
    assert err.startswith("Lỗi: ") or "Lỗi: " in err
    assert "Traceback" not in err


def test_revise_stores_a_correction_and_shows_history(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["revise", str(archive), "cv.png", "Subject=Về việc sửa trụ sở", "--author", "Lan"]
    assert digitize_main(argv) == ExitCode.OK
    assert "Đã lưu chỉnh sửa" in capsys.readouterr().out
    assert digitize_main(["revise", str(archive), "cv.png", "--history"]) == ExitCode.OK
    history = capsys.readouterr().out
    assert "(Lan): Subject: 'báo cáo cải cách hành chính' → 'Về việc sửa trụ sở'" in history
    assert digitize_main(["search", str(archive), "tru so", "--json"]) == ExitCode.OK
    assert json.loads(capsys.readouterr().out)["total"] == 1


def test_export_writes_the_format_and_reports(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ra"
    argv = ["export", str(archive), "--format", "xlsx", "--out", str(out), "--dossier", "hs"]
    assert digitize_main(argv) == ExitCode.OK
    printed = capsys.readouterr().out
    assert "Đã xuất 2 văn bản (xlsx)" in printed
    assert (out / "van-ban.xlsx").exists()
    assert (out / "hs.pdf").exists() and (out / "hs.xml").exists()
    assert (out / "bao-cao-xuat.txt").exists()


# ------------------------------------------------------------------------- end to end

E2E_SAMPLES = {
    "hs-2022/vb-01.png": SAMPLES / "01-clean-png" / "vb-01.png",
    "hs-2016/vb-08.png": SAMPLES / "08-lowres-150dpi-png" / "vb-08.png",
}


@pytest.fixture(scope="module")
def digitized(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two committed sample pages OCR'd once by the real engine through the CLI."""
    root = tmp_path_factory.mktemp("e2e")
    for rel, source in E2E_SAMPLES.items():
        (root / "scans" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, root / "scans" / rel)
    argv = ["run", str(root / "scans"), "--out", str(root / "kho"), "--jobs", "2", "--no-progress"]
    assert digitize_main(argv) == ExitCode.OK
    return root / "kho"


@pytest.mark.tesseract
@pytest.mark.slow
def test_end_to_end_run_records_search_export(
    digitized: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert digitize_main(["records", str(digitized), "--list"]) == ExitCode.OK
    listed = capsys.readouterr().out
    assert "Hồ sơ văn bản: 2 (2 mới" in listed
    assert "184/STTTT-CNTT" in listed

    def hits(*argv: str) -> list[str]:
        assert digitize_main(["search", str(digitized), *argv, "--json"]) == ExitCode.OK
        return [h["source_path"] for h in json.loads(capsys.readouterr().out)["hits"]]

    # With and without diacritics, the same documents.
    assert hits("cai cach hanh chinh") == ["hs-2022/vb-01.png"]
    assert hits("cải cách hành chính") == ["hs-2022/vb-01.png"]
    assert hits('"chu ky so"') == hits('"chữ ký số"') == ["hs-2016/vb-08.png"]
    assert hits("184/STTTT-CNTT") == ["hs-2022/vb-01.png"]
    assert hits("", "--type", "CV") == ["hs-2022/vb-01.png"]
    assert hits("", "--dossier", "hs-2016") == ["hs-2016/vb-08.png"]

    out = tmp_path / "ra"
    for fmt in ("xlsx", "bagit"):
        argv = ["export", str(digitized), "--format", fmt, "--out", str(out)]
        assert digitize_main(argv) == ExitCode.OK
    frame = pd.read_excel(out / "van-ban.xlsx", sheet_name="Văn bản", dtype=str)
    assert set(frame["Số, ký hiệu văn bản"].dropna()) >= {"184/STTTT-CNTT"}
    bag = bagit.Bag(str(out / "bagit"))
    bag.validate()
    assert "data/documents/hs-2022/vb-01.pdf" in bag.payload_entries()


def test_dossier_command_sets_shows_and_refuses_bad_values(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``digitize dossier``: the archivist's hồ sơ fields, for one dossier or with --all for
    the whole archive; bad values and unknown dossiers exit with BAD_ARGS and say why."""
    kho = str(archive)
    argv = ["dossier", kho, "--all", "Creator=Trần Thị Lan", "--author", "lan"]
    assert digitize_main(argv) == ExitCode.OK
    assert "Đã lưu trường của cả kho" in capsys.readouterr().out
    assert digitize_main(["dossier", kho, "hs", "Maintenance=vinh vien"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "Maintenance (Thời hạn bảo quản): Vĩnh viễn" in out
    assert "Creator (Người lập hồ sơ): Trần Thị Lan" in out  # inherited from --all
    assert digitize_main(["dossier", kho, "hs", "--history"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "(lan): cả kho (mặc định cho mọi hồ sơ): Creator: '' → 'Trần Thị Lan'" in out
    assert "hồ sơ hs: Maintenance: '' → 'Vĩnh viễn'" in out
    assert digitize_main(["records", kho, "--json"]) == ExitCode.OK
    listed = {r["source_path"]: r for r in json.loads(capsys.readouterr().out)}
    assert listed["hs/a.png"]["Maintenance"] == "Vĩnh viễn"
    assert "Maintenance" not in listed["cv.png"]
    assert listed["cv.png"]["Creator"] == "Trần Thị Lan"
    assert digitize_main(["export", kho, "--format", "csv", "--out", str(archive / "ra")]) == 0
    capsys.readouterr()
    frame = pd.read_csv(archive / "ra" / "van-ban.csv", encoding="utf-8-sig", dtype=str)
    assert set(frame["Maintenance"].dropna()) == {"Vĩnh viễn"}
    assert set(frame["Creator"]) == {"Trần Thị Lan"}

    for bad, expected in (
        (["hs", "Maintenance=mãi mãi"], "Thời hạn bảo quản 'mãi mãi' không hợp lệ"),
        (["khong-co", "Rights=Công khai"], "Không có hồ sơ 'khong-co'"),
        (["Rights=Công khai"], "chưa phải tên hồ sơ"),
        ([], "hoặc --all"),
    ):
        assert digitize_main(["dossier", kho, *bad]) == ExitCode.BAD_ARGS
        err = capsys.readouterr().err
        assert expected in err and "Traceback" not in err
