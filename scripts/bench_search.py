"""Search benchmark: the portal's Pagefind search against MkDocs' built-in search plugin.

    python scripts/bench_search.py [--n 2000] [--work DIR]      (make bench-search)

Generates an N-document portal (scripts/make_corpus.py), builds it twice — as it is (Pagefind,
indexed after the build) and with mkdocs-material's own search plugin instead — serves each
under a sub-path on 127.0.0.1 and, in headless Chromium, types a few typical queries into the
header box, key by key (`--key-ms`, 100 ms between keys: a fast typist; 0 pastes each query
at once, the moment the engine is ready, before the full text's shards have loaded: the worst
case). Prints, per engine: build time, search files on disk, bytes the browser downloads
for search (engine, scripts, index, result texts) from page load to the first answer, the
time from typing to the answer (first query, which loads the index, and the others, each on
a freshly opened page with the browser cache kept), and the first result of each query.
Nothing is loaded from outside 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))

from conftest import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
from make_corpus import copy_portal, make_corpus  # noqa: E402

from vanban.site.search import minify_script  # noqa: E402

QUERIES = ["dien bien chi thi", "thoa uoc lao dong tap the", "chu tich cdcs",
           "cong doan co so", "17/CTr-LĐLĐ", "bảo hiểm xã hội", "nu cong", "ke hoach thi dua",
           "an toan ve sinh lao dong", "Điện Biên"]
SUB_PATH = "cong-doan"
# search's own requests: both Pagefind bundles, the built-in search's index and worker
SEARCH_URL = re.compile(r"/(pagefind(-full)?/|search/"
                        r"|assets/javascripts/(vb-search|workers/search))")


def builtin_variant(project: Path, dest: Path) -> Path:
    """The same project with mkdocs-material's search plugin and header instead of ours."""
    shutil.copytree(project, dest, ignore=shutil.ignore_patterns("site"))
    for name in ("header.html", "vb-search.html"):
        (dest / "overrides" / "partials" / name).unlink()
    config = (dest / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("plugins:\n  - i18n:", "plugins:\n  - search\n  - i18n:")
    config = config.replace("reconfigure_search: false", "reconfigure_search: true")
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


def build(project: Path, site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                           "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                          capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - started


def disk_size(site: Path, engine: str) -> int:
    dirs = ([site / "pagefind", site / "pagefind-full"] if engine == "pagefind"
            else list(site.rglob("search")))
    return sum(f.stat().st_size for d in dirs if d.is_dir() for f in d.rglob("*") if f.is_file())


def measure(browser, url: str, engine: str, key_ms: int) -> dict:
    """Bytes for search until the first answer, answer times, first results."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def guard(route) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    urls: dict[str, str] = {}
    sizes: dict[str, float] = {}
    cdp.on("Network.requestWillBeSent",
           lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished",
           lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    times: list[float] = []
    ready: list[float] = []     # focus → engine loaded
    inner: list[float] = []     # the search alone, as the page measured it (Pagefind)
    typed: list[float] = []     # last key typed → answer shown, as the page measured it
    tops: list[str] = []
    first_bytes = 0.0
    for n, query in enumerate(QUERIES, 1):
        # every query on a freshly opened page, as a reader arriving from elsewhere does;
        # the browser cache is kept, so only the first query downloads the index
        page.goto(url, wait_until="load")
        box = page.locator(".md-search__input")
        meta = page.locator(".md-search-result__meta").first.text_content() or ""
        focused = time.perf_counter()
        box.click()
        # the engine loads when the box gets focus, while the reader types; the query time
        # is from the words being in the box to the answer shown (typing pause included)
        if engine == "pagefind":
            page.wait_for_selector("[data-vb-search-ready]", state="attached", timeout=120000)
        else:
            # Material's "Initializing search" turns into "Type to start searching"
            page.wait_for_function("(m) => document.querySelector('.md-search-result__meta')"
                                   ".textContent !== m", arg=meta, timeout=120000)
        ready.append(time.perf_counter() - focused)
        if key_ms and engine == "pagefind":
            # (MkDocs' search answers every key: its answer to the whole query could not be
            # told from one to the words so far; it gets the query at once)
            box.press_sequentially(query, delay=key_ms)
        else:
            box.fill(query)
        started = time.perf_counter()
        if engine == "pagefind":
            # the answer to the whole query (one to the words so far may come first)
            page.wait_for_function(
                "(q) => document.querySelector('[data-vb-search]')"
                ".getAttribute('data-vb-search-for') === q",
                arg=unicodedata.normalize("NFC", query).strip(), timeout=120000)
            box_el = page.locator("[data-vb-search]")
            inner.append(float(box_el.get_attribute("data-vb-search-ms") or "nan") / 1000)
            typed.append(float(box_el.get_attribute("data-vb-search-typed-ms") or "nan") / 1000)
        else:
            page.locator(".md-search-result__meta").filter(
                has_text=re.compile(r"\d|Không")).wait_for(timeout=120000)
        times.append(time.perf_counter() - started)
        if n == 1:
            first_bytes = sum(size for rid, size in sizes.items()
                              if SEARCH_URL.search(urls.get(rid, "")))
        first = page.locator(".md-search-result__item h1").first
        tops.append(first.inner_text()[:60] if first.count() else "—")
    context.close()
    if outside:
        raise SystemExit(f"requests left 127.0.0.1: {outside[:5]}")
    return {"bytes": first_bytes, "first": times[0], "others": times[1:], "tops": tops,
            "ready": ready, "inner": inner, "typed": typed}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="documents (default 2000)")
    ap.add_argument("--work", type=Path, help="folder to keep the projects and sites in")
    ap.add_argument("--engines", default="pagefind,builtin")
    ap.add_argument("--key-ms", type=int, default=100,
                    help="pause between keys when typing a query (default 100 ms, a fast "
                         "typist); 0 pastes it at once")
    ap.add_argument("--reuse", action="store_true",
                    help="measure the sites already built in --work again (the search box's "
                         "script and style copied in from overrides/; build time not measured)")
    args = ap.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit("needs Chromium at /usr/bin/chromium (make chromium)")
    from playwright.sync_api import sync_playwright

    work = args.work or Path(tempfile.mkdtemp(prefix="vanban-bench-search-"))
    work.mkdir(parents=True, exist_ok=True)
    project = work / "project"
    if not (project / "mkdocs.yml").exists():
        started = time.perf_counter()
        count = make_corpus(args.n, project)
        print(f"corpus: {count} documents in {time.perf_counter() - started:.1f} s ({project})",
              flush=True)
    copy_portal(project)                  # a kept corpus is built with the current code
    rows = []
    for engine in args.engines.split(","):
        proj = project if engine == "pagefind" else builtin_variant(project, work / engine)
        site = work / f"site-{engine}"
        if args.reuse and (site / "index.html").exists():
            seconds = float("nan")
            for asset in (ROOT / "overrides" / "assets").rglob("vb-search.*"):
                shutil.copy(asset, site / asset.relative_to(ROOT / "overrides"))
            minify_script(site)           # as the build publishes it
        else:
            seconds = build(proj, site)
            print(f"{engine}: built in {seconds:.1f} s", flush=True)
        www = work / f"www-{engine}"
        shutil.rmtree(www, ignore_errors=True)
        www.mkdir()
        (www / SUB_PATH).symlink_to(site)
        with serve(www) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                         args=CHROMIUM_ARGS)
            try:
                result = measure(browser, f"{url}/{SUB_PATH}/", engine, args.key_ms)
            finally:
                browser.close()
        rows.append((engine, seconds, disk_size(site, engine), result))

    print(f"\nSearch over {args.n} documents (vi + en), headless Chromium on 127.0.0.1, "
          f"{os.cpu_count()} cores")
    typing = (f"typed key by key, {args.key_ms} ms between keys" if args.key_ms
              else "pasted at once")
    print(f"Query times, each query on a freshly opened page, {typing} as soon as the engine "
          "is ready (it loads when the box gets focus: \"focus → ready\"): \"typed → "
          "shown\", measured by the page from the last key to the answer on screen, the 120 "
          "ms typing pause included (a paste is searched at once); \"search alone\", from "
          "the end of that pause; "
          "\"driver\": as Playwright saw it from the last key (adds its own round trips). "
          "Pagefind only; MkDocs' search is timed by the driver.")
    print("| engine | build | index on disk | downloaded to 1st answer | focus → ready, "
          "1st (then mean) | typed → shown: 1st, mean, max | search alone: mean, max "
          "| driver: 1st, mean of the next |")
    print("|---|---|---|---|---|---|---|---|")

    def ms(values: list[float]) -> str:
        values = [v for v in values if v == v] or [float("nan")]
        return f"{statistics.mean(values) * 1000:.0f}, {max(values) * 1000:.0f} ms"

    for engine, seconds, size, r in rows:
        others = r["others"] or [float("nan")]
        rest = r["ready"][1:] or [float("nan")]
        typed = r["typed"] or [float("nan")]
        print(f"| {engine} | {seconds:.0f} s | {size / 1e6:.1f} MB | {r['bytes'] / 1e3:.0f} KB "
              f"| {r['ready'][0] * 1000:.0f} ms ({statistics.mean(rest) * 1000:.0f} ms) "
              f"| {typed[0] * 1000:.0f} ms; {ms(typed)} | {ms(r['inner'])} "
              f"| {r['first'] * 1000:.0f} ms, {statistics.mean(others) * 1000:.0f} ms |")
    print("\nFirst result per query (typed → shown; search alone):")
    for engine, _, _, r in rows:
        for n, (query, top) in enumerate(zip(QUERIES, r["tops"], strict=True)):
            times = (f"{r['typed'][n] * 1000:4.0f}; {r['inner'][n] * 1000:4.0f} ms"
                     if r["typed"] else f"{([r['first']] + r['others'])[n] * 1000:5.0f} ms")
            print(f"  {engine:9} {query!r:28} {times} → {top}")


if __name__ == "__main__":
    main()
