"""Turn what a tagged document is made of into structure elements: each element's tag, its children in reading
order (child elements, marked-content references and annotation references, in the order a reader meets them),
and what a reader needs besides its text (alternate text, actual text, language, a link's destination)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

HEADINGS = frozenset({"H1", "H2", "H3", "H4", "H5", "H6"})


class MC(NamedTuple):
    """A marked-content sequence: the page it is on (0-based) and its id there."""

    page: int
    mcid: int


class ObjRef(NamedTuple):
    """An annotation (a link or a form field's widget): its page (0-based) and its index in the page's /Annots."""

    page: int
    slot: int


@dataclass(eq=False, slots=True)
class Elem:
    """A structure element. ``tag`` "" makes a transparent group: its children stand in its parent's place (the
    panels of a brochure group what they hold in reading order without adding a level to the tree)."""

    tag: str
    alt: str | None = None
    # Its child elements and, as it is drawn, its marked content (MC) and annotations (ObjRef), in reading order.
    children: list[Any] = field(default_factory=list)
    link_alt: str | None = None  # how the links inside this element describe where they go
    lang: str | None = None  # the language of its text, when it is not the document's
    actual: str | None = None  # the text its glyphs stand for (a word hyphenated at a line end)
    href: str | None = None  # a Link's destination
    attrs: dict[str, str] = field(default_factory=dict)  # list attributes (ListNumbering)
    text: str = ""  # the words drawn in a heading (its bookmark's title)
    anchor: tuple[int, float] | None = None  # a heading's page and the top of its first line (its bookmark)

    def add(self, tag: str, alt: str | None = None) -> Elem:
        child = Elem(tag, alt)
        self.children.append(child)
        return child

    @property
    def is_heading(self) -> bool:
        return self.tag in HEADINGS

    def walk(self):
        """This element and every element below it, in reading order."""
        stack = [self]
        while stack:
            elem = stack.pop()
            yield elem
            stack += [kid for kid in reversed(elem.children) if isinstance(kid, Elem)]


def describe_link(href: str, text: str, given: str | None = None, call: str = "Call") -> str:
    """Where a link goes, in words, for its annotation's /Contents and its element's /Alt: the description the
    document gives, else a call to the number, the e-mail address, or the link's words and its address."""
    if given:
        return given
    scheme, _, rest = href.partition(":")
    words = " ".join(text.split())
    if scheme == "tel":
        return f"{call} {words or rest}"
    if scheme == "mailto":
        return rest
    plain = href.split("://", 1)[-1].rstrip("/")
    return plain if not words or words.rstrip("/") in (plain, href) else f"{words}: {plain}"
