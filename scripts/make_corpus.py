"""Generate a buildable portal of N realistic documents from the seed documents.

    python scripts/make_corpus.py N OUT [--seed S] [--seeds DIR]

Each document is a variant of one seed text (../shared/seeds/*.txt): another number, date,
title topic and target values, sections kept or repeated (length), then imported through the
real converter (vanban.pipeline.convert → vanban.render), exactly as `vanban import` does, into
OUT/docs/van-ban/ and OUT/data/targets/. OUT also gets the repository's mkdocs.yml, hooks/,
overrides/, data/*.yml and hand-written docs (as tests/conftest.py make_project does), so
`mkdocs build -f OUT/mkdocs.yml` builds it. The same N and seed give the same files.
Places and agency names stay those of the seed, so every assignment still matches
data/agencies.yml and the build stays --strict clean.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vanban.pipeline import convert  # noqa: E402
from vanban.render import render_markdown, render_targets_yaml  # noqa: E402
from vanban.text import normalize  # noqa: E402

TOPICS = [
    "công tác phát triển đoàn viên và thành lập công đoàn cơ sở",
    "thỏa ước lao động tập thể và đối thoại tại nơi làm việc",
    "chăm lo đời sống công nhân lao động dịp Tết",
    "an toàn, vệ sinh lao động và phòng chống cháy nổ",
    "chuyển đổi số trong hoạt động công đoàn",
    "thi đua lao động giỏi, lao động sáng tạo",
    "xây dựng nhà văn hóa công nhân khu công nghiệp",
    "bình đẳng giới và công tác nữ công",
    "tuyên truyền phổ biến pháp luật cho người lao động",
    "đào tạo, bồi dưỡng cán bộ công đoàn cơ sở",
    "hỗ trợ đoàn viên gặp khó khăn do thiên tai, dịch bệnh",
    "giám sát thực hiện chính sách bảo hiểm xã hội",
]

_DATE = re.compile(r"ngày\s+\*?\d{1,2}\*?\s+tháng\s+\*?\d{1,2}\*?\s+năm\s+\d{4}")
_NUMBER = re.compile(r"(Số:?\s*)(\*M\*\s*|\d+\s*)([/-])")   # "Số: *M* /KH" is a placeholder
_PERCENT = re.compile(r"\b(\d{2})%")
_YEAR = re.compile(r"(?<![\d.,/])(19[5-9]\d|20\d\d)(?![\d.,]\d)")


def seed_texts(seeds: Path) -> list[tuple[str, str]]:
    files = sorted(seeds.glob("*.txt"))
    if not files:
        raise SystemExit(f"no seed documents (*.txt) in {seeds}")
    return [(f.name, normalize(f.read_text(encoding="utf-8"))) for f in files]


def variant(text: str, rng: random.Random, index: int, keep_number: bool = False) -> str:
    """One realistic variant of a seed text: date, number (unless `keep_number`), target
    values, title topic, paragraphs dropped or repeated."""
    year = rng.randint(2015, 2025)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    # every year of the text moves with the document's date, so deadlines ("Đến năm 2025"),
    # terms and cited documents keep their distance to it (targets stay in its time frame)
    dated = _DATE.search(text)
    if dated:
        offset = year - int(dated.group(0)[-4:])
        text = _YEAR.sub(lambda m: str(int(m.group(1)) + offset), text)
    text = _DATE.sub(f"ngày {day} tháng {month} năm {year}", text, count=1)
    if not keep_number:
        text = _NUMBER.sub(lambda m: f"{m.group(1)}{index + 1}{m.group(3)}", text, count=1)
    text = _PERCENT.sub(lambda m: f"{max(10, min(99, int(m.group(1)) + rng.randint(-9, 9)))}%",
                        text)
    lines = text.split("\n")
    # the title (trích yếu) gets a topic: the first bold line after the type line
    for i, line in enumerate(lines[:40]):
        if line.startswith("**") and len(line) > 6:
            lines[i] = line.rstrip("*") + f" về {rng.choice(TOPICS)}**"
            break
    # length: repeat or drop some plain paragraphs of the body (never headings or lists)
    body = [i for i, line in enumerate(lines) if len(line) > 200 and line[0].isupper()]
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in body and rng.random() < 0.15:
            continue
        out.append(line)
        if i in body and rng.random() < 0.25:
            out += ["", f"{line} Nội dung trọng tâm năm {year}: {rng.choice(TOPICS)}."]
    return "\n".join(out)


def copy_portal(out: Path) -> None:
    """The repository's mkdocs.yml, hooks/ and overrides/ into `out` (replacing them)."""
    for name in ("hooks", "overrides"):
        shutil.rmtree(out / name, ignore_errors=True)
        shutil.copytree(ROOT / name, out / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", out / "mkdocs.yml")


def make_corpus(n: int, out: Path, seed: int = 1, seeds: Path | None = None) -> int:
    """Write the project into `out` (which must not exist or be empty); the document count."""
    seeds = seeds or ROOT.parent / "shared" / "seeds"
    texts = seed_texts(seeds)
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} is not empty; choose a new folder")
    docs, data = out / "docs", out / "data"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("van-ban"))
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("targets"))
    copy_portal(out)
    (docs / "van-ban").mkdir()
    (data / "targets").mkdir()
    taken: set[str] = set()
    written = 0
    for index in range(n):
        name, text = texts[index % len(texts)]
        rng = random.Random(f"{seed}:{index}")
        for attempt in range(20):
            # the first variant of each seed keeps the seed's number (17/CTr-LĐLĐ exists once)
            text_i = variant(text, rng, index + attempt * n,
                             keep_number=index < len(texts) and attempt == 0)
            doc = convert(text_i, source=f"{index:05d}_{name}")
            if doc.slug and doc.slug not in taken:
                break
        else:
            raise SystemExit(f"document {index}: no free slug after 20 tries")
        taken.add(doc.slug)
        (docs / "van-ban" / f"{doc.slug}.md").write_text(render_markdown(doc), encoding="utf-8")
        if doc.targets:
            (data / "targets" / f"{doc.slug}.yml").write_text(render_targets_yaml(doc),
                                                              encoding="utf-8")
        written += 1
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of documents")
    ap.add_argument("out", type=Path, help="new folder for the project")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--seeds", type=Path, help="folder of seed .txt files")
    args = ap.parse_args()
    count = make_corpus(args.n, args.out, args.seed, args.seeds)
    print(f"{count} documents in {args.out}/docs/van-ban/; build: "
          f"mkdocs build -f {args.out}/mkdocs.yml")


if __name__ == "__main__":
    main()
