"""Find provinces and regencies from the names people actually write.

"DKI Jakarta" / "Jakarta", "DIY" / "D.I. Yogyakarta", "Jabar", "Kota Bandung" vs
"Kab. Bandung": spreadsheets and forms spell areas many ways.
"""

import re
from functools import lru_cache

from unidecode import unidecode

from .models import Province, Regency

PROVINCE_ALIASES = {
    "jakarta": "31",
    "dki": "31",
    "dki jakarta": "31",
    "daerah khusus ibukota jakarta": "31",
    "daerah khusus jakarta": "31",
    "diy": "34",
    "di yogyakarta": "34",
    "yogyakarta": "34",
    "jogja": "34",
    "jogjakarta": "34",
    "daerah istimewa yogyakarta": "34",
    "yogya": "34",
    "jabar": "32",
    "jateng": "33",
    "jatim": "35",
    "sumut": "12",
    "sumbar": "13",
    "sumsel": "16",
    "kalbar": "61",
    "kalteng": "62",
    "kalsel": "63",
    "kaltim": "64",
    "kaltara": "65",
    "sulut": "71",
    "sulteng": "72",
    "sulsel": "73",
    "sultra": "74",
    "sulbar": "76",
    "ntb": "52",
    "ntt": "53",
    "babel": "19",
    "bangka belitung": "19",
    "kepri": "21",
    "nad": "11",
    "nanggroe aceh darussalam": "11",
    "malut": "82",
    "pabar": "92",
}
_REGENCY_PREFIXES = {
    "kota": "kota",
    "kodya": "kota",
    "kotamadya": "kota",
    "kot": "kota",
    "kabupaten": "kabupaten",
    "kab": "kabupaten",
    "kab.": "kabupaten",
}


def _normal(text: str) -> str:
    text = unidecode(str(text or "")).lower()
    text = re.sub(r"\bd\.?\s*i\.?\s", "di ", text)  # "D.I. Yogyakarta" -> "di yogyakarta"
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1)
def _province_index() -> dict[str, str]:
    index = dict(PROVINCE_ALIASES)
    for code, name in Province.objects.values_list("code", "name"):
        index[_normal(name)] = code
        index[code] = code
    return index


def province_from_text(text: str) -> Province | None:
    key = _normal(text)
    if not key:
        return None
    code = _province_index().get(key)
    if code is None and key.startswith("provinsi "):
        code = _province_index().get(key.removeprefix("provinsi "))
    return Province.objects.filter(code=code).first() if code else None


@lru_cache(maxsize=1)
def _regency_index() -> list[tuple[str, str, int, int]]:
    """(base name, kind, regency id, province id) for every regency, read once per process."""
    return [
        (_normal(name).split(" ", 1)[-1], kind, pk, province_id)
        for pk, name, kind, province_id in Regency.objects.values_list("pk", "name", "kind", "province_id")
    ]


def regency_from_text(text: str, province: Province | None = None) -> Regency | None:
    """'Kota Bandung' and 'Kab. Bandung' are different places; a bare 'Bandung' is only
    accepted when exactly one regency of that name exists (in the province, if given)."""
    key = _normal(text)
    if not key:
        return None
    words = key.split(" ")
    kind = _REGENCY_PREFIXES.get(words[0])
    base = " ".join(words[1:]) if kind else key
    matches = [
        pk
        for name, regency_kind, pk, province_id in _regency_index()
        if name == base and (kind is None or regency_kind == kind) and (province is None or province_id == province.pk)
    ]
    return Regency.objects.get(pk=matches[0]) if len(matches) == 1 else None


def clear_cache():
    _province_index.cache_clear()
    _regency_index.cache_clear()


def province_from_list(text: str) -> Province | None:
    """`province_from_text` plus the prefixes spreadsheets carry: "Prov. Jawa Barat", "Propinsi Jabar"."""
    found = province_from_text(text)
    if found is None:
        stripped = re.sub(r"^\s*(prov(insi)?|propinsi)\.?\s+", "", str(text), flags=re.IGNORECASE)
        if stripped != text:
            found = province_from_text(stripped)
    return found


def regency_from_list(text: str, province: Province | None = None) -> Regency | None:
    """`regency_from_text` plus Jakarta's administrative cities as lists write them: "Jakarta
    Selatan", "Kota Jakarta Selatan" or "Kota Adm. Jakarta Selatan"."""
    found = regency_from_text(text, province)
    if found is not None:
        return found
    words = _normal(text).split()
    if words and words[0] in {"kota", "kab", "kabupaten"}:
        kind, rest = ("kota" if words[0] == "kota" else "kabupaten"), words[1:]
    else:
        kind, rest = None, words
    rest = [w for w in rest if w not in {"adm", "administrasi"}]
    if not rest:
        return None
    for candidate_kind in [kind] if kind else ["kota", "kabupaten"]:
        found = regency_from_text(f"{candidate_kind} administrasi {' '.join(rest)}", province)
        if found is not None:
            return found
    return None
