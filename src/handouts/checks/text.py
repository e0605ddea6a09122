"""Turn blocks into the text the checks read: running text (what a reader reads as sentences), every string
an item holds, and what each item gives a reader (a list, steps, a call-out, an urgent warning)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from pydantic import BaseModel

from handouts.load import models as m
from handouts.load.items import kind_of

GENERIC_HEADINGS = {"introduction", "overview", "general information", "information", "other", "more information",
                    "details", "miscellaneous", "notes", "background", "summary", "misc",
                    "introducción", "resumen", "información", "información general", "más información", "otros",
                    "detalles", "notas", "antecedentes", "varios"}


_WORD = re.compile(r"\{\{\s*words\.(\w+)\s*\}\}")


def untemplated(text: str, words: Mapping[str, str] | None = None) -> str:
    """Text as a reader of any location reads it: ``{{ words.therapist }}`` is the language's word ("physical
    therapist"); any other template expression reads as one short word ('Call 555-0142' scores like 'Call
    it'); a link whose address is a template stays a link, so only its text is read ('[book online]({{
    location.booking_url }})' reads 'book online')."""
    if words:
        text = _WORD.sub(lambda m: words.get(m.group(1), m.group(0)), text)
    text = re.sub(r"\]\(\s*\{\{.*?\}\}\s*\)", "](https://link.invalid)", text)
    return re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "it", text)


def running_text(block: m.Block, words: Mapping[str, str] | None = None) -> list[str]:
    """Paragraphs, list items and call-out text: what a reader reads as sentences (no headings), with the
    language's ``words`` filled in."""
    return [untemplated(t.value, words) for item in block.body for t in kind_of(item).texts(item) if t.running]


def all_strings(block: m.Block) -> list[str]:
    """The heading and every string of every item, as written."""
    return [block.heading, *(t.value for item in block.body for t in kind_of(item).texts(item))]


def paragraphs(items: list[BaseModel]) -> list[str]:
    """The texts that stand as paragraphs (not list entries or titles)."""
    return [t.value for item in items if kind_of(item).key == "p" for t in kind_of(item).texts(item)]


def features(blocks: list[m.Block]) -> set[str]:
    """What the blocks' items give a reader: "list", "steps", "callout", "urgent"."""
    return {f for b in blocks for item in b.body for f in kind_of(item).item_features(item)}


def is_vague(heading: str) -> bool:
    text = heading.strip().strip("¿¡").rstrip("?:.!").lower()
    return text in GENERIC_HEADINGS or len(text.split()) < 2


def glossary(topic: m.Topic) -> list[str]:
    return [g.term for g in topic.glossary]
