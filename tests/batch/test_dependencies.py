"""Rebuilds decided by what each PDF actually read: one byte changed in any file of the demo project rebuilds
exactly the PDFs that read that byte, and every PDF not rebuilt is byte-identical to a fresh build from scratch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest
import yaml

from handouts.api import build, load_project
from handouts.batch import fingerprint
from handouts.batch.make import make_pdf
from handouts.batch.manifest import Manifest
from handouts.editions import Options, edition_for
from handouts.errors import HandoutsError
from handouts.layout import Renderer
from handouts.load.reads import Dep
from handouts.load.yamlio import parse_yaml
from handouts.resolve import Job

EDITIONS = ("office", "print", "digital", "large-print")


def _build_all(root: Path, out: Path, force: bool = False) -> tuple[set[str], set[str]]:
    """Every edition of every document: (attempted keys, failed keys)."""
    project = load_project(root)
    attempted, failed = set(), set()
    for edition in EDITIONS:
        report = build(project, out, edition=edition, jobs=1, force=force)
        attempted |= set(report.built) | {o.key for o in report.failed}
        failed |= {o.key for o in report.failed}
    return attempted, failed


def _fresh(root: Path, manifest: Manifest, skip: set[str]) -> list[tuple[str, bytes | None]]:
    """Every PDF of the manifest but those in ``skip``, made again from the project as it is now (None where
    it cannot be made)."""
    project = load_project(root)
    renderer = Renderer(project)
    out = []
    for key, entry in sorted(manifest.entries.items()):
        if key in skip:
            continue
        job = Job(entry.document, entry.clinic, entry.location, entry.paper, entry.lang)  # type: ignore[arg-type]
        try:
            out.append((key, make_pdf(project, renderer, job, edition_for(project, entry.edition, Options(),
                                                                          entry.paper))))
        except HandoutsError:
            out.append((key, None))
    return out


def _text_candidates(path: Path) -> list[int]:
    """Offsets of letters inside YAML string values that read as text (they hold a space), then comments."""
    text = path.read_text(encoding="utf-8")
    offsets = []
    for node in _scalars(yaml.compose(text)):
        value = node.value
        if isinstance(value, str) and " " in value and node.tag.endswith(":str"):
            start = node.start_mark.index + (1 if node.style in ("'", '"') else 0)
            for i in range(start, min(node.end_mark.index, start + 60)):
                if text[i].isascii() and text[i].islower():
                    offsets.append(i)
                    break
    offsets += [i + 2 for i, ch in enumerate(text) if ch == "#" and text[i + 2: i + 3].isalpha()][:3]
    return offsets


def _scalars(node):  # noqa: ANN001, ANN202 - a composed YAML node
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            yield from _scalars(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item)


def _mutated(path: Path, offset: int) -> bytes:
    data = bytearray(path.read_bytes())
    if path.suffix == ".yaml":
        ch = chr(data[offset])
        data[offset] = ord("x" if ch != "x" else "y")
    else:
        data[offset] ^= 0x01
    return bytes(data)


def _readers(manifest: Manifest, rel: str, text: str | None, offset: int) -> set[str]:
    """Outputs whose recorded reads cover the changed byte: the whole file, or the part of it that holds it."""
    spans = {}
    if text is not None:
        doc = parse_yaml(text, Path(rel))
        for (key, index), (begin, end) in doc.spans.items():
            item = doc.data[key][index]
            if isinstance(item, dict) and "id" in item:
                spans[f"{key}/{item['id']}"] = (begin, end)
    out = set()
    for key, entry in manifest.entries.items():
        for dep in map(Dep.parse, entry.deps):
            if dep.path != rel:
                continue
            if not dep.part:
                out.add(key)
            elif dep.part.startswith("~"):
                if not any(b <= offset < e for name, (b, e) in spans.items() if name.startswith(dep.part[1:] + "/")):
                    out.add(key)
            elif dep.part in spans and spans[dep.part][0] <= offset < spans[dep.part][1]:
                out.add(key)
    return out


def _walked_files(root: Path) -> list[Path]:
    return sorted(p for folder in ("content", "layouts", "fonts") for p in (root / folder).rglob("*") if p.is_file())


def _code_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the package source to hash, so only the project's files change during a test."""
    source = tmp_path / "handouts-source"
    shutil.copytree(fingerprint.PACKAGE, source, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fingerprint, "PACKAGE", source)
    return source


