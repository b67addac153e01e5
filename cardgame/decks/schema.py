"""The deck format's JSON Schema, shipped in the package as ``deck.schema.json``.

``cardgame schema > deck.schema.json`` writes it out, so that editors running
yaml-language-server can check and complete deck files as they are typed. The schema describes
deck files only (not the table-prompts file); ``cardgame validate`` stays the final word, since a
schema cannot see everything (card ids that clash, deck ids used by two files, YAML limits).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

SCHEMA_FILE = "deck.schema.json"


def schema_text() -> str:
    """The schema as JSON text, exactly as shipped."""
    return resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    """The schema as a Python mapping."""
    return json.loads(schema_text())
