"""WCAG colour contrast, used to keep the configurable accent colour readable."""


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_color: str) -> float:
    hex_color = hex_color.lstrip("#")
    if len(hex_color) != 6:
        raise ValueError(f"not a #RRGGBB colour: {hex_color!r}")
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    try:
        lighter, darker = sorted(
            (relative_luminance(first), relative_luminance(second)), reverse=True
        )
    except ValueError:
        return 0.0
    return (lighter + 0.05) / (darker + 0.05)
