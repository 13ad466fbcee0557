"""The search index of both languages without duplicates, in linear time.

mkdocs-static-i18n builds the site once per language and collects every language's search
entries into one index. With `reconfigure_search: true` it then removes each entry of another
language (`en/...`) that repeats an entry of the default language (same title, same text, a
location ending with the default entry's location) — the English pages of documents fall back
to the Vietnamese text, so most of their sections are such repeats. It does so by scanning all
other-language entries for every default-language entry and removing each match with
`list.remove`: O(entries²), about 40,000 × 40,000 comparisons at 2,000 documents, the largest
single cost of the build. mkdocs.yml therefore sets `reconfigure_search: false` (and the
search languages that option used to add) and the portal removes the same entries here, with
a dictionary: O(entries).

>>> entries = [
...     {"location": "van-ban/a/#l1", "title": "I", "text": "x"},
...     {"location": "en/van-ban/a/#l1", "title": "I", "text": "x"},    # repeat: dropped
...     {"location": "en/van-ban/a/#l2", "title": "II", "text": "y"},   # only in English
...     {"location": "en/", "title": "Home", "text": "Welcome"},        # translated: kept
... ]
>>> [e["location"] for e in without_repeats(entries, ["vi", "en"])]
['van-ban/a/#l1', 'en/van-ban/a/#l2', 'en/']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

Entry = dict[str, Any]


def without_repeats(entries: list[Entry], languages: Iterable[str]) -> list[Entry]:
    """`entries` without the other-language entries that repeat a default-language one, in
    one pass: what mkdocs-static-i18n's `reconfigure_search_duplicates` removes (compared on
    a built site's entries by tests/test_site_build.py), except that it also removes a second
    repeat of the same entry, which the plugin's removal while iterating skips."""
    prefixes = tuple(f"{lang}/" for lang in languages)
    others: dict[tuple[Any, Any], list[int]] = defaultdict(list)   # (title, text) → indexes
    for i, e in enumerate(entries):
        if e["location"].startswith(prefixes):
            others[(e["title"], e["text"])].append(i)
    drop: set[int] = set()
    for e in entries:
        if e["location"].startswith(prefixes):
            continue
        for i in others.get((e["title"], e["text"]), ()):
            if i not in drop and entries[i]["location"].endswith(e["location"]):
                drop.add(i)
    return [e for i, e in enumerate(entries) if i not in drop]


def remove_repeats(plugin: Any) -> None:
    """Remove the repeats from the entries the i18n plugin has collected so far (its
    `search_entries`, which it writes into the index after the last language's build)."""
    collected = getattr(plugin, "search_entries", None)
    if isinstance(collected, list) and collected:
        collected[:] = without_repeats(collected, list(plugin.build_languages))
