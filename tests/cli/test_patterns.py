"""The patterns the command puts into ``re``'s cache before its libraries load (handouts/cli/patterns.py): each
matches exactly what the library's own pattern matches, and the libraries keep them."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.cli import patterns

# Every code point (surrogates included), so that a class can be compared on all of them in one call.
EVERY_CHARACTER = "".join(map(chr, range(0x110000)))


@pytest.mark.parametrize("written", list(patterns.URI_CLASSES))
def test_each_class_holds_the_same_characters_on_every_code_point(written):
    same = patterns.URI_CLASSES[written]
    ours, theirs = re.compile(same, re.I), re.compile(written, re.I)
    assert ours.sub("", EVERY_CHARACTER) == theirs.sub("", EVERY_CHARACTER)
    assert len(theirs.sub("", EVERY_CHARACTER)) < len(EVERY_CHARACTER)  # the class matches something


def test_the_equivalent_web_address_pattern_compiles_in_a_fraction_of_the_time():
    import time

    def compile_time(text: str) -> float:
        best = float("inf")
        for _ in range(3):
            re.purge()
            start = time.perf_counter()
            re.compile(text, re.I)
            best = min(best, time.perf_counter() - start)
        return best

    assert compile_time(patterns.FASTER[(patterns.URI, re.I)]) < compile_time(patterns.URI) / 4


ADDRESSES = [
    "https://example.com", "HTTPS://EXAMPLE.COM/Path?q=1#top", "http://user:pw@host.example.org:8080/a/b",
    "http://192.168.0.1/x", "http://256.1.1.1", "http://[::1]:80/", "ftp://localhost", "http://LOCALHOST:99999",
    "https://xn--bcher-kva.example", "https://XN--BCHER-KVA.EXAMPLE", "https://bücher.de/straße",
    "https://\u212aelvin.example", "https://\u017fome.example", "https://a-.com", "https://-a.com",
    "https://a..com", "https://a.c", "https://例え.テスト/パス", "https://\U0001f600.com", "https://\u00a0.com",
    "https://a.b-c.d", "www.example.com", "//example.com", "mailto:someone@example.com", "https://a.com.",
    "https://a" + "b" * 70 + ".com", "https://a.com/\u2028", "HtTp://ExAmPlE.CoM", "https://İstanbul.tr",
    "https://a.\u0130\u0131.tr", "https://µ.example", "https://a_b.example",
]


def _same_match(text: str) -> None:
    ours = re.compile(patterns.FASTER[(patterns.URI, re.I)], re.I)
    theirs = re.compile(patterns.URI, re.I)
    a, b = ours.match(text), theirs.match(text)
    assert (a is None) == (b is None), text
    if a is not None and b is not None:
        assert a.span() == b.span() and a.groups() == b.groups(), text


@pytest.mark.parametrize("text", ADDRESSES)
def test_the_equivalent_pattern_matches_web_addresses_as_reportlabs_does(text):
    _same_match(text)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"[a-zA-Z]{1,5}://[^\s/]{1,20}(\.[^\s/.]{1,10}){0,3}(:[0-9]{1,6})?(/\S{0,10})?", fullmatch=True))
def test_the_equivalent_pattern_matches_random_addresses_as_reportlabs_does(text):
    _same_match(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_the_equivalent_pattern_matches_any_text_as_reportlabs_does(text):
    _same_match("http://" + text)


def _in_a_fresh_process(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_our_copies_are_what_the_libraries_compile():
    """Fails when ReportLab or PyYAML change a pattern (the copy in patterns.py is then out of date)."""
    said = _in_a_fresh_process("""
        import reportlab.platypus.paragraph as paragraph, reportlab.lib.textsplit as textsplit, yaml.reader as reader
        from handouts.cli import patterns
        print((paragraph.uri_pat.pattern, paragraph.uri_pat.flags & ~32) == (patterns.URI, 2),
              [(textsplit.rx.pattern, textsplit.rx.flags & ~32), (reader.Reader.NON_PRINTABLE.pattern,
               reader.Reader.NON_PRINTABLE.flags & ~32)] == [(p, f & ~32) for p, f in patterns.DEFERRED])
    """)
    assert said == "True True"


def test_the_libraries_keep_what_install_put_in_the_cache():
    said = _in_a_fresh_process("""
        import re
        from handouts.cli import patterns
        placed = patterns.install()
        import reportlab.platypus.paragraph as paragraph, reportlab.lib.textsplit as textsplit, yaml.reader as reader
        from reportlab.platypus.paragraph import _uri_split_pairs
        faster = patterns.FASTER[(patterns.URI, re.I)]
        print(paragraph.uri_pat.pattern == faster, type(textsplit.rx).__name__, textsplit.rx.compiled,
              reader.Reader.NON_PRINTABLE is placed[reader.Reader.NON_PRINTABLE.pattern])
        print(list(_uri_split_pairs("https://example.com/a/b"))[:1])
        print(textsplit.rx.split("ab\u4e00c"), textsplit.rx.compiled, re.compile("([\u2e80-\uffff])", re.U) is
              textsplit.rx._get())
    """)
    first, second, third = said.splitlines()
    assert first == "True Deferred False True"
    assert second == "[('https://example.com/a/', 'b')]"
    assert third == "['ab', '\u4e00', 'c'] True True"  # compiled once used, and the cache holds the real one


def test_a_sheet_built_by_the_command_has_the_bytes_of_one_built_without_those_patterns(demo_root, tmp_path):
    """The command (patterns installed) and the library in this process (ReportLab's own patterns) hyphenate and
    set the brochure's narrow panels alike."""
    from handouts.api import build

    done = subprocess.run([sys.executable, "-m", "handouts", "build", "dry-needling-brochure", "--project",
                           str(demo_root), "--location", "portland-pearl", "--out", str(tmp_path / "cli"), "--quiet"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    build(demo_root, documents=("dry-needling-brochure",), location="portland-pearl", out=tmp_path / "api")
    made = sorted(p.relative_to(tmp_path / "cli") for p in (tmp_path / "cli").rglob("*.pdf"))
    assert made and made == sorted(p.relative_to(tmp_path / "api") for p in (tmp_path / "api").rglob("*.pdf"))
    for path in made:
        assert (tmp_path / "cli" / path).read_bytes() == (tmp_path / "api" / path).read_bytes(), path
