"""What hamyar wrote into an output folder: ``.hamyar.json``.

Every output folder gets a manifest listing each file hamyar wrote with its ``sha256``, and for
``assignments.csv`` the digest of every line, so that:

- ``--force`` replaces only a folder every file of which hamyar wrote (:func:`foreign_files`);
  a folder holding anything else (the inputs, a notes file, a payroll written into it later) is
  refused, never deleted;
- ``pay`` refuses an allocation whose ``assignments.csv`` was edited after the run, naming the
  rows that changed (:func:`changed_rows`).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

MANIFEST = ".hamyar.json"
TRACKED_LINES = frozenset({"assignments.csv"})
"""Files whose every line's digest is kept, so an edit can be located."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _line_digests(path: Path) -> list[str]:
    with path.open("rb") as handle:
        return [hashlib.sha256(line.rstrip(b"\r\n")).hexdigest()[:16] for line in handle]


def _files(folder: Path) -> list[str]:
    found = []
    for root, _dirs, names in os.walk(folder):
        for name in names:
            rel = (Path(root) / name).relative_to(folder).as_posix()
            if rel != MANIFEST:
                found.append(rel)
    return sorted(found)


def write_manifest(folder: Path, kind: str) -> None:
    """List every file under ``folder`` as written by the command ``kind``."""
    files = {rel: _sha256(folder / rel) for rel in _files(folder)}
    lines = {rel: _line_digests(folder / rel) for rel in files if Path(rel).name in TRACKED_LINES}
    document = {"written_by": "hamyar", "kind": kind, "files": files, "lines": lines}
    (folder / MANIFEST).write_text(json.dumps(document, indent=1), encoding="utf-8")


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """The manifest of ``folder``, or ``None`` when hamyar did not write it (or it is damaged)."""
    try:
        document = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict) or document.get("written_by") != "hamyar":
        return None
    return document


def foreign_files(folder: Path) -> list[str]:
    """Files under ``folder`` that its manifest does not list (every file, without one)."""
    manifest = read_manifest(folder)
    listed = set(manifest["files"]) if manifest else set()
    return [rel for rel in _files(folder) if rel not in listed]


def changed_rows(folder: Path, name: str) -> list[int] | None:
    """Row numbers (header = 1) of ``name`` that differ from what the run wrote; ``[]`` when the
    file is as written, ``None`` when the folder has no manifest entry for it."""
    manifest = read_manifest(folder)
    if manifest is None or name not in manifest.get("files", {}):
        return None
    path = folder / name
    if _sha256(path) == manifest["files"][name]:
        return []
    written = manifest.get("lines", {}).get(name, [])
    now = _line_digests(path)
    rows = [
        i + 1
        for i in range(max(len(now), len(written)))
        if i >= len(now) or i >= len(written) or now[i] != written[i]
    ]
    return rows or [1]
