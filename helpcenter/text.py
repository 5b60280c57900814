"""Text readers type, made safe to show and store as one line."""

import unicodedata


def one_line(text, max_length):
    """`text` with control and format characters made spaces, white space
    collapsed, cut to at most `max_length` characters."""
    visible = "".join(
        " " if unicodedata.category(char).startswith("C") else char
        for char in text or ""
    )
    return " ".join(visible.split())[:max_length].strip()
