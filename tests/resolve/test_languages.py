"""Languages: a location's languages become a matrix dimension; each edition uses its translated blocks,
fixed strings, dates, hours, hyphenation and /Lang; incomplete translations are input errors."""

from __future__ import annotations

import shutil

import pytest
from pypdf import PdfReader

from conftest import CLINIC, CLINIC_FILE, TOPIC_DIR, assert_clean_exit, edit_text, pdfs_under, run_build


def _text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture(scope="module")
def spanish(tmp_path_factory, demo_root):
    out = tmp_path_factory.mktemp("es")
    assert_clean_exit(run_build(demo_root, out, "--lang", "es"), 0)
    return out


def test_lang_option_builds_only_that_language(spanish):
    assert pdfs_under(spanish) == sorted(f"{CLINIC}/{loc}/{doc}.es.pdf" for loc in ("austin-zilker", "portland-pearl")
                                         for doc in ("dry-needling-aftercare", "dry-needling-brochure"))


def test_spanish_brochure_is_in_spanish(spanish):
    path = spanish / CLINIC / "portland-pearl/dry-needling-brochure.es.pdf"
    text = _text(path)
    for words in ("Punción seca para la ciática", "¿Qué es la ciática?", "Escanee para pedir cita en línea",
                  "1 de noviembre de 2028", "(503) 555-0142", "lun.–vie. 7 a. m.–7 p. m.", "Traducción sin revisión"):
        assert words in " ".join(text.split()), words
    reader = PdfReader(path)
    assert reader.trailer["/Root"]["/Lang"] == "es-US"
    assert reader.metadata.title.startswith("Punción seca para la ciática")


def test_spanish_sheet_uses_its_own_title_strings_and_hours(spanish):
    text = " ".join(_text(spanish / CLINIC / "austin-zilker/dry-needling-aftercare.es.pdf").split())
    for words in ("Después de su sesión de punción seca", "Su próxima cita", "Llámenos. Horario: lun.–jue.",
                  "Busque ayuda urgente: llame al 911"):
        assert words in text, words
    assert "Your next appointment" not in text and "Mon–Thu" not in text


def test_unknown_language_lists_the_ones_served(demo_root, tmp_path):
    result = run_build(demo_root, tmp_path, "--lang", "fr")
    assert_clean_exit(result, 1)
    assert "unknown language 'fr'; choose from: en, es" in result.output


def test_location_serving_a_language_without_translation(project_copy):
    """A missing translation fails only the PDFs that need it: Leeds in French; everything else builds."""
    edit_text(project_copy / CLINIC_FILE, "    languages: [en]\n", "    languages: [en, fr]\n")
    result = run_build(project_copy, project_copy / "out")
    assert_clean_exit(result, 1)
    assert f"{CLINIC_FILE}:77:5: locations[2] (leeds-headingley) serves 'fr', but topic 'dry-needling-sciatica' " \
           f"has no 'fr' translation (content/topics/dry-needling-sciatica/fr/)" in result.output
    assert "serves 'fr', but there are no layout strings for 'fr' (layouts/strings/fr.yaml)" in result.output
    assert "10 built, 0 up to date, 2 failed" in result.output
    assert len(pdfs_under(project_copy / "out")) == 10


def test_translation_missing_a_block_is_an_error(project_copy):
    (project_copy / TOPIC_DIR / "es" / "session.yaml").unlink()
    result = run_build(project_copy, project_copy / "out")
    assert_clean_exit(result, 1)
    assert "serves 'es', but the 'es' translation of topic 'dry-needling-sciatica' has no session.yaml (used by " \
           "dry-needling-brochure)" in result.output
    # Only the Spanish brochures use the session block: the Spanish aftercare sheets still build.
    assert "8 built, 0 up to date, 2 failed" in result.output


def test_hours_without_the_language_fail_only_that_location(project_copy):
    edit_text(project_copy / CLINIC_FILE, "      es: [lun.–jue. 8 a. m.–8 p. m., vie. 8 a. m.–5 p. m.]\n", "")
    out = project_copy / "out"
    result = run_build(project_copy, out)
    assert_clean_exit(result, 1)
    assert "locations[1] (austin-zilker): hours has no 'es' version (hours: {es: …})" in result.output
    assert f"{CLINIC}/austin-zilker/dry-needling-brochure.en.pdf" in pdfs_under(out)
    assert f"{CLINIC}/austin-zilker/dry-needling-brochure.es.pdf" not in pdfs_under(out)


def test_strings_file_missing_a_key(project_copy):
    path = project_copy / "layouts/strings/es.yaml"
    path.write_text("\n".join(line for line in path.read_text().splitlines() if not line.startswith("notes:")))
    result = run_build(project_copy, project_copy / "out")
    assert_clean_exit(result, 1)
    assert "layouts/strings/es.yaml:2:1: missing strings: notes" in result.output


def test_spanish_styles_and_hyphenation(demo_root):
    from handouts.layout.styles import Styles, hyphenation_language
    from handouts.load import load_project

    layout = load_project(demo_root).layouts["trifold"].model
    assert layout.styles_for("es")["body"].size == 10.5
    assert layout.styles_for("en")["body"].size == 11
    if shutil.which("true") and hyphenation_language("es"):
        styles = Styles(layout, None, {}, "es")
        assert styles.hyphenation == "es"


VIETNAMESE = "Phòng khám Nguyễn Thị Hường"


def test_characters_the_brand_font_lacks_need_a_fallback(project_copy):
    edit_text(project_copy / CLINIC_FILE, "name: Headingley, Leeds", f"name: {VIETNAMESE}")
    out = project_copy / "out"
    result = run_build(project_copy, out, "dry-needling-aftercare", "--location", "leeds-headingley")
    assert_clean_exit(result, 1)
    assert "character 'ễ' (U+1EC5) in location name is not in font 'Atkinson Hyperlegible Next'" in result.output


def test_fallback_font_sets_the_missing_characters(project_copy):
    edit_text(project_copy / CLINIC_FILE, "name: Headingley, Leeds", f"name: {VIETNAMESE}")
    edit_text(project_copy / CLINIC_FILE, "    vi: Noto Sans", '    vi: Noto Sans\n    "*": Noto Sans')
    out = project_copy / "out"
    result = run_build(project_copy, out, "dry-needling-aftercare", "--location", "leeds-headingley")
    assert_clean_exit(result, 0)
    reader = PdfReader(out / CLINIC / "leeds-headingley/dry-needling-aftercare.en.pdf")
    assert VIETNAMESE in " ".join(reader.pages[0].extract_text().split())
    fonts = {str(f.get_object()["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("NotoSans" in name for name in fonts) and any("AtkinsonHyperlegibleNext" in name for name in fonts)
