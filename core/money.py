"""Money is whole rupiah held in integers; never floats."""


def format_rupiah(amount: int | None) -> str:
    if amount is None:
        return ""
    if not isinstance(amount, int):
        raise TypeError("Rupiah amounts are integers.")
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(amount):,}".replace(",", ".")


def format_number(value, decimals: int | None = None) -> str:
    """A number as Indonesians print it: 540.000 and 87,50 (dot for thousands, comma for the
    decimals), whatever the language of the page, so a document never mixes both."""
    if value is None or value == "":
        return ""
    from decimal import Decimal, InvalidOperation

    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if decimals is None:
        decimals = 0 if number == number.to_integral_value() else 2
    text = f"{number:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
