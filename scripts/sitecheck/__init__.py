"""Helpers for scripts/check-site: checks of a built Lotse site with real tools."""
