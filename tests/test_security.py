"""Nothing from documents or data files may run as script in the published site.

The small sample site (tests/fixtures/site/) plus a hostile document
(tests/fixtures/security/kh-66-ldld-2021.md: markup and script in every front-matter field and
in the body) and hostile names in data/agencies.yml and data/glossary.yml is built; then
1. the HTML of every page has no event-handler attribute, no javascript: URL and no script
   other than the theme's own;
2. in Chromium, every page is opened, every element hovered and focused: no dialog opens and
   the Content-Security-Policy reports nothing;
3. the CSP pins the theme's inline scripts by hash ('unsafe-inline' is gone from script-src).
"""

from __future__ import annotations

import html.parser
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, build, make_project, serve

FIXTURE = ROOT / "tests" / "fixtures"
HOSTILE_AGENCY = """
  - id: ban-hostile
    name: "Ban <script>alert('agency-name')</script> Thử"
    name_en: "\\" onmouseover=\\"alert('agency-en')\\" x=\\""
    aliases: ["Ban Thử <img src=x onerror=alert('alias')>"]
    parent: ldld-an-phu
    place: An Phú
    kind: union
"""
HOSTILE_TERM = """
  - abbr: XSS
    vi: "\\"><script>alert('abbr')</script>"
    en: "<img src=x onerror=alert('abbr-en')>"
"""
THEME_SCRIPT_SRC = re.compile(r"assets/javascripts/")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("hostile"), FIXTURE / "site" / "docs",
                           FIXTURE / "site" / "data")
    shutil.copy(FIXTURE / "security" / "kh-66-ldld-2021.md", project / "docs" / "van-ban")
    agencies = project / "data" / "agencies.yml"
    agencies.write_text(agencies.read_text(encoding="utf-8") + HOSTILE_AGENCY, "utf-8")
    glossary = project / "data" / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + HOSTILE_TERM, "utf-8")
    doc = project / "docs" / "van-ban" / "kh-66-ldld-2021.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace(
        "- agency: Văn phòng\n", "- agency: \"Ban Thử <img src=x onerror=alert('alias')>\"\n"),
        "utf-8")
    result = build(project, strict=False)
    assert result.returncode == 0, result.stderr[-4000:]
    return project / "site"


class _Audit(html.parser.HTMLParser):
    """Every executable thing in a page: event handlers, javascript: URLs, scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "data", "formaction") and value and \
                    value.strip().lower().startswith(("javascript:", "data:text/html")):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed", "base") or (
                tag == "form" and not (dict(attrs).get("class") or "").startswith("md-")):
            self.found.append(f"<{tag}>")      # Material's own forms: palette and search
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() == "refresh":
            self.found.append("<meta refresh>")
        if tag == "script":
            a = dict(attrs)
            if a.get("src") and THEME_SCRIPT_SRC.search(a["src"] or ""):
                return
            if a.get("type") == "application/json":
                return
            self._in_script = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.found.append(f"<script>{data[:60]}")


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_hostile_values_reach_the_pages_as_text(hostile_site: Path) -> None:
    """The build did not just drop them: they are shown, escaped."""
    page = (hostile_site / "van-ban" / "kh-66-ldld-2021" / "index.html").read_text("utf-8")
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in page \
        or "&lt;script&gt;alert('title')&lt;/script&gt;" in page
    assert "Nguyễn Văn C" in page
    assert re.search(r'<abbr title="[^"<>]*&lt;script&gt;alert\((\'|&#39;)abbr(\'|&#39;)\)'
                     r'[^"<>]*">XSS</abbr>', page)
    agency = (hostile_site / "co-quan" / "ban-hostile" / "index.html").read_text("utf-8")
    assert "alert(&#39;agency-name&#39;)" in agency or "alert('agency-name')" in agency


def test_no_page_contains_executable_injection(hostile_site: Path) -> None:
    problems = {}
    for path in _pages(hostile_site):
        audit = _Audit()
        audit.feed(path.read_text(encoding="utf-8"))
        if audit.found:
            problems[path.relative_to(hostile_site).as_posix()] = audit.found
    assert problems == {}


def test_inline_scripts_are_pinned_by_hash(hostile_site: Path) -> None:
    page = (hostile_site / "van-ban" / "kh-66-ldld-2021" / "index.html").read_text("utf-8")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert csp
    script_src = next(d for d in csp.group(1).split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert script_src.count("'sha256-") == len(re.findall(r"<script>", page)) > 0


@pytest.mark.browser
def test_no_script_runs_in_chromium(chromium, hostile_site: Path) -> None:
    urls = [p.relative_to(hostile_site).as_posix() for p in _pages(hostile_site)
            if p.name == "index.html" and ("kh-66" in p.as_posix() or "co-quan" in p.as_posix()
                                           or "thuat-ngu" in p.as_posix()
                                           or p.parent in (hostile_site, hostile_site / "en"))]
    assert len(urls) >= 8
    dialogs: list[str] = []
    violations: list[str] = []
    with serve(hostile_site) as base:
        page = chromium.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: violations.append(m.text)
                if "Content Security Policy" in m.text else None)
        for url in urls:
            page.goto(f"{base}/{url}")
            page.evaluate("""() => {
                for (const el of document.querySelectorAll('body *')) {
                    for (const type of ['mouseover', 'mouseenter', 'focus', 'click']) {
                        if (type === 'click' && el.closest('a, button, label, input')) continue;
                        el.dispatchEvent(new Event(type, {bubbles: true}));
                    }
                }
            }""")
            page.wait_for_timeout(50)
        page.close()
    assert dialogs == []
    assert violations == []
