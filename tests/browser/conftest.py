"""Browser tests: Playwright for Python driving Debian's Chromium. Skipped, saying how to enable
them, where either is missing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CARDGAME_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ENABLE = (
    "browser tests need Debian's Chromium and Playwright for Python: "
    "`apt-get install -y chromium` and `pip install -e '.[test]'` (.ci/run does both)"
)


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the whole module."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}; {ENABLE}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip(f"Playwright is not installed; {ENABLE}")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
