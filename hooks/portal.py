"""MkDocs hooks of the portal: glue only, every decision lives in vanban.site.events.

static-i18n lays out each language's files at priority -100 (and crashes on pages added
before it), so generated pages are added after it, at -200. on_post_build runs after the
plugin's (-100), which has just collected the language's search entries.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from vanban.site import events


@event_priority(-200)
def on_files(files, config):
    return events.on_files(files, config)


def on_page_markdown(markdown, page, config, files):
    return events.on_page_markdown(markdown, page, config)


def on_page_content(html, page, config, files):
    return events.on_page_content(html, page, config)


def on_page_context(context, page, config, nav):
    return events.on_page_context(context, page, config)


def on_post_page(output, page, config):
    return events.on_post_page(output)


@event_priority(-150)
def on_post_build(config):
    return events.on_post_build(config)
