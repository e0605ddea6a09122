"""PEMAT-P as a reviewer would sign it: all 24 printable items (17 understandability, 7 actionability) for every
document in every language, each met, not met, not applicable or left to a person, with its evidence; the
machine score is over the items software decided and says so; nothing outside PEMAT counts; an action step
counts only when the reader takes it."""

from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import TOPIC_DIR, assert_clean_exit, run_cli
from handouts.checks import CheckOptions, check
from handouts.checks.report import MET, NOT_APPLICABLE, NOT_MET, PERSON, STATUSES, PematItem, machine_score

PRINTABLE_ITEMS = [*range(1, 13), *range(15, 27)]  # items 13 and 14 are for audiovisual material only
UNDERSTANDABILITY = [*range(1, 13), *range(15, 20)]
ACTIONABILITY = list(range(20, 27))
BROCHURE, AFTERCARE = "dry-needling-brochure", "dry-needling-aftercare"


def _check(project, **options):
    return check(project, CheckOptions(today=date(2026, 11, 23), **options))


def _summary(report, name: str, lang: str = "en"):
    return next(d for d in report.documents if d.name == name and d.lang == lang)


def _item(summary, number: int) -> PematItem:
    return next(i for i in summary.pemat if i.number == number)


@pytest.fixture(scope="module")
def demo(demo_root):
    return _check(demo_root)


def test_every_document_in_every_language_lists_all_24_items(demo):
    assert len(PRINTABLE_ITEMS) == 24 and len(UNDERSTANDABILITY) == 17 and len(ACTIONABILITY) == 7
    assert {(d.name, d.lang) for d in demo.documents} == {(n, lang) for n in (BROCHURE, AFTERCARE)
                                                          for lang in ("en", "es")}
    for summary in demo.documents:
        assert [i.number for i in summary.pemat] == PRINTABLE_ITEMS
        assert [i.number for i in summary.pemat if i.domain == "understandability"] == UNDERSTANDABILITY
        assert [i.number for i in summary.pemat if i.domain == "actionability"] == ACTIONABILITY
        for item in summary.pemat:
            assert item.status in STATUSES and item.evidence and item.text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_brochure_reaches_80_percent_of_the_decidable_items(demo, lang):
    brochure = _summary(demo, BROCHURE, lang)
    assert brochure.understandability >= 80 and brochure.actionability >= 80
    assert brochure.pemat_score >= 80
    # What software cannot judge is left to a person, never counted as met.
    for number in (2, 3, 5, 10, 15):
        assert _item(brochure, number).status == PERSON
    assert _item(brochure, 11).status == MET and "key-points" in _item(brochure, 11).evidence
    assert _item(brochure, 23).status == PERSON  # no tool to fill in; whether one would help is a judgement


def test_decidable_items_and_their_evidence_on_the_aftercare_sheet(demo):
    sheet = _summary(demo, AFTERCARE)
    assert _item(sheet, 23).status == MET and "appointment panel" in _item(sheet, 23).evidence
    assert _item(sheet, 11).status == PERSON  # no key points; the main message may serve: a person decides
    assert _item(sheet, 20).status == MET and "'Keep moving gently.'" in _item(sheet, 20).evidence
    for number in (16, 17, 18, 19, 25):  # no illustrations, tables or charts in the demo
        assert _item(sheet, number).status == NOT_APPLICABLE


def test_the_machine_score_is_over_decided_items_only():
    items = [PematItem(1, "understandability", "a", MET, "e"), PematItem(2, "understandability", "b", PERSON, "e"),
             PematItem(8, "understandability", "c", NOT_MET, "e"), PematItem(16, "understandability", "d",
                                                                             NOT_APPLICABLE, "e"),
             PematItem(20, "actionability", "e", MET, "e")]
    assert machine_score(items) == round(100 * 2 / 3)
    assert machine_score(items, "understandability") == 50
    assert machine_score(items, "actionability") == 100
    assert machine_score([PematItem(2, "understandability", "b", PERSON, "e")]) is None


