"""WCAG 2.1 contrast between two sRGB colours written #rrggbb."""

import re

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
# WCAG AA for normal text: the accent colours text and buttons' labels.
AA = 4.5


def _channel(value):
    value /= 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour):
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast(first, second):
    """The contrast ratio, from 1 (same) to 21 (black on white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
