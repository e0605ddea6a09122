"""Shared fixtures: the demo project, throw-away copies of it, a CLI runner, and one build of the whole demo
that the PDF tests share (rendering costs ~50 ms a document, so each demo PDF is made once per session)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from handouts.cli import main

REPO_ROOT = Path(__file__).resolve().parent.parent
PROJECT_FOLDERS = ("content", "layouts", "fonts")

CLINIC = "smith-jones"
CLINIC_FILE = "content/clinics/smith-jones.yaml"
TOPIC_DIR = "content/topics/dry-needling-sciatica"
LOCATIONS = ("portland-pearl", "austin-zilker", "leeds-headingley")
DOCUMENTS = ("dry-needling-aftercare", "dry-needling-brochure")
LANGUAGES = {"portland-pearl": ("en", "es"), "austin-zilker": ("en", "es"), "leeds-headingley": ("en",)}
ALL_PDFS = sorted(f"{CLINIC}/{loc}/{doc}.{lang}.pdf" for loc in LOCATIONS for doc in DOCUMENTS
                  for lang in LANGUAGES[loc])


# ---------------------------------------------------------------------------------------------------- helpers


def edit_text(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in ``path`` by ``new``; fail unless ``old`` is there exactly
    once, so an edit can never silently do nothing."""
    text = path.read_text(encoding="utf-8")
    count = text.count(old)
    assert count == 1, f"expected {old!r} once in {path}, found it {count} times"
    path.write_text(text.replace(old, new), encoding="utf-8")


def run_cli(*args: str) -> Result:
    """Invoke ``handouts`` in-process; ``result.output`` holds stdout and stderr."""
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="handouts")


def run_build(project: Path, out: Path, *args: str) -> Result:
    """``handouts build --verbose`` (a test's output is not a terminal: without it only errors are printed)."""
    return run_cli("build", *args, "--verbose", "--project", project, "--out", out)


def pdfs_under(out: Path) -> list[str]:
    """Every PDF below ``out``, as sorted POSIX paths relative to it ([] when ``out`` does not exist)."""
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf")) if out.exists() else []


def files_under(out: Path) -> list[str]:
    """Every file below ``out`` but the build manifest (PDFs and anything else, e.g. stray temporary files)."""
    if not out.exists():
        return []
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()
                  and p.name != ".handouts-manifest.json")


def assert_clean_exit(result: Result, code: int) -> None:
    """The command ended with ``code`` through click's own handling: no Python exception escaped (CliRunner
    swallows tracebacks, so ``result.exception`` is the only way to see a crash), no traceback printed."""
    escaped = result.exception if not isinstance(result.exception, SystemExit) else None
    assert escaped is None, f"unhandled {type(escaped).__name__}: {escaped}\n{result.output}"
    assert "Traceback" not in result.output
    assert result.exit_code == code, result.output


# --------------------------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def demo_root() -> Path:
    """The repository root: the folder holding the demo's content/, layouts/ and fonts/."""
    assert all((REPO_ROOT / name).is_dir() for name in PROJECT_FOLDERS)
    return REPO_ROOT


@pytest.fixture
def project_copy(tmp_path: Path, demo_root: Path) -> Path:
    """A private copy of the demo project in ``tmp_path`` (edit it freely); returns ``tmp_path``."""
    for name in PROJECT_FOLDERS:
        shutil.copytree(demo_root / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def edit(project_copy: Path):
    """``edit("content/clinics/smith-jones.yaml", old, new)``: a text replacement in the project copy."""

    def _edit(relative: str, old: str, new: str) -> Path:
        path = project_copy / relative
        edit_text(path, old, new)
        return path

    return _edit


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory, demo_root: Path) -> tuple[Result, Path]:
    """The whole demo built once through the CLI: (result, output folder)."""
    out = tmp_path_factory.mktemp("demo-build") / "out"
    result = run_build(demo_root, out)
    assert_clean_exit(result, 0)
    return result, out


@pytest.fixture(scope="session")
def demo_out(demo_build) -> Path:
    """The output folder of the one session-wide demo build."""
    return demo_build[1]
