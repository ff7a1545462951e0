"""Every test works in a workspace of its own session, never in the repository's folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session", autouse=True)
def _workspace_outside_the_repository(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HAMYAR_WORKSPACE", str(tmp_path_factory.mktemp("workspace")))
        patch.delenv("HAMYAR_DATABASE_URL", raising=False)
        yield
