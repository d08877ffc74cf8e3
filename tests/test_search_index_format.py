"""The compact searchindex.js codec: it gives back exactly Sphinx's own index."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playbooks.finding import search_index_format as fmt

increasing = st.sets(st.integers(min_value=0, max_value=5000), max_size=300).map(sorted)


def gap_form_length(numbers: list[int]) -> int:
    """Length of the gap form, from its definition: one base-64 digit per 5 bits of each
    gap (the sixth bit says "another digit follows"), at least one digit per gap."""
    previous, length = -1, 0
    for number in numbers:
        gap = number - previous - 1
        previous = number
        length += max(1, -(-gap.bit_length() // 5))
    return length


def bitmap_form_length(numbers: list[int]) -> int:
    """Length of the bitmap form: the marker, then one digit per 6 documents up to the last."""
    return 1 + -(-(numbers[-1] + 1) // 6)


@given(increasing)
def test_document_lists_round_trip(numbers):
    text = fmt.encode_numbers(numbers)
    assert text is not None
    assert fmt.decode_numbers(text) == numbers
    if not numbers:
        assert text == ""
        return
    # Exactly as long as the cheaper of the two forms (gaps on a tie), and in that form.
    gaps, bitmap = gap_form_length(numbers), bitmap_form_length(numbers)
    assert len(text) == min(gaps, bitmap)
    assert text.startswith(fmt.BITMAP) == (bitmap < gaps)


@pytest.mark.parametrize(("numbers", "length", "form"), [
    ([0], 1, "gaps"), ([40], 2, "gaps"), ([2000], 3, "gaps"),  # 1, 2 and 3 digits for one gap
    (list(range(0, 12)), 3, "bitmap"),  # 12 gaps of 0 cost 12; the bitmap "~" + 2 digits
    ([0, 1, 2], 2, "bitmap"),  # 3 gaps against "~" + 1 digit
    ([0, 5], 2, "gaps"),  # a tie keeps the gaps
    ([3, 400, 999], 5, "gaps"),  # gaps 3, 396, 598: 1 + 2 + 2 digits against a 168-character bitmap
])
def test_the_cheaper_form_is_chosen(numbers, length, form):
    text = fmt.encode_numbers(numbers)
    assert (len(text), "bitmap" if text.startswith(fmt.BITMAP) else "gaps") == (length, form)


def test_dense_lists_become_bitmaps_and_sparse_lists_gaps():
    dense = list(range(0, 1000, 2))
    sparse = [3, 400, 999]
    assert fmt.encode_numbers(dense).startswith(fmt.BITMAP)
    assert len(fmt.encode_numbers(dense)) == 1 + 999 // 6 + 1
    assert fmt.encode_numbers(sparse) == fmt._gaps(sparse)
    assert fmt.encode_numbers([0, 1, 2]) == "~4"  # 111000
    assert fmt.encode_numbers([0, 1, 100]) == "AA" + "i" + "D"  # gaps 0, 0, 98 = 2 + 3 * 32
    # multi-digit gaps (> 31), both ways
    assert fmt.decode_numbers(fmt.encode_numbers([31, 32, 64, 1_000_000])) == [31, 32, 64, 1_000_000]


@pytest.mark.parametrize("numbers", [[3, 3], [5, 2], [-1, 4], [True, 2], [1.5]])
def test_lists_that_are_not_strictly_increasing_document_numbers_are_left_alone(numbers):
    assert fmt.encode_numbers(numbers) is None


@st.composite
def frozen_indexes(draw):
    """Indexes shaped like Sphinx's ``IndexBuilder.freeze()``, odd cases included."""
    count = draw(st.integers(min_value=1, max_value=40))
    docnames = sorted(draw(st.sets(st.from_regex(r"[a-z]{1,4}(/[a-z]{1,4})?", fullmatch=True),
                                   min_size=count, max_size=count)))
    titles = [draw(st.sampled_from(["Situação", "Título A", "Título B", ""])) + str(i % 3) for i in range(count)]
    suffix = draw(st.sampled_from([".rst", ".txt", ""]))
    filenames = [name + suffix for name in docnames]
    if draw(st.booleans()):
        filenames[draw(st.integers(0, count - 1))] = draw(st.sampled_from([None, "outro.md"]))
    doc = st.integers(min_value=0, max_value=count - 1)
    found = st.lists(doc, min_size=0, max_size=count).map(lambda xs: sorted(set(xs)))
    words = st.text(alphabet="abcçãoé", min_size=1, max_size=6)
    terms = draw(st.dictionaries(words, st.one_of(doc, found), max_size=30))
    titleterms = draw(st.dictionaries(words, st.one_of(doc, found), max_size=10))
    anchor = st.one_of(st.none(), st.sampled_from(["situacao", "a-resposta", ""]))
    alltitles = draw(st.dictionaries(st.sampled_from(titles + ["Outro", "Palavras-chave"]),
                                     st.lists(st.tuples(doc, anchor), min_size=1, max_size=5), max_size=10))
    for number, title in enumerate(titles):
        if draw(st.booleans()):
            alltitles.setdefault(title, []).append((number, None))
    entry = st.tuples(doc, st.sampled_from(["", "", "", "id-1"]), st.sampled_from([True, True, False]))
    indexentries = draw(st.dictionaries(words, st.lists(entry, min_size=1, max_size=6), max_size=15))
    return {
        "docnames": tuple(docnames), "filenames": filenames, "titles": tuple(titles),
        "terms": terms, "titleterms": titleterms, "objects": {}, "objtypes": {}, "objnames": {},
        "envversion": {"sphinx": 66}, "alltitles": alltitles, "indexentries": indexentries,
    }


