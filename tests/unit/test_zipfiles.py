"""Walking ZIP attachments safely: folders, limits on entries / total size / ratio, password-protected entries,
unsafe names, damaged archives, shared budgets for nested archives."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from intake.zipfiles import ZipBudget, ZipLimits, ZipProblem, is_office_document, walk_zip


def make_zip(path: Path, files: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=compression) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def mark_encrypted(data: bytes) -> bytes:
    """Set the 'encrypted' flag on every entry, as a password-protected archive has it (zipfile cannot write
    one): bit 0 of the flags in each local header (offset 6) and central directory header (offset 8)."""
    out = bytearray(data)
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = out.find(sig)
        while pos != -1:
            out[pos + offset] |= 0x01
            pos = out.find(sig, pos + 4)
    return bytes(out)


def _walk(path: Path, tmp_path: Path, limits: ZipLimits | None = None, budget: ZipBudget | None = None) -> list:
    scratch = tmp_path / "scratch"
    scratch.mkdir(exist_ok=True)
    return list(walk_zip(path, scratch, archive_name=path.name, limits=limits or ZipLimits(), budget=budget))


def test_files_in_nested_folders_are_returned_with_their_paths_and_bytes(tmp_path: Path) -> None:
    z = make_zip(
        tmp_path / "docs.zip",
        {"top.pdf": b"%PDF-1.4 a", "2026/noviembre/factura.xml": b"<a/>", "2026/empty/": b""},
    )
    entries = _walk(z, tmp_path)
    assert [(e.path, e.problem) for e in entries] == [("top.pdf", None), ("2026/noviembre/factura.xml", None)]
    assert entries[1].file.read_bytes() == b"<a/>"
    assert entries[1].file.parent == tmp_path / "scratch"  # never written by its own name


def test_password_protected_entries_are_reported_not_read(tmp_path: Path) -> None:
    z = tmp_path / "secret.zip"
    z.write_bytes(mark_encrypted(zip_bytes({"factura.pdf": b"%PDF-1.4 x" * 100})))
    entries = _walk(z, tmp_path)
    assert len(entries) == 1
    assert entries[0].file is None
    code, reason = entries[0].problem
    assert code == "encrypted"
    assert "password" in reason and "factura.pdf" in reason


def test_a_file_that_inflates_far_beyond_its_compressed_size_is_a_zip_bomb(tmp_path: Path) -> None:
    z = make_zip(tmp_path / "bomb.zip", {"zeros.pdf": b"\0" * (20 * 1024 * 1024), "ok.xml": b"<a/>"})
    entries = _walk(z, tmp_path)
    bomb, ok = entries
    assert bomb.file is None and bomb.problem[0] == "zip_bomb"
    assert "ZIP bomb" in bomb.problem[1]
    assert ok.problem is None and ok.file.read_bytes() == b"<a/>"


def test_archives_over_the_total_size_or_entry_count_are_refused_whole(tmp_path: Path) -> None:
    z = make_zip(tmp_path / "big.zip", {f"f{i}.xml": b"x" * 1000 for i in range(10)})
    with pytest.raises(ZipProblem) as exc:
        _walk(z, tmp_path, ZipLimits(max_total_bytes=5000))
    assert exc.value.code == "archive_too_large"
    with pytest.raises(ZipProblem) as exc:
        _walk(z, tmp_path, ZipLimits(max_entries=5))
    assert exc.value.code == "too_many_files"
    assert "10 files" in exc.value.reason


def test_a_nested_archive_spends_the_same_budget(tmp_path: Path) -> None:
    limits = ZipLimits(max_entries=3)
    budget = ZipBudget.of(limits)
    z1 = make_zip(tmp_path / "a.zip", {"1.xml": b"<a/>", "2.xml": b"<a/>"})
    z2 = make_zip(tmp_path / "b.zip", {"3.xml": b"<a/>", "4.xml": b"<a/>"})
    assert len(_walk(z1, tmp_path, limits, budget)) == 2
    with pytest.raises(ZipProblem):
        _walk(z2, tmp_path, limits, budget)


def test_entries_larger_than_the_upload_limit_are_not_unpacked(tmp_path: Path) -> None:
    z = make_zip(tmp_path / "a.zip", {"big.pdf": b"%PDF" + bytes(range(256)) * 8000}, compression=zipfile.ZIP_STORED)
    (entry,) = _walk(z, tmp_path, ZipLimits(max_entry_bytes=1024 * 1024))
    assert entry.file is None and entry.problem[0] == "too_large"


@pytest.mark.parametrize("name", ["../../etc/cron.d/evil.pdf", "/etc/passwd", "C:\\Windows\\evil.pdf", "a/../../b.xml"])
def test_names_that_point_outside_the_archive_are_kept_but_flagged(tmp_path: Path, name: str) -> None:
    z = make_zip(tmp_path / "t.zip", {name: b"%PDF-1.4"})
    (entry,) = _walk(z, tmp_path)
    assert entry.problem is not None and entry.problem[0] == "unsafe_path"
    assert entry.file is not None and entry.file.read_bytes() == b"%PDF-1.4"
    assert entry.file.parent == tmp_path / "scratch"
    assert not (tmp_path / "etc").exists()


def test_symlink_entries_are_not_followed(tmp_path: Path) -> None:
    z = tmp_path / "link.zip"
    with zipfile.ZipFile(z, "w") as zf:
        info = zipfile.ZipInfo("passwd.pdf")
        info.create_system = 3
        info.external_attr = 0o120777 << 16
        zf.writestr(info, "/etc/passwd")
    (entry,) = _walk(z, tmp_path)
    assert entry.problem[0] == "symlink" and entry.file is None


def test_damaged_archives_raise_a_clear_problem(tmp_path: Path) -> None:
    z = tmp_path / "cut.zip"
    z.write_bytes(zip_bytes({"a.pdf": b"%PDF-1.4" * 1000})[:-30])
    with pytest.raises(ZipProblem) as exc:
        _walk(z, tmp_path)
    assert exc.value.code == "damaged_archive"
    assert "cut.zip is damaged" in exc.value.reason


def test_an_entry_whose_data_is_corrupt_is_reported_and_the_walk_goes_on(tmp_path: Path) -> None:
    data = bytearray(zip_bytes({"a.xml": b"<a>" + b"x" * 5000 + b"</a>", "b.xml": b"<b/>"}))
    pos = data.find(b"PK\x03\x04") + 30 + len("a.xml") + 5  # inside a.xml's compressed data
    data[pos] ^= 0xFF
    z = tmp_path / "bad.zip"
    z.write_bytes(bytes(data))
    a, b = _walk(z, tmp_path)
    assert a.file is None and a.problem[0] == "damaged_archive"
    assert b.problem is None and b.file.read_bytes() == b"<b/>"


def test_office_documents_are_recognised(tmp_path: Path) -> None:
    docx = make_zip(tmp_path / "r.docx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
    odt = make_zip(tmp_path / "r.odt", {"mimetype": b"application/vnd.oasis.opendocument.text"})
    plain = make_zip(tmp_path / "p.zip", {"a.pdf": b"%PDF"})
    assert is_office_document(docx) and is_office_document(odt)
    assert not is_office_document(plain)
    assert not is_office_document(tmp_path / "missing.zip")
