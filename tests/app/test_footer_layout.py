"""Where the footer draws each key (``widgets.footer.lay_out``): whole keys in order, the palette's
key at the right end, nothing past the edge, at any width."""

from __future__ import annotations

import itertools

from helpers.profiles import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from cardgame.widgets.footer import GAP, PALETTE_EDGE, FooterEntry, lay_out

PALETTE = FooterEntry("ctrl+p", "^p", "palette")

entries = st.lists(
    st.builds(
        FooterEntry,
        key=st.text("abcdefgh", min_size=1, max_size=3),
        key_display=st.text("abcdefgh^", min_size=1, max_size=5),
        description=st.text("Done Pass Quit Menu♥+30s", max_size=12),
        enabled=st.booleans(),
    ),
    max_size=12,
)


@settings(max_examples=examples(500))
@given(entries, st.booleans(), st.integers(0, 220))
def test_keys_are_whole_in_order_and_within_the_width(shown, with_palette, width):
    palette = PALETTE if with_palette else None
    spans = lay_out(shown, palette, width)
    keys = [span for span in spans if span.entry is not palette]
    assert [span.entry for span in keys] == shown[: len(keys)]  # a prefix, in order
    assert all(span.end - span.start == span.entry.width for span in spans)  # whole keys
    assert all(span.start >= 0 and span.end <= width for span in spans)
    for left, right in itertools.pairwise(spans):
        assert left.end + GAP <= right.start  # apart
    palette_spans = [span for span in spans if span.entry is palette]
    if palette_spans:
        (span,) = palette_spans
        assert span.end == width and span is spans[-1]  # at the right end
        assert len(keys) == len(shown)  # shown only when every key fits beside it
        assert (keys[-1].end if keys else 0) + GAP <= span.start - len(PALETTE_EDGE)
    wanted = sum(entry.width for entry in shown) + GAP * max(0, len(shown) - 1)
    if wanted <= width:
        assert len(keys) == len(shown)  # nothing dropped while there is room


def test_a_narrow_footer_drops_the_palette_first_then_keys_from_the_end():
    keys = [FooterEntry("n", "n", "Done"), FooterEntry("q", "q", "Quit")]
    assert [s.entry for s in lay_out(keys, PALETTE, 40)] == [*keys, PALETTE]
    assert [s.entry for s in lay_out(keys, PALETTE, 16)] == keys  # "n Done q Quit" is 13
    assert [s.entry for s in lay_out(keys, PALETTE, 8)] == keys[:1]
    assert lay_out(keys, PALETTE, 3) == ()
