"""Money is whole rupiah held in integers; never floats."""


def format_rupiah(amount: int | None) -> str:
    if amount is None:
        return ""
    if not isinstance(amount, int):
        raise TypeError("Rupiah amounts are integers.")
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(amount):,}".replace(",", ".")
