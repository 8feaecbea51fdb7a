"""A tile-grid map of Indonesia's 38 provinces: one square per province, placed roughly where it
lies (Aceh top left, Papua right), shaded by a number. Drawn as SVG on the server, so it needs no
script and no boundary file; the same numbers are in the table beside it."""

from __future__ import annotations

from dataclasses import dataclass

# (column, row) by Kemendagri province code.
GRID = {
    "11": (0, 0),
    "12": (1, 1),
    "14": (2, 1),
    "21": (3, 1),
    "13": (1, 2),
    "15": (2, 2),
    "19": (3, 2),
    "17": (1, 3),
    "16": (2, 3),
    "18": (2, 4),
    "31": (4, 4),
    "36": (3, 5),
    "32": (4, 5),
    "33": (5, 5),
    "34": (5, 6),
    "35": (6, 5),
    "51": (7, 5),
    "52": (8, 5),
    "53": (9, 5),
    "61": (4, 2),
    "62": (5, 2),
    "64": (6, 2),
    "65": (6, 1),
    "63": (6, 3),
    "75": (8, 1),
    "71": (9, 1),
    "72": (8, 2),
    "76": (7, 3),
    "73": (8, 3),
    "74": (9, 3),
    "82": (10, 1),
    "81": (10, 3),
    "96": (11, 2),
    "92": (12, 2),
    "94": (12, 3),
    "91": (13, 2),
    "95": (13, 3),
    "93": (13, 4),
}
# The short names Indonesians use for provinces.
SHORT = {
    "11": "Aceh",
    "12": "Sumut",
    "13": "Sumbar",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumsel",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Babel",
    "21": "Kepri",
    "31": "DKI",
    "32": "Jabar",
    "33": "Jateng",
    "34": "DIY",
    "35": "Jatim",
    "36": "Banten",
    "51": "Bali",
    "52": "NTB",
    "53": "NTT",
    "61": "Kalbar",
    "62": "Kalteng",
    "63": "Kalsel",
    "64": "Kaltim",
    "65": "Kaltara",
    "71": "Sulut",
    "72": "Sulteng",
    "73": "Sulsel",
    "74": "Sultra",
    "75": "Gorontalo",
    "76": "Sulbar",
    "81": "Maluku",
    "82": "Malut",
    "91": "Papua",
    "92": "Pabar",
    "93": "Pasel",
    "94": "Pateng",
    "95": "Papeg",
    "96": "PBD",
}
# Sequential greens (light to dark) with readable text on each.
SHADES = ["#e8f3ef", "#c4e2d6", "#8fc9b3", "#4fa386", "#1f7a5e", "#0b5d4b"]
TILE, GAP = 46, 4


@dataclass
class Tile:
    code: str
    name: str
    short: str
    value: int
    x: int
    y: int
    fill: str
    text: str


def _shading(values) -> tuple:
    """(colour of a value, legend [(colour, "from–to")]) for these numbers."""
    top = max(values, default=0)
    steps = min(len(SHADES) - 1, top)  # bands above zero; fewer when the numbers are small

    def band_of(value: int) -> int:
        return 0 if value <= 0 else -(-value * steps // top)  # ceil: 1..steps

    def colour_of(band: int) -> str:
        return SHADES[0] if band == 0 else SHADES[round(band * (len(SHADES) - 1) / steps)]

    legend = [(SHADES[0], "0")]
    for band in range(1, steps + 1):
        low, high = (band - 1) * top // steps + 1, band * top // steps
        span = f"{low:,}" if low == high else f"{low:,}–{high:,}"
        legend.append((colour_of(band), span.replace(",", ".")))
    return (lambda value: colour_of(band_of(value))), legend


def _tile(code, name, short, value, column, row, fill) -> Tile:
    return Tile(
        code=code,
        name=name,
        short=short,
        value=value,
        x=column * (TILE + GAP),
        y=row * (TILE + GAP),
        fill=fill,
        text="#ffffff" if SHADES.index(fill) >= 3 else "#1d2b27",
    )


def tiles(values: dict[str, int], names: dict[str, str]) -> tuple[list[Tile], list[tuple[str, str]]]:
    """Tiles for every province and the legend [(colour, "from–to")]."""
    fill_of, legend = _shading(values.values())
    result = []
    for code, (column, row) in GRID.items():
        value = values.get(code, 0)
        result.append(_tile(code, names.get(code, code), SHORT[code], value, column, row, fill_of(value)))
    return result, legend


REGENCY_COLUMNS = 6


def short_regency(name: str) -> str:
    """ "Kabupaten Bandung Barat" → "Bandung B.", "Kota Bandung" → "Kt Bandung": fits a tile; the
    full name is in the tile's title and in the table."""
    is_city = name.startswith("Kota ")
    core = name.removeprefix("Kabupaten ").removeprefix("Kota ").removeprefix("Kab. ").strip()
    words = core.split()
    if len(core) > 9 and len(words) > 1:
        core = f"{words[0][:7]} {words[1][0]}."
    core = core[:10]
    return f"Kt {core}"[:10] if is_city else core


def regency_tiles(rows: list[tuple[str, int]]) -> tuple[list[Tile], list[tuple[str, str]], int, int]:
    """One province (or the regencies in an officer's scope) as a grid of its regencies and
    cities in Kemendagri order: no geography, but every tile is theirs, not a national map of
    zeros. Returns the tiles, the legend and the drawing's width and height."""
    fill_of, legend = _shading(value for _name, value in rows)
    result = [
        _tile(str(i), name, short_regency(name), value, i % REGENCY_COLUMNS, i // REGENCY_COLUMNS, fill_of(value))
        for i, (name, value) in enumerate(rows)
    ]
    columns = min(REGENCY_COLUMNS, len(rows)) or 1
    lines = -(-len(rows) // REGENCY_COLUMNS) or 1
    return result, legend, columns * (TILE + GAP), lines * (TILE + GAP)


def size() -> tuple[int, int]:
    columns = max(c for c, _r in GRID.values()) + 1
    rows = max(r for _c, r in GRID.values()) + 1
    return columns * (TILE + GAP), rows * (TILE + GAP)
