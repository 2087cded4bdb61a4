"""The Textual app. Imported only when the TUI starts (``--version`` and ``--help`` never load it)."""
