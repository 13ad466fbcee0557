"""What a `mkdocs serve --dirty` rebuild renders again.

MkDocs' `--dirty` rebuild renders only the pages whose Markdown file is newer than the page
it wrote; a generated page (`File.generated`) has no file, so MkDocs would render every one of
them again — at 500 documents about 2,000 pages per language, the whole build. This module
compares the catalog before and after the change and tells, for each generated page, whether
what it shows can have changed:

- a document's text edited (its front matter, the metadata every list shows, unchanged): its
  own pages — the document page (MkDocs sees its file changed) and its parts; when paragraphs
  moved to another part, also its progress page and the pages of the
  agencies it gives tasks to (they link to its paragraphs);
- a data/targets/<slug>.yml changed: that document's page and parts (target marks) and every
  progress page (statuses, counts, facets);
- anything else — front matter, a document added or removed, data/agencies.yml or
  data/glossary.yml — every page, as a full build.

A plain `mkdocs build` and the first build of `mkdocs serve` render everything as always.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog, Document, Signature, Sources
from .pages import GeneratedPage
from .urls import split_page_key


@dataclass(frozen=True)
class Changes:
    """What changed since the last build of the same project in this process."""

    everything: bool = True
    texts: frozenset[str] = frozenset()      # documents whose body changed, not front matter
    targets: frozenset[str] = frozenset()    # documents whose targets file changed
    moved: frozenset[str] = frozenset()      # documents of `texts` whose paragraphs changed part
    agencies: frozenset[str] = frozenset()   # agencies given tasks by the documents in `moved`

    def document(self, slug: str) -> bool:
        """Whether the page of document `slug` must be rendered again (its own file's change
        is seen by MkDocs; this is for a change of its targets)."""
        return self.everything or slug in self.targets

    def page(self, spec: GeneratedPage, cat: Catalog) -> bool:
        """Whether the generated page `spec` must be rendered again."""
        if self.everything:
            return True
        mine = self.texts | self.targets
        if spec.kind == "part":
            found = spec.part(cat)
            return found is None or found[0].slug in mine
        if spec.kind == "progress":
            return spec.key in self.targets | self.moved
        if spec.kind.startswith("progress"):
            return bool(self.targets)
        if spec.kind in ("agency", "agency_page"):
            return split_page_key(spec.key)[0] in self.agencies
        return False


def changes(sources: Sources, before: tuple[Signature, Catalog] | None,
            after: tuple[Signature, Catalog]) -> Changes:
    """Compare two loads of the same project's catalog (`before` None: a first build)."""
    if before is None:
        return Changes()
    (old_sig, old), (new_sig, new) = before, after
    old_files, new_files = _stamps(old_sig), _stamps(new_sig)
    if old is new or old_files == new_files:
        return Changes(everything=False)
    changed = {p for p in old_files.keys() | new_files.keys()
               if old_files.get(p) != new_files.get(p)}
    targets_dir = sources.targets_dir.resolve()
    texts: set[str] = set()
    targets: set[str] = set()
    old_docs = {d.slug: d for d in old.documents}
    new_docs = {d.slug: d for d in new.documents}
    if old_docs.keys() != new_docs.keys() or old.problems != new.problems:
        return Changes()
    for path in changed:
        if path.parent == targets_dir and path.suffix == ".yml":
            targets.add(path.stem)
            continue
        doc = new_docs.get(path.stem) if path.parent.name == "van-ban" else None
        if doc is None or not _same_front_matter(old_docs[doc.slug], doc):
            return Changes()            # data/agencies.yml, glossary, metadata: everything
        texts.add(doc.slug)
    moved = {slug for slug in texts if _placement(old_docs[slug]) != _placement(new_docs[slug])}
    agencies = {a.agency.id for slug in moved for a in new.assigned.get(slug, [])
                if a.agency is not None}
    return Changes(False, frozenset(texts), frozenset(targets), frozenset(moved),
                   frozenset(agencies))


def _placement(doc: Document) -> tuple[int, dict[str, int]]:
    return doc.parts.placement() if doc.parts is not None else (1, {})


def _stamps(signature: Iterable[tuple[str, int, int]]) -> dict[Path, tuple[int, int]]:
    return {Path(name).resolve(): (mtime, size) for name, mtime, size in signature}


def _same_front_matter(a: Document, b: Document) -> bool:
    """Equal but for the body and its split into parts."""
    return dataclasses.replace(a, parts=None, body="") == dataclasses.replace(b, parts=None,
                                                                            body="")
