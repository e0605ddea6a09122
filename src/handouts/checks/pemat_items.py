"""Turn a document in one language into the 24 items of PEMAT-P (the AHRQ Patient Education Materials
Assessment Tool for printable materials: 17 understandability, 7 actionability), each met, not met, not
applicable, or left to a person, with the evidence. Software decides only what the text's structure shows;
judgements (distracting content, everyday language, logical order, whether a picture would help) are left
to a person, with what the software found to help them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from pydantic import BaseModel

from handouts.checks.blocks import MAX_BLOCK_WORDS, MAX_PARAGRAPH_WORDS
from handouts.checks.documents import unexplained
from handouts.checks.material import Material
from handouts.checks.readability import formula, is_instruction, measure, sentences, uses_term
from handouts.checks.report import MET, NOT_APPLICABLE, NOT_MET, PERSON, PematItem
from handouts.checks.text import features, is_vague, paragraphs, running_text
from handouts.load import models as m
from handouts.load.items import kind_of

U, A = "understandability", "actionability"
VISUAL_KINDS = frozenset({"figure", "image", "picture", "illustration", "diagram", "chart", "photo"})
TABLE_KINDS = frozenset({"table"})
TOOL_ROLES = frozenset({"appointment"})  # panels a reader writes in or ticks: a tangible tool
TOOL_KINDS = frozenset({"checklist", "form", "planner", "tracker"})
SHORT_SECTIONS = 2  # PEMAT marks chunking, headers and summary N/A on very short material: one or two sections
_NUMBER = re.compile(r"\d[\d,.]*(?:\s*%)?")
_PASSIVE = {
    "en": re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?(?:\w{3,}ed|given|done|seen|shown|known|"
                     r"made|taken|put|found|told|kept|left|felt|held|set)\b", re.I),
    "es": re.compile(r"\b(?:es|son|fue|fueron|será|serán|sido|ser|está|están)\s+\w+(?:ado|ada|ados|adas|ido|ida|"
                     r"idos|idas)\b|\bse\s+(?:usa|usan|llama|llaman|inyecta|aplica|aplican|tratan?)\b", re.I),
}
# An action told about someone else ("Patients should rest", "Las personas deben…"): PEMAT item 21 asks for
# actions told to the reader. A "should" about things ("it should pass") is not an action.
_THIRD_PERSON_ACTION = {
    "en": re.compile(r"\b(?:patients?|people|persons?|everyone|anyone|someone|adults|the reader|they)\s+"
                     r"(?:should|must|need to|needs to|have to|has to|ought to)\b", re.I),
    "es": re.compile(r"\b(?:(?:los|las|el|la)\s+pacientes?|(?:las|la)\s+personas?|todos|todas|cualquiera|ellos|"
                     r"ellas)\s+(?:no\s+)?(?:debe|deben|tiene que|tienen que|necesita|necesitan)\b", re.I),
}


def _quote(texts: list[str], n: int = 3) -> str:
    shown = [f"'{t if len(t) <= 60 else t[:57] + '…'}'" for t in texts[:n]]
    return ", ".join(shown) + (f" and {len(texts) - n} more" if len(texts) > n else "")


@dataclass
class Facts:
    """What the checks read off one document in one language, once."""

    doc: Material

    @cached_property
    def sentences(self) -> list[str]:
        return sentences(self.doc.reader_texts)

    @cached_property
    def instructions(self) -> list[str]:
        return [s for s in self.sentences if is_instruction(s, self.doc.lang)]

    @cached_property
    def items(self) -> list[tuple[m.Block, BaseModel]]:
        return [(b, item) for b in self.doc.teaching for item in b.body]

    def of_kind(self, kinds: frozenset[str]) -> list[BaseModel]:
        """Items of these kinds, or that say they give the reader one of them."""
        return [item for _, item in self.items
                if kind_of(item).key in kinds or kinds & kind_of(item).item_features(item)]

    @cached_property
    def numbers(self) -> list[str]:
        """Numbers in the text, in the order they first appear ("1 in 13" gives 1 and 13)."""
        found = (n.group().strip().rstrip(".,") for t in self.doc.reader_texts for n in _NUMBER.finditer(t))
        return list(dict.fromkeys(found))

    @cached_property
    def reader_lists(self) -> list[tuple[str, list[str], list[str]]]:
        """Lists (steps or bullets) whose items are mostly things the reader does: (kind, items, the items that
        are instructions to the reader). A list of what someone else does is not one of them."""
        out = []
        for _, item in self.items:
            key = kind_of(item).key
            if key not in ("steps", "bullets"):
                continue
            entries = [t.value for t in kind_of(item).texts(item) if t.running]
            told = [e for e in entries if any(is_instruction(s, self.doc.lang) for s in sentences([e]))]
            if entries and len(told) * 2 > len(entries):
                out.append((key, entries, told))
        return out

    @property
    def very_short(self) -> bool:
        return len(self.doc.teaching) <= SHORT_SECTIONS


Rule = Callable[[Facts], tuple[str, str]]


def _purpose(f: Facts) -> tuple[str, str]:
    if f.doc.title and f.doc.main_message.strip():
        return MET, (f"the title '{f.doc.title}' and the main message open the document: "
                     f"{_quote([' '.join(f.doc.main_message.split())], 1)}")
    return NOT_MET, "no main message: set main_message on the document or its topic"


def _distracting(f: Facts) -> tuple[str, str]:
    return PERSON, f"{len(f.doc.blocks)} sections; a person judges whether each serves the purpose: " + \
        _quote([b.heading for b in f.doc.blocks], 12)


def _everyday(f: Facts) -> tuple[str, str]:
    figures = measure(f.doc.reader_texts, f.doc.glossary, f.doc.lang).standard
    scores = ", ".join(f"{formula(k).label} {v:.1f}" for k, v in figures.scores.items())
    return PERSON, (f"standard reading figures {scores or '(no formula for this language)'}; "
                    f"{figures.avg_sentence_words:.1f} words a sentence; a person judges the words themselves")


def _terms_defined(f: Facts) -> tuple[str, str]:
    missing = unexplained(f.doc)
    if missing:
        return NOT_MET, "used without an explanation: " + ", ".join(t for _, t in missing)
    used = [e.term for e in f.doc.topic_set.topic.value.glossary if uses_term(e.term, f.doc.reader_texts)]
    if not used:
        return MET, "the document uses none of the topic's glossary terms; terms outside the glossary are not checked"
    return MET, (f"every glossary term the document uses is explained where it is used ({', '.join(used)}); "
                 "terms outside the topic's glossary are not checked")


def _active_voice(f: Facts) -> tuple[str, str]:
    pattern = _PASSIVE.get(f.doc.lang)
    if pattern is None:
        return PERSON, "no passive-voice pattern for this language"
    passive = [s for s in f.sentences if pattern.search(s)]
    return PERSON, (f"{len(passive)} of {len(f.sentences)} sentences look passive"
                    + (f", e.g. {_quote(passive, 2)}" if passive else "") + "; a person confirms")


def _numbers_clear(f: Facts) -> tuple[str, str]:
    if not f.numbers:
        return NOT_APPLICABLE, "the text has no numbers"
    return PERSON, f"numbers used: {', '.join(f.numbers)}; a person judges whether each is clear"


def _no_calculation(f: Facts) -> tuple[str, str]:
    if not f.numbers:
        return MET, "the text has no numbers, so nothing to calculate"
    return PERSON, f"numbers used: {', '.join(f.numbers)}; a person judges whether any asks for a calculation"


def _chunks(f: Facts) -> tuple[str, str]:
    if f.very_short:
        return NOT_APPLICABLE, f"very short: {len(f.doc.teaching)} section(s)"
    longest = max((sum(len(t.split()) for t in running_text(b)), b.heading) for b in f.doc.teaching)
    paragraph = max((len(p.split()) for b in f.doc.teaching for p in paragraphs(b.body)), default=0)
    status = MET if longest[0] <= MAX_BLOCK_WORDS and paragraph <= MAX_PARAGRAPH_WORDS else NOT_MET
    return status, (f"{len(f.doc.teaching)} sections; the longest is '{longest[1]}' with {longest[0]} words "
                    f"(limit {MAX_BLOCK_WORDS}); the longest paragraph has {paragraph} words "
                    f"(limit {MAX_PARAGRAPH_WORDS})")


def _headers(f: Facts) -> tuple[str, str]:
    if f.very_short:
        return NOT_APPLICABLE, f"very short: {len(f.doc.teaching)} section(s)"
    vague = [b.heading for b in f.doc.teaching if is_vague(b.heading)]
    if vague:
        return NOT_MET, "headings that do not say what the section is about: " + _quote(vague, 5)
    return MET, "every section has a heading that names its point: " + _quote([b.heading for b in f.doc.teaching], 12)


def _sequence(f: Facts) -> tuple[str, str]:
    return PERSON, "reading order: " + " → ".join(b.heading for b in f.doc.blocks)


def _summary(f: Facts) -> tuple[str, str]:
    if f.very_short:
        return NOT_APPLICABLE, f"very short: {len(f.doc.teaching)} section(s)"
    recap = [b.heading for b in f.doc.teaching if b.kind == "key_points"]
    if recap:
        return MET, f"a key-points section recaps the document: '{recap[0]}'"
    return PERSON, ("no key-points section; the main message at the top may serve as the summary: "
                    + _quote([" ".join(f.doc.main_message.split())], 1) + "; a person decides")


def _cues(f: Facts) -> tuple[str, str]:
    has = features(list(f.doc.teaching))
    bold = any("**" in t for t in f.doc.texts)
    found = [name for name, yes in (("lists", "list" in has), ("numbered steps", "steps" in has),
                                    ("call-out boxes", "callout" in has), ("bold", bold)) if yes]
    if found:
        return MET, "key points are marked with " + ", ".join(found)
    return NOT_MET, "no lists, call-out boxes or bold"


def _visuals(f: Facts) -> list[BaseModel]:
    return f.of_kind(VISUAL_KINDS)


def _visual_aids_used(f: Facts) -> tuple[str, str]:
    return PERSON, (f"{len(_visuals(f))} illustration(s) in the content (a logo or QR code is not one); a person "
                    "judges whether a picture would make something clearer")


def _needs_visuals(judge: str) -> Rule:
    def rule(f: Facts) -> tuple[str, str]:
        if not _visuals(f):
            return NOT_APPLICABLE, "no illustrations in the content"
        return PERSON, f"{len(_visuals(f))} illustration(s); a person judges whether they {judge}"
    return rule


def _captions(f: Facts) -> tuple[str, str]:
    visuals = _visuals(f)
    if not visuals:
        return NOT_APPLICABLE, "no illustrations in the content"
    bare = [v for v in visuals if not any(t.value.strip() for t in kind_of(v).texts(v))]
    if bare:
        return NOT_MET, f"{len(bare)} of {len(visuals)} illustration(s) have no title or caption"
    return MET, f"all {len(visuals)} illustration(s) have a title or caption"


def _tables(f: Facts) -> tuple[str, str]:
    tables = f.of_kind(TABLE_KINDS)
    if not tables:
        return NOT_APPLICABLE, "no tables"
    return PERSON, f"{len(tables)} table(s); a person judges whether the headings are short and clear"


def _action(f: Facts) -> tuple[str, str]:
    if f.instructions:
        return MET, f"{len(f.instructions)} instruction(s) to the reader, e.g. {_quote(f.instructions)}"
    return NOT_MET, "no sentence tells the reader what to do"


def _direct(f: Facts) -> tuple[str, str]:
    if not f.instructions:
        return NOT_MET, "no sentence tells the reader what to do"
    pattern = _THIRD_PERSON_ACTION.get(f.doc.lang, _THIRD_PERSON_ACTION["en"])
    third = [s for s in f.sentences if pattern.search(s)]
    if third:
        return NOT_MET, "actions described without speaking to the reader: " + _quote(third)
    return MET, f"actions are told to the reader as instructions ({len(f.instructions)}) or with 'you'"


def _steps(f: Facts) -> tuple[str, str]:
    if not f.instructions:
        return NOT_APPLICABLE, "no actions for the reader"
    lists = f.reader_lists
    if lists:
        kind, entries, told = lists[0]
        return MET, (f"{len(lists)} list(s) of things the reader does, e.g. {len(told)} of {len(entries)} "
                     f"{'numbered steps' if kind == 'steps' else 'bullets'} are the reader's: {_quote(told, 2)}; "
                     "a list of what someone else does is not counted")
    return NOT_MET, ("the reader's actions are only in running text (a list counts when most of its items are "
                     "things the reader does): " + _quote(f.instructions))


def _tool(f: Facts) -> tuple[str, str]:
    panels = [p.name for page in f.doc.layout.pages for p in page.panels if p.role in TOOL_ROLES]
    tools = f.of_kind(TOOL_KINDS)
    if panels or tools:
        return MET, "a part to fill in: " + ", ".join([*(f"the {p} panel (write-in lines, tick boxes)"
                                                         for p in panels), *(f"{len(tools)} checklist(s)"
                                                                             for _ in tools[:1])])
    return PERSON, "no checklist, planner or form to fill in; a person judges whether one would help"


def _calculation_help(f: Facts) -> tuple[str, str]:
    if not f.numbers:
        return NOT_APPLICABLE, "the text has no numbers, so no calculations"
    return PERSON, f"numbers used: {', '.join(f.numbers)}; not applicable unless a person finds a calculation"


def _chart_use(f: Facts) -> tuple[str, str]:
    charts = f.of_kind(VISUAL_KINDS | TABLE_KINDS)
    if not charts:
        return NOT_APPLICABLE, "no charts, graphs, tables or diagrams"
    return PERSON, f"{len(charts)} chart(s), table(s) or diagram(s); a person judges whether their use is explained"


def _visual_action(f: Facts) -> tuple[str, str]:
    return PERSON, (f"{len(_visuals(f))} illustration(s); a person judges whether a picture would make an "
                    "instruction easier to follow")


# The 24 items of PEMAT-P in the AHRQ numbering (items 13 and 14 are for audiovisual material only).
ITEMS: tuple[tuple[int, str, str, Rule], ...] = (
    (1, U, "The material makes its purpose completely evident", _purpose),
    (2, U, "The material does not include information or content that distracts from its purpose", _distracting),
    (3, U, "The material uses common, everyday language", _everyday),
    (4, U, "Medical terms are used only to familiarize audience with the terms; when used, they are defined",
     _terms_defined),
    (5, U, "The material uses the active voice", _active_voice),
    (6, U, "Numbers appearing in the material are clear and easy to understand", _numbers_clear),
    (7, U, "The material does not expect the user to perform calculations", _no_calculation),
    (8, U, "The material breaks or \"chunks\" information into short sections", _chunks),
    (9, U, "The material's sections have informative headers", _headers),
    (10, U, "The material presents information in a logical sequence", _sequence),
    (11, U, "The material provides a summary", _summary),
    (12, U, "The material uses visual cues (arrows, boxes, bullets, bold, larger font, highlighting) to draw "
            "attention to key points", _cues),
    (15, U, "The material uses visual aids whenever they could make content more easily understood",
     _visual_aids_used),
    (16, U, "The material's visual aids reinforce rather than distract from the content",
     _needs_visuals("reinforce the content rather than distract from it")),
    (17, U, "The material's visual aids have clear titles or captions", _captions),
    (18, U, "The material uses illustrations and photographs that are clear and uncluttered",
     _needs_visuals("are clear and uncluttered")),
    (19, U, "The material uses simple tables with short and clear row and column headings", _tables),
    (20, A, "The material clearly identifies at least one action the user can take", _action),
    (21, A, "The material addresses the user directly when describing actions", _direct),
    (22, A, "The material breaks down any action into manageable, explicit steps", _steps),
    (23, A, "The material provides a tangible tool (e.g. checklists) whenever it could help the user take action",
     _tool),
    (24, A, "The material provides simple instructions or examples of how to perform calculations",
     _calculation_help),
    (25, A, "The material explains how to use the charts, graphs, tables, or diagrams to take actions", _chart_use),
    (26, A, "The material uses visual aids whenever they could make it easier to act on the instructions",
     _visual_action),
)


def assess(doc: Material) -> list[PematItem]:
    """All 24 PEMAT-P items for one document in one language."""
    facts = Facts(doc)
    return [PematItem(number, domain, text, *rule(facts)) for number, domain, text, rule in ITEMS]
