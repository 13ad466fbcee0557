"""vanban: Vietnamese administrative documents → structured Markdown → static portal.

Layers (each module depends only on those above it):

    text      decoding, Unicode normalisation, folding for matching
    grammar   named regular expressions for every line and phrase pattern
    model     typed dataclasses: Document, Section, Paragraph, Item, Target, ...
    parser    text → Document (zones, re-joined lines, section tree, metadata)
    extract   Document → citations, targets, assignments
    render    Document → Markdown (front matter + body), targets YAML, JSON
    importer  files on disk → docs/van-ban/<slug>.md (atomic, never overwrites)
    data      data/*.yml loading and validation (agencies, glossary, targets)
    site      build-time pages for MkDocs (indexes, agency pages, glossary)
"""

__version__ = "0.1.0"
