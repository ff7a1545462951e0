"""Where the workspace lives, without importing SQLAlchemy.

* ``HAMYAR_DATABASE_URL`` (e.g. ``postgresql+psycopg://user@host/hamyar``) points at a server;
* otherwise the SQLite file ``hamyar.db`` in ``--workspace DIR``, ``HAMYAR_WORKSPACE``, or
  ``./hamyar-workspace``.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_FOLDER = "hamyar-workspace"
DATABASE_FILE = "hamyar.db"
BUSY_TIMEOUT_S = 60.0
URL_VARIABLE = "HAMYAR_DATABASE_URL"


SQLITE = "sqlite:///"


def database_url(workspace: str | Path | None = None) -> str:
    """The URL of the workspace: ``HAMYAR_DATABASE_URL``, else the SQLite file of the folder."""
    url = os.environ.get(URL_VARIABLE)
    if url:
        return url
    folder = Path(workspace or os.environ.get("HAMYAR_WORKSPACE") or DEFAULT_FOLDER)
    return f"{SQLITE}{(folder / DATABASE_FILE).absolute()}"


def sqlite_file(url: str) -> Path | None:
    """The file of a plain ``sqlite:///PATH`` URL (no driver, no query, nothing quoted);
    ``None`` for any other URL."""
    if not url.startswith(SQLITE) or any(c in url for c in "?%#"):
        return None
    path = url.removeprefix(SQLITE)
    return Path(path) if path and path != ":memory:" else None
