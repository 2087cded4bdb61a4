"""Data files shipped with coffeechat (read with importlib.resources)."""