def test_steps_that_someone_else_takes_are_not_reader_actions(project_copy, edit):
    steps = ("      - Tell them about your health and medicines, and ask your questions.\n"
             "      - Say yes only if you want to go ahead. You can ask to stop at any time.\n"
             "      - Lie down in a way that feels comfortable.\n")
    edit(f"{TOPIC_DIR}/session.yaml", steps, "      - They place the needles.\n      - They take them out.\n"
                                             "      - They write down what they did.\n")
    edit(f"{TOPIC_DIR}/aftercare.yaml", "      - Keep moving gently. Short walks help.\n", "      - Walks help.\n")
    edit(f"{TOPIC_DIR}/aftercare.yaml", "      - Use heat or ice, and do your exercises, as your therapist advised.\n",
         "      - Heat or ice can help.\n")
    edit(f"{TOPIC_DIR}/aftercare.yaml", "      - Avoid hard exercise for a day.\n", "      - Hard exercise can wait.\n")
    brochure = _summary(_check(project_copy), BROCHURE)
    steps_item = _item(brochure, 22)
    assert steps_item.status == NOT_MET  # four numbered steps, all the therapist's: not the reader's
    assert "only in running text" in steps_item.evidence
    assert _item(brochure, 20).status == MET  # "Call us", "Ask us" … are still actions for the reader


def test_an_action_told_about_someone_else_is_not_direct(project_copy, edit):
    edit(f"{TOPIC_DIR}/aftercare.yaml", "      - Avoid hard exercise for a day.",
         "      - Avoid hard exercise for a day.\n      - The soreness should pass on its own.")
    assert _item(_summary(_check(project_copy), AFTERCARE), 21).status == MET  # a "should" about things
    edit(f"{TOPIC_DIR}/aftercare.yaml", "      - The soreness should pass on its own.",
         "      - Patients should drink water.")
    item = _item(_summary(_check(project_copy), AFTERCARE), 21)
    assert item.status == NOT_MET and "'Patients should drink water.'" in item.evidence
    edit(f"{TOPIC_DIR}/es/aftercare.yaml", "      - Evite el ejercicio fuerte por un día.",
         "      - Evite el ejercicio fuerte por un día.\n      - Los pacientes deben tomar agua.")
    item = _item(_summary(_check(project_copy), AFTERCARE, "es"), 21)
    assert item.status == NOT_MET and "'Los pacientes deben tomar agua.'" in item.evidence


def test_without_key_points_the_summary_is_left_to_a_person(project_copy, edit):
    edit("content/documents/dry-needling-brochure.yaml", "flap: [key_points, ", "flap: [")
    item = _item(_summary(_check(project_copy), BROCHURE), 11)
    assert item.status == PERSON and "main message" in item.evidence


def test_an_unexplained_term_fails_item_4_in_its_language_only(project_copy, edit):
    edit(f"{TOPIC_DIR}/es/mechanism.yaml", "puntos gatillo (nudos tensos y sensibles en un\n      músculo)",
         "puntos gatillo")
    report = _check(project_copy)
    spanish, english = _item(_summary(report, BROCHURE, "es"), 4), _item(_summary(report, BROCHURE, "en"), 4)
    assert spanish.status == NOT_MET and "punto gatillo" in spanish.evidence
    assert english.status == MET


def test_a_low_machine_score_is_a_warning_naming_the_items(project_copy, edit):
    edit(f"{TOPIC_DIR}/aftercare.yaml", "      - Avoid hard exercise for a day.",
         "      - Avoid hard exercise for a day.\n      - Patients should drink water.")
    edit(f"{TOPIC_DIR}/aftercare.yaml", "      - Keep moving gently. Short walks help.\n", "      - Walks help.\n")
    edit(f"{TOPIC_DIR}/aftercare.yaml", "      - Use heat or ice, and do your exercises, as your therapist advised.\n",
         "      - Heat or ice can help.\n")
    findings = [f for f in _check(project_copy).findings if f.code == "pemat" and f.severity == "warning"
                and "'dry-needling-aftercare' (en)" in f.message]
    assert findings, "no PEMAT warning"
    assert "of the decidable actionability items of PEMAT-P" in findings[0].message
    assert "21. The material addresses the user directly" in findings[0].message


def test_cli_lists_every_item_and_json_carries_them(demo_root):
    result = run_cli("check", "--pemat", "--project", demo_root)
    assert_clean_exit(result, 0)
    assert "PEMAT-P over the 9 of 24 items software can decide: understandability 100 %, actionability 100 %" \
        in result.output
    assert result.output.count("    26. [") == 4  # every document, every language
    assert "    11. [met] The material provides a summary" in result.output
    data = json.loads(run_cli("check", "--format", "json", "--project", demo_root).output)
    for document in data["documents"]:
        pemat = document["pemat"]
        assert [i["number"] for i in pemat["items"]] == PRINTABLE_ITEMS
        assert pemat["scored_over"].startswith("the items software can decide")
        assert sum(pemat["counts"].values()) == 24
        assert {i["status"] for i in pemat["items"]} <= set(STATUSES)
        assert document["pemat_score"] == round(100 * pemat["counts"]["met"] /
                                                (pemat["counts"]["met"] + pemat["counts"]["not met"]))
