"""MkDocs hooks of the portal: glue only, every decision lives in vanban.site.events
(search: vanban.site.search).

static-i18n lays out each language's files at priority -100 (and crashes on pages added
before it), so generated pages are added after it, at -200; it also builds the other
languages inside its on_post_build (-100), so the search index is written after it (-200).
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from vanban.site import events, search


def on_startup(command, dirty):
    events.on_startup(command, dirty)   # --dirty: rebuild only what changed (serve, cache)


def on_pre_build(config):
    events.on_pre_build(config)         # the build cache (vanban.site.cache)


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
    return events.on_post_page(output, page)


def on_env(env, config, files):
    return search.on_env(env, config)


@event_priority(-200)
def on_post_build(config):
    events.on_post_build(config)        # target downloads (CSV, JSON)
    search.on_post_build(config)        # the Pagefind indexes, after the last language
    events.save_cache(config)           # the build cache, last


def on_build_error(error):
    events.on_build_error()
