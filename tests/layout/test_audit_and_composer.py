"""The composer's keep rules and the post-layout audit, on small stories: a heading never ends a column, short
lists and call-outs move whole, a paragraph splits leaving two lines on each side, a pinned block starts in its
panel and must end there, an overflow names the panel and the lines over; and the audit, given what frames
drew, finds every broken rule."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas

from handouts.errors import HandoutsError
from handouts.layout.audit import AuditFrame, Drawn, Origin, Record, audit, recording
from handouts.layout.composer import Column, SequenceOverflow, compose_sequence
from handouts.layout.flowables import BlockMarker, Callout, heading
from handouts.layout.geometry import Box
from handouts.layout.paragraphs import Para

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12, allowWidows=0, allowOrphans=0)
HEAD = ParagraphStyle("head", fontName="Helvetica-Bold", fontSize=14, leading=16, spaceBefore=6, spaceAfter=2)
WORDS = "Sciatica is pain along the nerve that runs from your lower back down each leg. "


def _para(block: str, index: int, sentences: int) -> Para:
    p = Para(WORDS * sentences, BODY)
    p.origin = Origin(block, index, "p", 0, f"{block} {index}")
    return p


def _heading(block: str, text: str = "A heading") -> Para:
    return heading(text, HEAD, Origin(block, -1, "heading", 0, text))


def _columns(*panels: str, height: float = 200) -> list[Column]:
    return [Column(name, 0, 0, Box(20 + 220 * i, 20, 200, height)) for i, name in enumerate(panels)]


def _compose(story, columns, **kw):
    return compose_sequence("doc", "flow", columns, story, kw.pop("blocks", ["a", "b"]), kw.pop("optional", []),
                            12, **kw)


def _kinds(items) -> list[str]:
    return [f.origin.kind for f in items]


def test_a_heading_never_ends_a_column():
    # The first block almost fills the column: the next heading and two lines would not fit under it.
    story = [BlockMarker("a"), _heading("a"), _para("a", 0, 8), BlockMarker("b"), _heading("b"), _para("b", 0, 3)]
    placed = _compose(story, _columns("p1", "p2"))
    assert _kinds(placed[0][1])[-1] != "heading"
    assert _kinds(placed[1][1])[0] == "heading"


def test_a_split_paragraph_keeps_two_lines_each_side():
    story = [BlockMarker("a"), _para("a", 0, 9)]  # 17 lines: 16 fit, but one alone would be a widow
    placed = _compose(story, _columns("p1", "p2", height=195))
    first, second = placed[0][1][-1], placed[1][1][0]
    assert first.origin == second.origin
    for part in (first, second):
        part.wrap(200, 1000)
        assert len(part.blPara.lines) >= 2


def test_call_outs_move_whole():
    box = Callout([["Get urgent help"], ["Call 911 if you cannot pee."]])
    box.origin = Origin("a", 1, "callout", 0, "Get urgent help")
    story = [BlockMarker("a"), _para("a", 0, 14), box]
    placed = _compose(story, _columns("p1", "p2"))
    assert "callout" not in _kinds(placed[0][1]) and "callout" in _kinds(placed[1][1])


def test_a_pinned_block_starts_in_its_panel():
    story = [BlockMarker("a"), _para("a", 0, 2), BlockMarker("b", pin="p2"), _heading("b"), _para("b", 0, 2)]
    placed = _compose(story, _columns("p1", "p2"))
    assert [f.origin.block for f in placed[1][1]] == ["b", "b"]


def test_a_pinned_block_that_does_not_fit_its_panel_names_it():
    story = [BlockMarker("b", pin="p1"), _heading("b"), _para("b", 0, 30), BlockMarker("c")]
    with pytest.raises(SequenceOverflow) as caught:
        _compose(story, _columns("p1", "p2"), blocks=["b", "c"])
    message = str(caught.value)
    assert "block 'b' (pinned to panel 'p1') runs" in message and "past the end of panel 'p1'" in message


def test_an_overflow_names_the_panel_the_lines_over_and_the_choices():
    story = [BlockMarker("a"), _heading("a"), _para("a", 0, 40), BlockMarker("b"), _heading("b"), _para("b", 0, 6)]
    with pytest.raises(SequenceOverflow) as caught:
        _compose(story, _columns("p1", "p2"), optional=["b"])
    exc = caught.value
    assert exc.panel == "p2" and exc.lines >= 1 and exc.over_pt > 0
    assert "digital_only: [b]" in str(exc) and f"runs {exc.lines} line" in str(exc)
    assert "changed since the last good build: 'a'" in str(exc.with_changes(["a"]))


def test_a_pin_to_a_panel_already_passed_is_an_error():
    story = [BlockMarker("a"), _para("a", 0, 12), BlockMarker("b", pin="p1"), _para("b", 0, 2)]
    with pytest.raises(HandoutsError, match="pinned to panel 'p1', but the text before it already runs on"):
        _compose(story, _columns("p1", "p2", "p3"))


def _drawn(panel: str, origin: Origin, lines: int = 3, page: int = 1, ends: tuple[bool, ...] = ()) -> Drawn:
    return Drawn(page, panel, 0, 0, 0, 100, 12 * lines, origin, lines, ends or (False,) * lines)


SEQUENCES = {"flap": ["flap"], "flow": ["inside-1", "inside-2"]}


def test_the_audit_finds_every_broken_rule():
    h = Origin("a", -1, "heading", 0, "What is sciatica?")
    p = Origin("a", 0, "p", 0, "Sciatica is …")
    box = Origin("a", 1, "callout", 0, "Get urgent help")
    short = Origin("b", 0, "list", 4, "Soreness")
    pinned = Origin("k", 0, "p", 0, "Key points")
    record = Record(drawn=[
        _drawn("flap", p, 1), _drawn("flap", h),  # the flap ends with a heading; the paragraph runs on …
        _drawn("inside-1", p, 1),  # … into another sequence, leaving a single line on each side
        _drawn("inside-1", box), _drawn("inside-2", box),  # a call-out split
        _drawn("inside-1", short), _drawn("inside-2", short),  # a short list split
        _drawn("inside-2", pinned),  # a block pinned to the flap set inside
        _drawn("inside-2", Origin("c", 0, "p", 0, "x"), 4, ends=(True, True, True, False)),
    ])
    problems = audit(record, SEQUENCES, {"k": "flap"})
    text = "\n".join(problems)
    assert "panel 'flap' on page 1 ends with the heading 'What is sciatica?'" in text
    assert "runs on from panel 'flap' on page 1 to panel 'inside-1' on page 1, which are not read together" in text
    assert "is split leaving 1 line in panel 'flap'" in text
    assert "the call-out 'Get urgent help' (block 'a') is split" in text
    assert "a list 'Soreness' (block 'b') is split" in text
    assert "block 'a' starts in the flap sequence and continues in the flow sequence" in text
    assert "block 'k' is pinned to panel 'flap' but was set in 'inside-2'" in text
    assert "more than 2 hyphenated lines in a row" in text


def test_the_audit_passes_what_follows_the_rules():
    h = Origin("a", -1, "heading", 0, "What is sciatica?")
    p = Origin("a", 0, "p", 0, "Sciatica is …")
    record = Record(drawn=[_drawn("inside-1", h), _drawn("inside-1", p, 2), _drawn("inside-2", p, 3)])
    assert audit(record, SEQUENCES, {}) == []


def test_frames_record_what_they_drew():
    canvas = Canvas(io.BytesIO())
    with recording() as record:
        frame = AuditFrame(20, 20, 200, 300, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
                           id="inside-1")
        para = _para("a", 0, 3)
        assert frame.add(para, canvas)
    [drawn] = record.drawn
    assert drawn.panel == "inside-1" and drawn.origin == para.origin and drawn.lines == len(para.blPara.lines)
    assert drawn.y == pytest.approx(320 - drawn.height)
