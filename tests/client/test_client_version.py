"""A change to the client layer's sources needs a new version, a stamp and a CHANGELOG section."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import fireworks_deployments_client

import fireworks_deployments

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))

import client_version  # noqa: E402  (scripts/client_version.py)


def test_the_layer_is_stamped_for_its_version() -> None:
    assert client_version.problems() == []
    assert client_version.version_of() == fireworks_deployments.__version__


def test_both_packages_say_their_version() -> None:
    from importlib import metadata

    assert fireworks_deployments_client.__version__ == metadata.version("fireworks-deployments-client")
    assert fireworks_deployments.__version__ == metadata.version("fireworks-deployments")


def copy_layer(tmp_path: Path) -> tuple[Path, Path, Path]:
    package = tmp_path / "fireworks_deployments"
    shutil.copytree(client_version.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    stamp, changelog = tmp_path / "version_stamp.json", tmp_path / "CHANGELOG.md"
    shutil.copyfile(client_version.STAMP, stamp)
    shutil.copyfile(client_version.CHANGELOG, changelog)
    return package, stamp, changelog


def test_a_source_change_without_a_bump_fails(tmp_path: Path) -> None:
    package, stamp, changelog = copy_layer(tmp_path)
    assert client_version.problems(package, stamp, changelog) == []
    waiting = package / "waiting.py"
    waiting.write_text(waiting.read_text(encoding="utf-8").replace("POLL_BACKOFF = 1.5", "POLL_BACKOFF = 2.0"))
    found = client_version.problems(package, stamp, changelog)
    assert len(found) == 1 and "changed but its version is still" in found[0]
    try:
        client_version.stamp(package, stamp)
    except SystemExit as exc:
        assert "bump __version__ first" in str(exc)
    else:
        raise AssertionError("--stamp accepted changed sources under the same version")


def test_a_bump_needs_a_stamp_and_a_changelog_section(tmp_path: Path) -> None:
    package, stamp, changelog = copy_layer(tmp_path)
    (package / "retry.py").write_text((package / "retry.py").read_text(encoding="utf-8") + "\n# changed\n")
    version_file = package / "_version.py"
    version_file.write_text(version_file.read_text(encoding="utf-8").replace('"0.', '"9.'))
    found = client_version.problems(package, stamp, changelog)
    assert any("is not stamped" in line for line in found) and any("CHANGELOG" in line for line in found)
    client_version.stamp(package, stamp)
    new = client_version.version_of(package)
    changelog.write_text(changelog.read_text(encoding="utf-8") + f"\n## fireworks-deployments {new}\n\n- changed\n")
    assert client_version.problems(package, stamp, changelog) == []


def test_the_testing_kit_is_stamped_for_its_version() -> None:
    import fireworks_deployments_testing

    package, stamp, dist = client_version.LAYERS["kit"]
    assert client_version.problems(package, stamp, client_version.CHANGELOG, dist) == []
    assert client_version.version_of(package) == fireworks_deployments_testing.__version__


def test_a_kit_change_without_a_bump_fails(tmp_path: Path) -> None:
    source, stamp_file, dist = client_version.LAYERS["kit"]
    package = tmp_path / source.name
    shutil.copytree(source, package, ignore=shutil.ignore_patterns("__pycache__"))
    stamp, changelog = tmp_path / "version_stamp.json", tmp_path / "CHANGELOG.md"
    shutil.copyfile(stamp_file, stamp)
    shutil.copyfile(client_version.CHANGELOG, changelog)
    assert client_version.problems(package, stamp, changelog, dist) == []
    guards = package / "rules" / "guards.py"
    guards.write_text(guards.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    found = client_version.problems(package, stamp, changelog, dist)
    assert len(found) == 1 and "changed but its version is still" in found[0]
