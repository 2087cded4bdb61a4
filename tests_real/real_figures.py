"""Figures the real-model tests measure, written to report.json at the end."""

FIGURES: dict[str, object] = {}
