"""Output for people and for machines: a one-line summary on stderr on every build (also when output is not a
terminal), `-v` paths on stdout, and `--format json` on build, check, list and preview in the documented shape."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from conftest import CLINIC, CLINIC_FILE, assert_clean_exit, edit_text
from handouts.cli import main


def invoke(*args):
    """stdout and stderr apart (CliRunner keeps both since click 8.2)."""
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="handouts")


def test_build_prints_a_summary_on_stderr_and_nothing_on_stdout(demo_root, tmp_path):
    out = tmp_path / "out"
    result = invoke("build", "dry-needling-aftercare", "--location", "leeds-headingley", "--project", demo_root,
                    "--out", out)
    assert_clean_exit(result, 0)
    assert result.stdout == ""
    assert re.fullmatch(r"1 built, 0 up to date, 0 failed in \d+\.\d\d s\n", result.stderr), result.stderr
    again = invoke("build", "dry-needling-aftercare", "--location", "leeds-headingley", "--project", demo_root,
                   "--out", out)
    assert re.fullmatch(r"nothing to do: 1 up to date \(\d+\.\d\d s\)\n", again.stderr)


def test_verbose_prints_every_path_written_on_stdout(demo_root, tmp_path):
    out = tmp_path / "out"
    result = invoke("build", "--location", "portland-pearl", "-v", "--project", demo_root, "--out", out)
    assert_clean_exit(result, 0)
    written = sorted(line.removeprefix("wrote ") for line in result.stdout.splitlines())
    assert written == sorted(str(p) for p in out.rglob("*.pdf"))
    assert len(written) == 4


def test_quiet_prints_nothing(demo_root, tmp_path):
    result = invoke("build", "--location", "leeds-headingley", "-q", "--project", demo_root, "--out", tmp_path)
    assert_clean_exit(result, 0)
    assert result.stdout == "" and result.stderr == ""


def test_build_json_shape(demo_root, tmp_path):
    out = tmp_path / "out"
    invoke("build", "dry-needling-aftercare", "--location", "leeds-headingley", "--project", demo_root, "--out", out)
    result = invoke("build", "--location", "leeds-headingley", "--format", "json", "--project", demo_root,
                    "--out", out)
    assert_clean_exit(result, 0)
    data = json.loads(result.stdout)
    assert data["command"] == "build" and data["out"] == str(out) and data["stopped"] is None
    assert {k: v for k, v in data["summary"].items() if k != "seconds"} == \
        {"selected": 2, "built": 1, "up_to_date": 1, "failed": 0, "not_started": 0}
    base = out / CLINIC / "leeds-headingley"
    assert [(p["path"], p["status"], p["findings"]) for p in data["pdfs"]] == [
        (str(base / "dry-needling-aftercare.en.pdf"), "up-to-date", []),
        (str(base / "dry-needling-brochure.en.pdf"), "built", []),
    ]
    assert data["pdfs"][1]["seconds"] > 0
    assert re.fullmatch(r"1 built, 1 up to date, 0 failed in \d+\.\d\d s\n", result.stderr) is None  # json: quiet
    assert result.stderr == ""


def test_build_json_lists_failures_with_their_findings(project_copy):
    edit_text(project_copy / CLINIC_FILE, "    languages: [en]\n", "    languages: [en, fr]\n")
    result = invoke("build", "--location", "leeds-headingley", "--format", "json", "--project", project_copy,
                    "--out", project_copy / "out")
    assert_clean_exit(result, 1)
    data = json.loads(result.stdout)
    failed = [p for p in data["pdfs"] if p["status"] == "failed"]
    assert [p["path"].rsplit("/", 1)[1] for p in failed] == ["dry-needling-aftercare.fr.pdf",
                                                             "dry-needling-brochure.fr.pdf"]
    finding = failed[0]["findings"][1]
    assert finding["code"] == "missing-translation" and finding["file"].endswith(CLINIC_FILE) and finding["line"] == 77
    assert finding["fix"].startswith("add the translation in content/topics/dry-needling-sciatica/fr/")
    assert data["summary"]["built"] == 2 and data["summary"]["failed"] == 2


def test_build_json_on_an_input_error(tmp_path):
    result = invoke("build", "--format", "json", "--project", tmp_path)
    assert_clean_exit(result, 1)
    data = json.loads(result.stdout)
    assert data["command"] == "build"
    assert data["error"].endswith("no content/ folder here: run handouts in a project folder or pass --project")
    assert data["findings"][0]["code"] == "invalid-input"


def test_check_json_shape(demo_root):
    result = invoke("check", "--format", "json", "--project", demo_root)
    data = json.loads(result.stdout)
    assert data["command"] == "check"
    assert set(data) == {"command", "findings", "documents", "summary"}
    assert set(data["summary"]) == {"error", "warning", "info"}
    for finding in data["findings"]:
        assert set(finding) == {"severity", "code", "message", "file", "line", "column", "page", "element", "fix",
                                "excerpt"}
        assert finding["fix"], finding


def test_list_json_shape(demo_root):
    result = invoke("list", "--format", "json", "--project", demo_root)
    assert_clean_exit(result, 0)
    data = json.loads(result.stdout)
    (clinic,) = data["clinics"]
    assert clinic["id"] == CLINIC and clinic["name"] == "Smith & Jones Physio"
    assert clinic["locations"][2] == {"id": "leeds-headingley", "name": "Headingley, Leeds", "paper": "a4",
                                      "languages": ["en"]}
    assert [d["id"] for d in data["documents"]] == ["dry-needling-aftercare", "dry-needling-brochure"]
    assert {layout["id"] for layout in data["layouts"]} >= {"aftercare", "trifold", "digital"}


def test_preview_json_shape(demo_root, tmp_path):
    result = invoke("preview", "dry-needling-aftercare", "--location", "leeds-headingley", "--format", "json",
                    "--dpi", "20", "--no-contact", "--project", demo_root, "--out", tmp_path / "out")
    assert_clean_exit(result, 0)
    data = json.loads(result.stdout)
    assert data["command"] == "preview" and data["contact_sheet"] is None
    assert len(data["pngs"]) == 1 and data["pngs"][0].endswith(".png")
    (pdf,) = data["pdfs"]
    assert pdf["document"] == "dry-needling-aftercare" and pdf["failed"] is None
    assert data["build"]["built"] == 1