def test_every_file_rebuilds_exactly_what_read_it(project_copy, tmp_path, monkeypatch):
    _code_snapshot(tmp_path, monkeypatch)
    root = project_copy
    out = tmp_path / "out"
    _build_all(root, out)
    read_by_none = []
    for path in _walked_files(root):
        rel = path.relative_to(root).as_posix()
        original = path.read_bytes()
        offsets = _text_candidates(path) if path.suffix == ".yaml" else [len(original) // 2]
        assert offsets, f"no byte to change in {rel}"
        for offset in offsets:
            path.write_bytes(_mutated(path, offset))
            try:
                load_project(root)
                break
            except Exception:  # noqa: BLE001 - this byte makes the project invalid: try the next one
                path.write_bytes(original)
        else:
            pytest.fail(f"every change to {rel} makes the project invalid; add a text value or comment to it")
        manifest = Manifest(out)
        expected = _readers(manifest, rel, original.decode() if path.suffix == ".yaml" else None, offset)
        attempted, _ = _build_all(root, out)
        assert attempted == expected, f"{rel}: rebuilt {sorted(attempted)}, but these read it: {sorted(expected)}"
        for key, made in _fresh(root, Manifest(out), attempted):
            assert made is not None, f"{rel}: {key} fails from scratch but was not rebuilt"
            assert made == (out / key).read_bytes(), \
                f"{rel}: {key} was not rebuilt, but a fresh build of it differs (a read was not recorded)"
        if not expected:
            read_by_none.append(rel)
        path.write_bytes(original)
        _build_all(root, out)
    # Files no PDF reads: font licences, the PNG twins of the SVG logos, the low-resolution test logo, fallback
    # fonts of a language no location serves, the kinds of document (checks only).
    assert {"fonts/NotoSans/OFL.txt", "content/document-kinds.yaml", "layouts/printers/icc/README.md"} <= \
        set(read_by_none)
    assert not [f for f in read_by_none if f.endswith(".svg") or f.startswith("content/topics")]


def test_a_changed_module_in_a_sub_package_rebuilds_everything(demo_root, tmp_path, monkeypatch):
    source = _code_snapshot(tmp_path, monkeypatch)
    out = tmp_path / "out"
    project = load_project(demo_root)
    first = build(project, out, jobs=1)
    assert first.built and not first.failed
    assert build(project, out, jobs=1).built == []
    panel = source / "layout" / "panels" / "cover.py"
    panel.write_text(panel.read_text() + "\n# a comment\n")
    again = build(project, out, jobs=1)
    assert sorted(again.built) == sorted(first.built)


def test_editing_the_digital_layout_rebuilds_the_digital_edition(project_copy, tmp_path):
    out = tmp_path / "out"
    project = load_project(project_copy)
    for edition in EDITIONS[::2]:
        build(project, out, edition=edition, jobs=1)
    layout = project_copy / "layouts/digital.yaml"
    text = layout.read_text()
    layout.write_text(text.replace("body: {size: 14pt, leading: 19pt", "body: {size: 15pt, leading: 20pt"))
    project = load_project(project_copy)
    assert build(project, out, jobs=1).built == []
    digital = build(project, out, edition="digital", jobs=1)
    assert len(digital.built) == 10 and not digital.failed


def test_changing_the_a4_bleed_rebuilds_the_a4_print_files(project_copy, tmp_path):
    root = project_copy
    out = tmp_path / "out"
    build(load_project(root), out, edition="print", jobs=1)
    printer = root / "layouts/printers/offset.yaml"
    printer.write_text(printer.read_text().replace("a4: 3mm", "a4: 5mm"))
    report = build(load_project(root), out, edition="print", jobs=1)
    assert len(report.built) == 10 and not report.failed  # every print file read the printer profile
    leeds = out / "smith-jones/leeds-headingley/dry-needling-brochure.en.print.pdf"
    with pikepdf.open(leeds) as pdf:
        trim, bleed = (list(map(float, pdf.pages[0][box])) for box in ("/TrimBox", "/BleedBox"))
    assert round(trim[0] - bleed[0], 2) == round(5 / 25.4 * 72, 2)
