"""The inbox (nhap/) as CI runs it: a file uploaded to the host is imported by `vanban inbox
--commit --push`, in a fresh clone, and the commit goes back to the host — here a bare git
repository standing in for GitHub or GitLab."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "inbox"
GOOD = FIXTURES / "06_sct-laocai-kh-dean08-congnghiep-xanh.docx"
BROKEN = FIXTURES / "ke-hoach-tai-len-do-dang.docx"
VANBAN = ROOT / ".venv" / "bin" / "vanban"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

STAFF = {"GIT_AUTHOR_NAME": "Cán bộ Văn phòng", "GIT_AUTHOR_EMAIL": "vanphong@example.org",
         "GIT_COMMITTER_NAME": "Cán bộ Văn phòng", "GIT_COMMITTER_EMAIL": "vanphong@example.org"}


def git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True,
                          env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull,
                               "GIT_CONFIG_NOSYSTEM": "1", **(env or {})})
    return done.stdout


@pytest.fixture
def host(tmp_path: Path) -> Path:
    """A bare repository holding a small portal on `main`, with the inbox's README in nhap/."""
    bare = tmp_path / "host.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    seed = tmp_path / "seed"
    git(tmp_path, "clone", "-q", str(bare), str(seed))
    (seed / "docs" / "van-ban").mkdir(parents=True)
    (seed / "docs" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (seed / "data" / "targets").mkdir(parents=True)
    (seed / "data" / "targets" / ".gitkeep").write_text("")
    (seed / "docs" / "van-ban" / ".gitkeep").write_text("")
    (seed / "nhap").mkdir()
    shutil.copy(ROOT / "nhap" / "README.md", seed / "nhap" / "README.md")
    git(seed, "add", "-A")
    git(seed, "commit", "-q", "-m", "portal", env=STAFF)
    git(seed, "push", "-q", "origin", "HEAD:main")
    return bare


def upload(host: Path, tmp_path: Path, *files: Path) -> str:
    """What *Add file → Upload files* into nhap/ does: one commit by the staff member on main;
    returns its hash."""
    clone = tmp_path / "upload"
    git(tmp_path, "clone", "-q", str(host), str(clone))
    for f in files:
        shutil.copy(f, clone / "nhap" / f.name)
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "Add files via upload", env=STAFF)
    git(clone, "push", "-q", "origin", "HEAD:main")
    return git(clone, "rev-parse", "HEAD").strip()


def ci_inbox(host: Path, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], str]:
    """The CI step in a fresh checkout: `vanban inbox --commit --push main --summary …`;
    returns the process and the summary file's text."""
    work = tmp_path / "ci"
    git(tmp_path, "clone", "-q", str(host), str(work))
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_COMMITTER_NAME": "github-actions[bot]",
           "GIT_COMMITTER_EMAIL": "github-actions[bot]@users.noreply.github.com"}
    done = subprocess.run([str(VANBAN), "inbox", "--commit", "--push", "main", "--summary",
                           str(summary)], cwd=work, capture_output=True, text=True, env=env,
                          timeout=120, check=False)
    return done, summary.read_text(encoding="utf-8") if summary.exists() else ""


