"""Turn dates and fixed strings into the words of a locale: November 1, 2028 (en-US); 1 November 2028 (en-GB);
1 de noviembre de 2028 (es)."""

from __future__ import annotations

from datetime import date

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
}
DAY_FIRST = ("GB", "IE", "AU", "NZ")


def format_date(d: date, locale: str) -> str:
    """A date as the locale writes it."""
    lang = locale.split("-")[0]
    month = MONTHS.get(lang, MONTHS["en"])[d.month - 1]
    if lang == "es":
        return f"{d.day} de {month} de {d.year}"
    if locale.endswith(DAY_FIRST):
        return f"{d.day} {month} {d.year}"
    return f"{month} {d.day}, {d.year}"


def translate(strings: dict[str, str], key: str, **values: str) -> str:
    """A fixed string in the document's language, e.g. ``translate(strings, "call_us_open", hours=…)``."""
    text = strings.get(key, key)
    return text.format(**values) if values else text
