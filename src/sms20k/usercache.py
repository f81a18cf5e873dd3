"""Where sms20k keeps what it can rebuild: the user's cache directory, never the repository.

Two things live there, each a pure speed-up whose loss only costs time: the built-in
checklists parsed and validated (sms20k.checklists.cache) and the packaged report templates
compiled (sms20k.template_cache). ``SMS20K_CACHE_DIR`` moves the directory and
``SMS20K_NO_CACHE=1`` turns every cache off.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

CACHE_DIR_VARIABLE = "SMS20K_CACHE_DIR"
NO_CACHE_VARIABLE = "SMS20K_NO_CACHE"


def cache_dir() -> Path | None:
    """Where sms20k keeps its cache: $SMS20K_CACHE_DIR, else the platform's user cache
    directory; None when turned off."""
    if os.environ.get(NO_CACHE_VARIABLE, "") not in ("", "0"):
        return None
    chosen = os.environ.get(CACHE_DIR_VARIABLE)
    if chosen:
        return Path(chosen)
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
        return base / "sms20k" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "sms20k"
    return Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "sms20k"
