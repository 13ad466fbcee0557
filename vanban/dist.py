"""`make dist`: the built site as one zip file, for any static host (unzip into the web root
or a sub-folder: every link in the site is relative).

The zip is reproducible: files in sorted order, every entry dated 1980-01-01 with the same
permissions, so two builds of the same content give the same bytes.

    python -m vanban.dist site dist/vanban-site.zip
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

_EPOCH = (1980, 1, 1, 0, 0, 0)   # the earliest date a zip entry can carry


def make_zip(site: Path, dest: Path) -> list[str]:
    """Write every file under `site` into `dest`; returns the names written, in order."""
    names = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name in names:
            info = zipfile.ZipInfo(name, _EPOCH)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, (site / name).read_bytes())
    tmp.replace(dest)
    return names


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not Path(argv[0]).is_dir() or not (Path(argv[0]) / "index.html").is_file():
        print("usage: python -m vanban.dist SITE_DIR OUT.zip  (build the site first: make build)",
              file=sys.stderr)
        return 2
    names = make_zip(Path(argv[0]), Path(argv[1]))
    size = Path(argv[1]).stat().st_size
    print(f"{argv[1]}: {len(names)} files, {size / 2**20:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
