"""Domain words in Indonesian and English, shared by templates, exports and the dashboard."""

from indicators import bands
from indicators.models import Kind

# key -> (Indonesian, English)
KIND_LABELS: dict[str, tuple[str, str]] = {
    Kind.CUMULATIVE: ("kumulatif", "cumulative"),
    Kind.RECURRING: ("tahunan", "recurring (yearly)"),
    Kind.PERCENTAGE: ("persentase", "percentage"),
    Kind.MILESTONE: ("tonggak (Sudah/Belum)", "milestone (done / not yet)"),
}

# every status's labels, from indicators.bands (the one place they are written)
BAND_LABELS: dict[str, tuple[str, str]] = {key: (b.id, b.en) for key, b in bands.ALL.items()}

MEASURE_LABELS: dict[str, tuple[str, str]] = {
    "cases_reported": ("Kasus dilaporkan", "Cases reported"),
    "cases_resolved": ("Kasus terselesaikan", "Cases resolved"),
    "victims": ("Korban", "Victims"),
    "deaths_total": ("Pekerja migran meninggal (total)", "Migrant worker deaths (total)"),
    "deaths_legal": ("Meninggal, berangkat legal", "Deaths, left legally"),
    "deaths_illegal": ("Meninggal, berangkat ilegal", "Deaths, left illegally"),
    "migrants_intercepted": (
        "Calon PMI non-prosedural diamankan",
        "Non-procedural migrants intercepted",
    ),
}

# Answers agencies write for milestones. None means "not reported", never zero.
MILESTONE_WORDS: dict[str, float | None] = {
    "sudah": 1.0,
    "ada": 1.0,
    "terlaksana": 1.0,
    "tercapai": 1.0,
    "selesai": 1.0,
    "ya": 1.0,
    "done": 1.0,
    "yes": 1.0,
    "belum": 0.0,
    "tidak": 0.0,
    "tidak ada": 0.0,
    "belum terlaksana": 0.0,
    "belum dilaksanakan": 0.0,
    "sudah terlaksana": 1.0,
    "telah terlaksana": 1.0,
    "sudah dilaksanakan": 1.0,
    "telah dilaksanakan": 1.0,
    "sudah ada": 1.0,
    "sudah tersedia": 1.0,
    "belum ada": 0.0,
    "dalam proses": 0.0,
    "sedang proses": 0.0,
    "masih proses": 0.0,
    "belum tersedia": 0.0,
    "not yet": 0.0,
    "no": 0.0,
    "-": None,
    "n/a": None,
    "na": None,
}


def label(table: dict[str, tuple[str, str]], key: str, lang: str = "id") -> str:
    """The Indonesian or English label of `key` in `table`."""
    id_text, en_text = table[key]
    return en_text if lang == "en" else id_text
