"""The print shop's package: one zip per location with its print PDFs, a one-page job sheet whose figures match
the PDFs' own boxes, and a proof of every page; the same files give the same bytes."""

from __future__ import annotations

import io
import re
import zipfile

import pikepdf
import pypdfium2 as pdfium

from conftest import CLINIC, assert_clean_exit, run_cli


def _package(demo_root, out, *args):
    result = run_cli("package", "--location", "portland-pearl", "--project", demo_root, "--out", out, *args)
    assert_clean_exit(result, 0)
    (path,) = (out / CLINIC / "portland-pearl").glob("*.zip")
    return path


def _text(pdf_bytes: bytes) -> str:
    doc = pdfium.PdfDocument(pdf_bytes)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def test_package_holds_the_print_files_job_sheet_and_proofs(demo_root, tmp_path):
    path = _package(demo_root, tmp_path / "out")
    assert path.name == "smith-jones-portland-pearl-print.zip"
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert names[0] == "job-sheet.pdf"
        pdfs = sorted(n for n in names if n.endswith(".print.pdf"))
        assert pdfs == ["dry-needling-aftercare.en.print.pdf", "dry-needling-aftercare.es.print.pdf",
                        "dry-needling-brochure.en.print.pdf", "dry-needling-brochure.es.print.pdf"]
        sheet = archive.read("job-sheet.pdf")
        with pikepdf.open(io.BytesIO(sheet)) as doc:
            assert len(doc.pages) == 1  # one page for the location's four files
        text = " ".join(_text(sheet).split())
        for name in pdfs:
            data = archive.read(name)
            assert data == (tmp_path / "out" / CLINIC / "portland-pearl" / name).read_bytes()
            with pikepdf.open(io.BytesIO(data)) as doc:
                trim = [float(v) for v in doc.pages[0].TrimBox]
                bleed = [float(v) for v in doc.pages[0].BleedBox]
                pages = len(doc.pages)
                intent = str(doc.Root.OutputIntents[0].OutputConditionIdentifier)
            # The sheet's row for this file says what the file's boxes say.
            row = text[text.index(name):]
            width, height = (trim[2] - trim[0]) / 72, (trim[3] - trim[1]) / 72
            assert re.search(rf"{pages} page\(s\).*trim {width:.3f} × {height:.3f} in", row)
            assert f"bleed {(trim[0] - bleed[0]) / 72:.3f} in" in row
            assert f"output intent {intent}" in row
            proofs = [n for n in names if n.startswith(f"proofs/{name.removesuffix('.pdf')}-")]
            assert len(proofs) == pages
        assert "roll fold" in text and "150 gsm coated silk" in text and "DN-SCI-01" in text


def test_the_same_files_make_the_same_package(demo_root, tmp_path):
    first = _package(demo_root, tmp_path / "a").read_bytes()
    again = _package(demo_root, tmp_path / "b").read_bytes()
    assert first == again


def test_a_variant_package_is_named_for_it(demo_root, tmp_path):
    path = _package(demo_root, tmp_path / "out", "--printer", "digital")
    assert path.name == "smith-jones-portland-pearl-print-digital.zip"


def test_list_outputs_names_what_a_build_writes(demo_root, tmp_path):
    result = run_cli("list", "--outputs", "--print", "--printer", "digital", "--project", demo_root)
    assert_clean_exit(result, 0)
    listed = result.output.split()
    assert len(listed) == 10 and all(name.endswith(".print-digital.pdf") for name in listed)
    out = tmp_path / "out"
    assert_clean_exit(run_cli("build", "--print", "--printer", "digital", "--project", demo_root, "--out", out), 0)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf")) == sorted(listed)
