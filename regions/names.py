"""Display names from the upper-case source data: 'KABUPATEN ACEH SELATAN' -> 'Kabupaten Aceh Selatan'."""

_KEEP_UPPER = {"DKI", "DI", "NTB", "NTT"}


def display_name(raw: str) -> str:
    words = []
    for word in raw.strip().split():
        if word.upper() in _KEEP_UPPER:
            words.append(word.upper())
        else:
            words.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(words)
