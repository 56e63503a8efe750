"""Domain words in Indonesian and English, shared by templates, exports and the dashboard."""

import re

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

# audit log actions (indicators.audit) and the keys of their details, in words
ACTION_LABELS: dict[str, tuple[str, str]] = {
    "submission.loaded": ("Laporan dimuat", "Report loaded"),
    "submission.replaced": ("Laporan menggantikan yang lama", "Report replaced an earlier one"),
    "submission.submitted": ("Laporan dikirim untuk ditinjau", "Report sent for review"),
    "submission.approved": ("Laporan disetujui", "Report approved"),
    "submission.returned": ("Laporan dikembalikan", "Report returned"),
    "submission.withdrawn": ("Laporan ditarik", "Report withdrawn"),
    "catalogue.loaded": ("Katalog RAD dimuat", "RAD catalogue loaded"),
    "catalogue.imported": ("Katalog RAD diimpor", "RAD catalogue imported"),
    "catalogue.revised": ("Katalog RAD direvisi", "RAD catalogue revised"),
    "plan.published": ("RAD dipublikasikan", "Plan published"),
    "plan.unpublished": ("Publikasi RAD dicabut", "Plan unpublished"),
    "plan.review_on": ("Tinjauan unggahan diaktifkan", "Upload review switched on"),
    "plan.review_off": ("Tinjauan unggahan dimatikan", "Upload review switched off"),
    "user.added": ("Akun dibuat", "Account added"),
    "user.removed": ("Akun dinonaktifkan", "Account removed"),
    "user.password_changed": ("Kata sandi diganti", "Password changed"),
    "user.logged_out": ("Keluar (semua sesi berakhir)", "Logged out (every session ended)"),
    "login.succeeded": ("Berhasil masuk", "Logged in"),
    "login.failed": ("Gagal masuk", "Failed login"),
    "agency.added": ("Instansi ditambahkan", "Agency added"),
    "agency.contact": ("Narahubung instansi diperbarui", "Agency focal point updated"),
    "agency.renamed": ("Instansi berganti nama", "Agency renamed"),
    "agency.aliases": ("Alias instansi diperbarui", "Agency aliases updated"),
    "agency.retired": ("Instansi tidak aktif lagi", "Agency retired"),
    "agency.reactivated": ("Instansi aktif kembali", "Agency reactivated"),
    "responsibility.imported": ("Matriks tanggung jawab dimuat", "Responsibility matrix loaded"),
    "plan.settings": ("Pengaturan RAD diubah", "Plan settings changed"),
    "demo.removed": ("Data demo dihapus", "Demo data removed"),
    "reminder.sent": ("Pengingat dikirim", "Reminder sent"),
    "reminder.failed": ("Pengingat gagal dikirim", "Reminder failed"),
    "templates.downloaded": ("Templat semua instansi diunduh", "Templates for all downloaded"),
    "narrative.written": ("Narasi ditulis", "Narrative written"),
}
DETAIL_LABELS: dict[str, tuple[str, str]] = {
    "agency": ("instansi", "agency"),
    "period": ("periode", "period"),
    "rows_before": ("baris sebelum", "rows before"),
    "rows_after": ("baris sesudah", "rows after"),
    "replaced_periods": ("periode yang diganti", "periods replaced"),
    "reinstated": ("dipulihkan", "reinstated"),
    "demo": ("demo", "demo"),
    "role": ("peran", "role"),
    "reason": ("alasan", "reason"),
    "pending": ("unggahan tertunda", "pending upload"),
    "submitted_by": ("dikirim oleh", "sent by"),
    "published": ("dipublikasikan", "published"),
    "name": ("nama", "name"),
    "old": ("lama", "old"),
    "new": ("baru", "new"),
    "added": ("ditambah", "added"),
    "removed": ("dihapus", "removed"),
    "retired_on": ("tidak aktif sejak", "retired on"),
    "recipient": ("penerima", "recipient"),
    "channel": ("saluran", "channel"),
    "submissions": ("laporan", "submissions"),
    "figures": ("nilai", "figures"),
}


