"""The paragraph around a quote, so a reader sees the target in its context."""

from __future__ import annotations


def enclosing_paragraph(text: str, start: int, end: int) -> tuple[str, int]:
    """The line(s) of `text` holding `text[start:end]`, and where the quote starts within them."""
    paragraph_start = text.rfind("\n", 0, start) + 1
    paragraph_end = text.find("\n", end)
    if paragraph_end == -1:
        paragraph_end = len(text)
    return text[paragraph_start:paragraph_end], start - paragraph_start
