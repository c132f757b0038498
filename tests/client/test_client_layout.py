"""One copy of the hand-written client, seen by the tests as it is edited.

The layer lives only in client/fireworks_deployments (distribution ``fireworks-deployments``);
the nox sessions install it editable, so an edit there needs no regeneration. Nothing of it is
copied under generated/, which holds generator output only.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import fireworks_deployments

REPO = Path(__file__).resolve().parents[2]
LAYER = REPO / "client" / "fireworks_deployments"
GENERATED = REPO / "generated"


def digests(root: Path) -> dict[str, Path]:
    return {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in root.rglob("*.py") if "__pycache__" not in p.parts}


def test_the_layer_is_imported_from_its_one_source_folder() -> None:
    assert Path(fireworks_deployments.__file__).resolve().parent == LAYER


def test_no_hand_written_module_exists_under_generated() -> None:
    ours = digests(LAYER)
    assert ours, "no modules found in client/fireworks_deployments"
    copies = [
        f"{p.relative_to(REPO)} == {ours[h].relative_to(REPO)}" for h, p in digests(GENERATED).items() if h in ours
    ]
    assert copies == []
    assert not list(GENERATED.rglob("fireworks_deployments_client/lib"))
