"""MkDocs hooks for publishing (news, feeds, 404 pages): glue only, every decision lives in
vanban.site.newsroom. Listed after hooks/portal.py in mkdocs.yml; on_files runs after the
i18n plugin for the same reason as there (priority -200)."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from vanban.site import newsroom


@event_priority(-200)
def on_files(files, config):
    return newsroom.on_files(files, config)


def on_page_markdown(markdown, page, config, files):
    return newsroom.on_page_markdown(markdown, page, config)


def on_page_context(context, page, config, nav):
    return newsroom.on_page_context(context, page, config)


def on_template_context(context, template_name, config):
    return newsroom.on_template_context(context, template_name, config)


def on_post_template(output_content, template_name, config):
    return newsroom.on_post_template(output_content, template_name, config)
