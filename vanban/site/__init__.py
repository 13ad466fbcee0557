"""The portal: everything the MkDocs build adds to the imported documents.

Layers, each usable without MkDocs except the last:

- `labels`  UI strings in Vietnamese and English, type names, dates
- `urls`    the URL scheme of every page and relative links (the site works under a sub-path)
- `catalog` all documents' front matter read once, joined with data/agencies.yml and
            data/glossary.yml: issuers, assigned agencies, citations and cited-by
- `html`    escaping helpers: every value from front matter or YAML is escaped
- `views`   HTML of the metadata card, responsibility table, citations, indexes, agency and
            glossary pages
- `layout`  Markdown-level touches to a document body (two-column header and signature)
- `kinds`   the registry of page kinds: URL, view, inputs read, search indexing of each
- `pages`   the generated pages (which exist, their source path, title and content)
- `events`  the MkDocs event handlers that `hooks/portal.py` wires up
"""
