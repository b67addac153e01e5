"""The built wheel works on its own: bundled decks and the schema ship inside it.

Builds the wheel from the repository, installs it into a fresh virtual environment and runs the
installed ``cardgame`` there. Slow, so it is marked ``slow``; it still runs by default (deselect
with ``-m "not slow"``), and tests/conftest.py schedules it first so it overlaps the rest of the
suite.

To stay cheap nothing is fetched or resolved from an index: pip installs the wheel alone
(``--no-deps --no-index``), and the fresh environment gets exactly the distributions the wheel's
own ``Requires-Dist`` asks for (followed through their requirements and extras, each version
checked against the specifier that asked for it), linked from this environment. Nothing else is
importable there (no system site-packages, not this checkout), so a dependency the wheel forgot
to declare, or a version it rules out, still fails the test. Resolving and downloading the same
packages took most of the test's time; that pip can resolve them is what installing the test
environment (`make`) already shows.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from cardgame import __version__
from cardgame.decks import load_library

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str | Path, **kwargs) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(arg) for arg in args], capture_output=True, text=True, timeout=600, **kwargs
    )
    assert result.returncode == 0, f"{args}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return result


def wheel_requirements(wheel: Path) -> list[str]:
    """The ``Requires-Dist`` lines of a built wheel's METADATA."""
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = archive.read(name).decode("utf-8")
    return [
        line.partition(":")[2].strip()
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist:")
    ]


def installed_closure(requirements: list[str]) -> dict[str, importlib.metadata.Distribution]:
    """The installed distributions pip would install for ``requirements``, by name.

    Follows each distribution's own requirements (with the extras asked of it), skips those whose
    markers do not apply, and checks every installed version against the specifier asking for it.
    """
    found: dict[str, importlib.metadata.Distribution] = {}
    seen: set[tuple[str, frozenset[str]]] = set()
    pending = [(line, frozenset()) for line in requirements]
    while pending:
        line, extras = pending.pop()
        requirement = Requirement(line)
        marker = requirement.marker
        if marker and not any(marker.evaluate({"extra": extra}) for extra in {"", *extras}):
            continue
        dist = importlib.metadata.distribution(requirement.name)
        assert requirement.specifier.contains(dist.version, prereleases=True), (line, dist.version)
        key = (canonicalize_name(requirement.name), frozenset(requirement.extras))
        if key in seen:
            continue
        seen.add(key)
        found[key[0]] = dist
        pending += [(child, frozenset(requirement.extras)) for child in dist.requires or ()]
    return found


def link_distributions(site_packages: Path, dists) -> None:
    """Make ``dists`` importable in another environment: link their top-level files into it."""
    for dist in dists:
        assert dist.files, f"{dist.metadata['Name']} lists no files"
        top_level = {file.parts[0] for file in dist.files if file.parts[0] != ".."}
        for name in top_level:
            link = site_packages / name
            if not link.exists():
                link.symlink_to(Path(dist.locate_file(name)))


@pytest.mark.slow
def test_wheel_installs_and_lists_its_bundled_decks(tmp_path):
    wheels = tmp_path / "wheels"
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check"]
    if importlib.util.find_spec("hatchling"):
        build.append("--no-build-isolation")  # use the installed backend: quicker, works offline
    run(*build, "-w", wheels, ROOT)
    (wheel,) = wheels.glob("cardgame-*.whl")
    assert f"-{__version__}-" in wheel.name

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False, clear=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    install = [sys.executable, "-m", "pip", "--python", python, "install", "--no-compile"]
    run(*install, "--quiet", "--disable-pip-version-check", "--no-deps", "--no-index", wheel)
    site_packages = Path(
        run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").stdout.strip()
    )
    assert site_packages.is_relative_to(env_dir), site_packages  # not this environment's
    dependencies = installed_closure(wheel_requirements(wheel))
    assert {"textual", "pyyaml", "platformdirs"} <= dependencies.keys()
    assert "cardgame" not in dependencies
    link_distributions(site_packages, dependencies.values())

    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}
    }
    env["CARDGAME_CONFIG_DIR"] = str(tmp_path / "config")
    env["CARDGAME_DATA_DIR"] = str(tmp_path / "data")
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # the linked packages belong to this environment
    cardgame = bin_dir / "cardgame"

    listed = run(cardgame, "decks", "--json", env=env, cwd=tmp_path)
    rows = {row["id"]: row for row in json.loads(listed.stdout)}
    expected = load_library([ROOT / "decks"])
    assert expected.decks and not expected.problems
    installed = env_dir.resolve()
    for deck in expected.decks:
        row = rows[deck.id]
        source = Path(row["source"]).resolve()
        assert source.is_relative_to(installed), source
        assert source.parent.name == "bundled_decks"
        assert row["cards"] == len(deck.cards)
    assert (source.parent / "table-prompts.yaml").is_file()
    assert listed.stderr == ""

    schema = run(cardgame, "schema", env=env, cwd=tmp_path).stdout
    assert schema == (ROOT / "cardgame" / "decks" / "deck.schema.json").read_text(encoding="utf-8")
    version = run(cardgame, "--version", env=env, cwd=tmp_path).stdout
    assert version.strip() == f"cardgame {__version__}"
