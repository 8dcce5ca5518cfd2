"""Shared ground: bilingual messages, the user-facing error, safe text, private atomic files."""