def fold(text: str) -> str:
    """Lower case, punctuation folded to spaces: how names are compared ('Dinas P3A, TTU' ->
    'dinas p3a ttu'). The loader matches agency names written in files the same way."""
    text = text.lower().replace("s.d.", "sd").replace("s/d", "sd")
    return " ".join(re.sub(r"[^0-9a-z%]+", " ", text).split())


def action_text(action: str, lang: str = "id") -> str:
    """An audit action in words (its code when it has no words yet)."""
    return label(ACTION_LABELS, action, lang) if action in ACTION_LABELS else action


def detail_text(detail: dict | None, lang: str = "id") -> str:
    """An audit event's details in words: "instansi: DINSOS; baris sesudah: 12"; empty lists,
    false flags and blanks left out."""
    yes = "yes" if lang == "en" else "ya"
    parts = []
    for key, value in (detail or {}).items():
        if value in (None, "", [], False):
            continue
        name = label(DETAIL_LABELS, key, lang) if key in DETAIL_LABELS else key
        if value is True:
            value = yes
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items())
        parts.append(f"{name}: {value}")
    return "; ".join(parts)


# units of the RAD's indicators in English (Indonesian: as the RAD writes them)
UNIT_EN: dict[str, str] = {
    "orang": "people",
    "brosur": "brochures",
    "baliho": "billboards",
    "kali": "times",
    "kegiatan": "activities",
    "dokumen": "documents",
    "kecamatan": "kecamatan (sub-districts)",
    "desa": "villages",
    "perda": "regional regulations",
    "unit": "units",
    "korban": "victims",
    "petugas": "officers",
    "laporan": "reports",
    "polsek": "Polsek (police sectors)",
}


# Words a count is typed with ("45 orang", "3 kali"), grouped by what they count. A figure whose
# word is of another group than its indicator's unit ("45 orang" for sessions held) counts
# something else, or belongs on another row. Words in no group say nothing either way.
UNIT_GROUPS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "orang org jiwa peserta korban petugas penyidik jaksa hakim anak pekerja warga siswa "
        "pelajar tki pmi cpmi personil personel",
        "kali x kegiatan keg pertemuan sesi angkatan acara",
        "kecamatan kec",
        "desa kelurahan kel",
        "dokumen dok perda peraturan perbup sk laporan buku naskah",
        "unit buah polsek pos posko ruang ruangan",
        "brosur leaflet lembar eksemplar baliho spanduk poster",
        "kasus perkara",
        "kelompok lembaga organisasi",
        "rupiah rp juta",
    )
)


def unit_group(word: str) -> frozenset[str] | None:
    """The group of unit words `word` (a unit, or a word typed after a number) belongs to."""
    word = word.strip().casefold()
    return next((group for group in UNIT_GROUPS if word in group), None)


# Units of what stands rather than what is done: people, kecamatan, villages, units, groups.
# A recurring indicator in one of them is a level (indicators.progress.IndicatorSpec.level).
LEVEL_UNITS = frozenset().union(
    *(g for g in UNIT_GROUPS if g & {"orang", "kecamatan", "desa", "unit", "kelompok"})
)


def level_unit(unit: str) -> bool:
    """Whether `unit` counts what stands (a level: '2 orang', '24 kecamatan'), not what is
    done ('2 kali', '1 laporan')."""
    return (unit or "").strip().casefold() in LEVEL_UNITS


def unit_text(unit: str, lang: str = "id") -> str:
    """A unit in the page's language: the RAD's word in Indonesian, its English where known."""
    if lang != "en":
        return unit
    return UNIT_EN.get((unit or "").strip().casefold(), unit)


def shorten(text: str, limit: int) -> str:
    """`text` cut at the last whole word within `limit` characters, with "…" when cut."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.-")
    return cut + "…"


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
