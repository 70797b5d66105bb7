"""terminal_safe and csv_safe: hand-checked cases and properties."""

from __future__ import annotations

import csv
import io
import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kgraph.textsafe import CSV_TRIGGERS, csv_safe, is_number, terminal_safe

# what must never reach a terminal raw: C0, DEL, C1, bidi embeddings/overrides/isolates,
# line/paragraph separators, lone surrogates
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# any code point (lone surrogates included), with the dangerous ones and digits made common
HOSTILE = st.text(st.one_of(
    st.characters(exclude_categories=()),
    st.sampled_from("\x1b\x07\x9b\x9d\r\n\t\u202e\u2066\u2028=+-@ .,e0123456789'"),
))


@pytest.mark.parametrize("text, expected", [
    ("Anna de Vries", "Anna de Vries"),
    ("Hanna Çelik — 北京", "Hanna Çelik — 北京"),
    ("\x1b[31mrood\x1b[0m", "<U+001B>[31mrood<U+001B>[0m"),
    # OSC 52: write the clipboard, terminated by BEL or by ST (ESC \)
    ("x\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07y", "x<U+001B>]52;c;Y3VybCBldmlsLnNoIHwgc2g=<U+0007>y"),
    ("\x1b]52;c;AAAA\x1b\\", "<U+001B>]52;c;AAAA<U+001B>\\"),
    ("\x9b31m", "<U+009B>31m"),  # the 8-bit CSI
    ("Anna\rEve", "Anna<U+000D>Eve"),  # a carriage return would overwrite the line
    ("a\nb\tc", "a<U+000A>b<U+0009>c"),
    ("\u202eevil\u202c.txt", "<U+202E>evil<U+202C>.txt"),
    ("\u2066x\u2069", "<U+2066>x<U+2069>"),
    ("Ren\udce9", "Ren<U+DCE9>"),  # a byte that was not UTF-8 (surrogateescape)
    ("", ""),
])
def test_terminal_safe(text, expected):
    assert terminal_safe(text) == expected


def test_terminal_safe_multiline_keeps_newlines_and_tabs_only():
    assert terminal_safe("a\nb\tc\rd\x1b", multiline=True) == "a\nb\tc<U+000D>d<U+001B>"


@given(HOSTILE)
def test_terminal_safe_leaves_nothing_unsafe(text):
    assert not UNSAFE.search(terminal_safe(text))


@given(HOSTILE)
def test_terminal_safe_is_idempotent(text):
    once = terminal_safe(text)
    assert terminal_safe(once) == once


@given(HOSTILE.filter(lambda s: not UNSAFE.search(s)))
def test_terminal_safe_keeps_safe_text(text):
    assert terminal_safe(text) == text


@given(HOSTILE)
def test_terminal_safe_output_encodes_as_utf8(text):
    terminal_safe(text).encode("utf-8")  # no lone surrogates left: printing cannot fail


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"),
    ("=HYPERLINK(\"http://x\",\"klik\")", "'=HYPERLINK(\"http://x\",\"klik\")"),
    ("+31 6 1234 5678", "'+31 6 1234 5678"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("  =1", "'  =1"),  # some programs trim leading spaces
    ("-", "'-"),
    ("-inf", "'-inf"),
    ("Anna", "Anna"),
    ("", ""),
    ("a=b", "a=b"),
    # numbers stay numbers
    ("-5", "-5"),
    ("+5", "+5"),
    ("-3.25", "-3.25"),
    ("-3,25", "-3,25"),
    ("-1e5", "-1e5"),
    ("-.5", "-.5"),
    (" -5 ", " -5 "),
    (-5, -5),
    (-0.5, -0.5),
    (None, None),
    (True, True),
])
def test_csv_safe(value, expected):
    assert csv_safe(value) == expected


def test_csv_safe_nan_stays_a_float():
    assert math.isnan(csv_safe(float("nan")))


@pytest.mark.parametrize("text", ["٣", "-٣", "-1_000", "0x1F", "-1e", "1.2.3", "--1", "-1-1", "-(1)"])
def test_what_is_not_a_number(text):
    assert not is_number(text)


@given(HOSTILE)
def test_csv_safe_never_starts_a_formula(text):
    out = csv_safe(text)
    start = out.lstrip(" ")[:1]
    assert start not in CSV_TRIGGERS or is_number(out)


@given(HOSTILE)
def test_csv_safe_loses_nothing(text):
    out = csv_safe(text)
    assert out == text or out == "'" + text


@given(HOSTILE)
def test_csv_safe_is_idempotent(text):
    assert csv_safe(csv_safe(text)) == csv_safe(text)


@given(st.one_of(st.integers(), st.floats(allow_nan=False)))
def test_csv_safe_keeps_numbers(x):
    assert csv_safe(x) == x
    assert csv_safe(str(x)) == str(x) or not is_number(str(x))


@given(st.integers())
def test_integers_written_as_text_are_numbers(x):
    assert is_number(str(x)) and csv_safe(str(x)) == str(x)


@given(st.lists(HOSTILE.filter(lambda s: '\x00' not in s), min_size=1, max_size=5))
def test_csv_safe_cells_survive_the_csv_module(cells):
    safe = [csv_safe(c) for c in cells]
    buf = io.StringIO(newline="")
    csv.writer(buf).writerow(safe)
    assert next(csv.reader(io.StringIO(buf.getvalue(), newline=""))) == safe
