"""The term workspace: one database that remembers the term's runs, decisions and payments.

Only this package talks to the database; the stages keep taking and returning plain models.
:class:`Workspace` opens it (migrating on first use), ``Workspace.session()`` is a command's one
transaction.
"""

from hamyar.store.engine import Workspace, database_url
from hamyar.store.errors import WorkspaceError, in_language

__all__ = ["Workspace", "WorkspaceError", "database_url", "in_language"]
