import segno


def qr_svg(data: str, *, scale: int = 4) -> str:
    """An inline SVG QR code (error correction M: survives a scuffed printed card)."""
    return segno.make(data, error="m", micro=False).svg_inline(scale=scale, border=2)


def qr_png_data_uri(data: str, *, scale: int = 6) -> str:
    return segno.make(data, error="m", micro=False).png_data_uri(scale=scale, border=2)
