"""What a `mkdocs serve --dirty` rebuild renders again, derived from what each kind of page
reads (`Kind.reads` in vanban.site.kinds).

MkDocs' `--dirty` rebuild renders only the pages whose Markdown file is newer than the page
it wrote; a generated page (`File.generated`) has no file, so MkDocs would render every one of
them again — at 500 documents about 2,000 pages per language, the whole build. This module
compares the catalog (and the news posts) before and after the change and names the inputs
that changed (`Changes.changed`: a document's body, where its paragraphs are, its front
matter, its targets file; data/agencies.yml, data/glossary.yml, the news posts). A page is
rendered again when its kind reads one of them (`Changes.reaches`): a document's text edited
reaches its own pages, and, when paragraphs moved to another part, its progress page and the
pages of the agencies it gives tasks to; a targets file reaches the document's page and every
progress page; front matter, agencies and glossary reach every page made from the catalog.
A document added or removed, or a change of what the build reports, is everything.

A plain `mkdocs build` and the first build of `mkdocs serve` render everything as always.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..posts import NEWS_DIR
from .catalog import Catalog, DocPage, Signature, Sources
from .kinds import Input, Kind, Scope
from .pages import GeneratedPage, generated_pages

SITE_WIDE = ""      # the "document" of an input that is one file for the whole site


@dataclass(frozen=True)
class Changes:
    """What changed since the last build of the same project in this process."""

    everything: bool = True
    changed: frozenset[tuple[Input, str]] = frozenset()   # (input, document slug or SITE_WIDE)

    def reaches(self, kind: Kind, key: str, cat: Catalog) -> bool:
        """Whether the page `key` of `kind` must be rendered again."""
        if self.everything:
            return True
        for dep in kind.reads:
            slugs = {slug for i, slug in self.changed if i is dep.input}
            if not slugs:
                continue
            if dep.scope is Scope.ALL:
                return True
            subject = kind.subject(key)
            if dep.scope is Scope.OWN and subject in slugs:
                return True
            if dep.scope is Scope.TASKING and any(
                    a.agency is not None and a.agency.id == subject
                    for slug in slugs for a in cat.assigned.get(slug, [])):
                return True
        return False

    def page(self, spec: GeneratedPage, cat: Catalog) -> bool:
        """Whether the generated page `spec` must be rendered again."""
        return self.reaches(spec.spec, spec.key, cat)


def changes(sources: Sources, before: tuple[Signature, Catalog] | None,
            after: tuple[Signature, Catalog], news: bool = False) -> Changes:
    """Compare two loads of the same project's catalog (`before` None: a first build);
    `news`: whether a news post changed in between."""
    if before is None:
        return Changes()
    found: set[tuple[Input, str]] = {(Input.NEWS, SITE_WIDE)} if news else set()
    (old_sig, old), (new_sig, new) = before, after
    old_files, new_files = _stamps(old_sig), _stamps(new_sig)
    if old is new or old_files == new_files:
        return Changes(False, frozenset(found))
    changed = {p for p in old_files.keys() | new_files.keys()
               if old_files.get(p) != new_files.get(p)}
    return _changes(sources, old, new, changed, found)


def changes_since(sources: Sources, old: Catalog, new: Catalog, changed: set[Path]
                  ) -> Changes:
    """What changed since a build in another process (the build cache, vanban.site.cache):
    `old` its catalog, `changed` the input files (absolute) whose content differs since.
    A page from a file is rendered again when its own file changed (the cache tells MkDocs);
    the files here are those the catalog and the news read."""
    found: set[tuple[Input, str]] = set()
    news_dir = (sources.docs_dir / NEWS_DIR).resolve()
    catalog_files = {Path(name).resolve() for name, _m, _s in sources.signature()}
    read: set[Path] = set()
    for path in changed:
        if path.parent == news_dir and path.suffix == ".md":
            found.add((Input.NEWS, SITE_WIDE))
        elif path in catalog_files:
            read.add(path)
        elif path.is_relative_to(sources.agencies.parent.resolve()):
            return Changes()            # a data file the rules do not know: everything
    if not read:
        return Changes(False, frozenset(found))
    if generated_pages(old) != generated_pages(new):
        return Changes()    # pages added or removed (an agency, a type, a part): everything
    return _changes(sources, old, new, read, found)


def _changes(sources: Sources, old: Catalog, new: Catalog, changed: set[Path],
             found: set[tuple[Input, str]]) -> Changes:
    targets_dir = sources.targets_dir.resolve()
    site_wide = {sources.agencies.resolve(): Input.AGENCIES,
                 sources.glossary.resolve(): Input.GLOSSARY}
    old_docs = {d.slug: d for d in old.documents}
    new_docs = {d.slug: d for d in new.documents}
    if old_docs.keys() != new_docs.keys() or old.problems != new.problems:
        return Changes()
    for path in changed:
        if path.parent == targets_dir and path.suffix == ".yml":
            found.add((Input.TARGETS, path.stem))
            continue
        if path in site_wide:
            found.add((site_wide[path], SITE_WIDE))
            continue
        doc = new_docs.get(path.stem) if path.parent.name == "van-ban" else None
        if doc is None:
            return Changes()            # a file the rules do not know: everything
        was = old_docs[doc.slug]
        front = not _same_front_matter(was, doc)
        if front:
            found.add((Input.FRONT_MATTER, doc.slug))
        if not front or was.body != doc.body:
            found.add((Input.BODY, doc.slug))
        if _placement(was) != _placement(doc):
            found.add((Input.PLACEMENT, doc.slug))
    return Changes(False, frozenset(found))


def _placement(doc: DocPage) -> tuple[int, dict[str, int]]:
    return doc.parts.placement() if doc.parts is not None else (1, {})


def _stamps(signature: Iterable[tuple[str, int, int]]) -> dict[Path, tuple[int, int]]:
    return {Path(name).resolve(): (mtime, size) for name, mtime, size in signature}


def _same_front_matter(a: DocPage, b: DocPage) -> bool:
    """Equal but for the body and its split into parts."""
    return dataclasses.replace(a, parts=None, body="") == dataclasses.replace(b, parts=None,
                                                                            body="")