def test_uploaded_docx_is_imported_and_pushed_back(host: Path, tmp_path: Path) -> None:
    uploaded = upload(host, tmp_path, GOOD)
    done, summary = ci_inbox(host, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr

    head = git(host, "rev-parse", "main").strip()
    assert git(host, "rev-parse", f"{head}^").strip() == uploaded   # one commit on top
    changed = sorted(line.split("\t") for line in
                     git(host, "diff", "--name-status", "--no-renames", uploaded, head)
                     .splitlines())
    # the agencies the registry did not know are added to it, marked for review
    registry = [(s, p) for s, p in changed if p == "data/agencies.yml"]
    assert registry and registry[0][0] in "AM", changed
    assert "review: true" in git(host, "show", f"{head}:data/agencies.yml")
    changed = [c for c in changed if c[1] != "data/agencies.yml"]
    deleted = [p for s, p in changed if s == "D"]
    added = {p for s, p in changed if s == "A"}
    assert deleted == [f"nhap/{GOOD.name}"]
    assert [s for s, _ in changed if s not in "AD"] == []
    pages = [p for p in added if p.startswith("docs/van-ban/") and p.endswith(".md")]
    assert len(pages) == 1, added
    slug = Path(pages[0]).stem
    assert added == {f"docs/van-ban/{slug}.md", f"docs/van-ban/{slug}.docx",
                     f"data/targets/{slug}.yml"}

    # the original, byte for byte
    original = subprocess.run(["git", "show", f"{head}:docs/van-ban/{slug}.docx"], cwd=host,
                              capture_output=True, check=True).stdout
    assert original == GOOD.read_bytes()
    # the page: a Kế hoạch implementing Đề án 08 (read from the document's header)
    page = git(host, "show", f"{head}:docs/van-ban/{slug}.md")
    front = yaml.safe_load(page.split("---\n")[1])
    assert front["type"]["code"] == "KH"
    assert "Đề án số 08" in front["title"]
    # the targets file: "tỷ trọng ngành Công nghiệp trong GRDP đến năm 2030 đạt 33,59%"
    targets = yaml.safe_load(git(host, "show", f"{head}:data/targets/{slug}.yml"))
    grdp = [t for t in targets["targets"] if "GRDP" in t["text"]]
    assert [(t["target"], t["unit"]) for t in grdp] == [(33.59, "%")]
    # the inbox keeps only its README
    assert git(host, "ls-tree", "--name-only", f"{head}:nhap").split() == ["README.md"]
    # the uploader is the commit's author; CI is its committer
    assert git(host, "log", "-1", "--format=%an|%cn", head).strip() == \
        "Cán bộ Văn phòng|github-actions[bot]"
    # the summary names the file and what was written
    assert f"nhap/{GOOD.name}" in summary.replace("\\_", "_")
    assert f"docs/van-ban/{slug}.md" in summary
    assert f"data/targets/{slug}.yml" in summary


def test_refused_file_stays_and_nothing_is_committed(host: Path, tmp_path: Path) -> None:
    uploaded = upload(host, tmp_path, BROKEN)
    done, summary = ci_inbox(host, tmp_path)
    assert done.returncode == 1
    assert git(host, "rev-parse", "main").strip() == uploaded       # nothing pushed
    work = tmp_path / "ci"
    assert git(work, "rev-parse", "HEAD").strip() == uploaded       # nothing committed
    assert git(work, "status", "--porcelain") == ""                 # nothing written
    assert (work / "nhap" / BROKEN.name).read_bytes() == BROKEN.read_bytes()
    text = summary.replace("\\_", "_")
    # why, in Vietnamese, naming the file, and what to do
    assert f"nhap/{BROKEN.name}" in text
    assert "KHÔNG nhập được" in text
    assert "bị hỏng hoặc không phải tệp Word" in text
    assert "tải lên lại vào nhap/" in text
    assert text in done.stdout                                       # and in the job log


def test_mixed_upload_commits_the_good_file_and_keeps_the_other(host: Path,
                                                                tmp_path: Path) -> None:
    uploaded = upload(host, tmp_path, GOOD, BROKEN)
    done, summary = ci_inbox(host, tmp_path)
    assert done.returncode == 1                    # CI fails: no build, no deployment
    head = git(host, "rev-parse", "main").strip()
    assert head != uploaded
    assert git(host, "ls-tree", "--name-only", f"{head}:nhap").split() == \
        sorted(["README.md", BROKEN.name])
    assert f"D\tnhap/{GOOD.name}" in git(host, "diff", "--name-status", "--no-renames",
                                                  uploaded, head)
    text = summary.replace("\\_", "_")
    assert f"**nhap/{GOOD.name}** đã được nhập" in text
    assert f"**nhap/{BROKEN.name}** KHÔNG nhập được" in text
