from __future__ import annotations

from pathlib import Path

import pytest
from scenariofiles import write_instance


@pytest.fixture
def instance(tmp_path: Path) -> Path:
    """The small hand-made instance with ``base.toml`` and ``changed.toml``."""
    return write_instance(tmp_path / "case")
