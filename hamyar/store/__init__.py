"""The term workspace: one database that remembers the term's runs, decisions and payments.

Only this package talks to the database; the stages keep taking and returning plain models.
:class:`Workspace` opens it (migrating on first use), ``Workspace.session()`` is a command's one
transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hamyar.lazy import lazy_names

if TYPE_CHECKING:
    from hamyar.store.engine import Workspace
    from hamyar.store.errors import WorkspaceError, in_language
    from hamyar.store.location import database_url

_LAZY = {
    "Workspace": "hamyar.store.engine",
    "database_url": "hamyar.store.location",
    "WorkspaceError": "hamyar.store.errors",
    "in_language": "hamyar.store.errors",
}
"""Where each name lives: imported when first asked for, so that importing one
module of the package does not import all of them."""


__getattr__ = lazy_names(__name__, _LAZY)


__all__ = ["Workspace", "WorkspaceError", "database_url", "in_language"]
