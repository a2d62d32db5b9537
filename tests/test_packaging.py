"""A non-editable install carries the questionnaires and templates and works from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.builders import ROOT

pytestmark = pytest.mark.subprocess  # Builds a wheel and installs it in a fresh environment.


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built as a wheel and installed (without dependencies) into a folder."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(work),
            str(ROOT),
        ],
        check=True,
    )
    wheel = next(work.glob("assess-*.whl"))
    target = work / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def _run(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run(
        [sys.executable, "-m", "assess", *args],
        cwd="/",
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_wheel_carries_assets_and_entry_point(installed: Path) -> None:
    bundled = installed / "assess" / "_bundled"
    assert (bundled / "questionnaires" / "cyberposture-1.0.yaml").is_file()
    assert any((bundled / "templates").iterdir())
    assert (installed / "assess" / "data" / "nist-csf-2.0-subcategories.json").is_file()
    entry_points = next(installed.glob("assess-*.dist-info")) / "entry_points.txt"
    assert "assess = assess.cli:main" in entry_points.read_text()


def test_installed_package_works_from_root(installed: Path) -> None:
    probe = subprocess.run(
        [sys.executable, "-c", "import assess; print(assess.__file__)"],
        cwd="/",
        env={**os.environ, "PYTHONPATH": str(installed)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.startswith(str(installed))
    listed = _run(installed, "list")
    assert listed.returncode == 0, listed.stderr
    assert "cyberposture@1.0" in listed.stdout
    shipped = installed / "assess" / "_bundled" / "questionnaires" / "cyberposture-1.0.yaml"
    validated = _run(installed, "validate", str(shipped))
    assert validated.returncode == 0, validated.stderr