@settings(max_examples=300, deadline=None)
@given(frozen_indexes())
def test_compact_index_gives_back_sphinx_index(index):
    text = fmt.compact_js_index.dumps(index)
    assert text.startswith("Search.setIndex((function playbookIndex(index) {")
    assert fmt.compact_js_index.loads(text) == fmt.canonical(index)


def test_compact_form_leaves_out_what_can_be_rebuilt():
    index = {
        "docnames": ["a", "b/c"], "filenames": ["a.rst", "b/c.rst"], "titles": ["Um", "Dois"],
        "terms": {"x": [0, 1], "y": 1}, "titleterms": {}, "objects": {}, "objtypes": {}, "objnames": {},
        "envversion": {"sphinx": 66},
        "alltitles": {"Um": [[0, None]], "Dois": [[1, None], [0, "dois"]], "Três": [[1, "tres"]]},
        "indexentries": {"chave": [[1, "", True], [0, "", True]], "outra": [[0, "x", False]], "uma": [[1, "", True]]},
    }
    compact = fmt.read_data(fmt.compact_js_index.dumps(index))
    assert compact["filenames"] == []
    assert compact["compact"] == {"version": 1, "own_titles": "AA", "filename_suffix": ".rst"}
    assert compact["alltitles"] == {"Dois": [[0, "dois"]], "Três": [[1, "tres"]]}
    assert compact["terms"] == {"x": "AA", "y": 1}
    assert compact["indexentries"] == {"chave": "AA", "outra": [[0, "x", False]], "uma": 1}
    back = fmt.decode(compact)
    assert back["alltitles"]["Dois"] == [[0, "dois"], [1, None]]
    assert back["indexentries"]["chave"] == [[0, "", True], [1, "", True]]
    assert back["filenames"] == ["a.rst", "b/c.rst"]


def test_plain_sphinx_index_is_read_as_it_is():
    plain = {"docnames": ["a"], "filenames": ["a.rst"], "titles": ["A"], "terms": {"x": 0}}
    assert fmt.compact_js_index.loads("Search.setIndex(" + json.dumps(plain) + ")") == plain


@pytest.mark.parametrize("text", [
    "", "Search.setIndex()", "{}", "Search.setIndex([1])", "Search.setIndex({\"compact\": {\"version\": 99}})",
    fmt.COMPACT_PREFIX + fmt.DATA_MARK + "{" + fmt.COMPACT_SUFFIX,
])
def test_unreadable_index_is_a_value_error(text):
    # Sphinx's incremental build treats a ValueError as "no previous index".
    with pytest.raises(ValueError):
        fmt.compact_js_index.loads(text)
