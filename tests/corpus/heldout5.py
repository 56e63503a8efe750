"""Round-5 blind corpus: what happens OVER TIME at the secretariat of the Gugus Tugas PP-TPPO
Kab. TTU — sequences of files from one agency loaded one after another into one store, and a
few single files about periods that earlier rounds did not try.

Written by a helper who had not read the loader (only README, design notes, the catalogue and
the earlier corpora); every expectation was written before the loader saw the file.
Conventions as tests/corpus/files.py. Periods: '2021', '2021-TW2', '2021-S1'.
On the loader of that day 6 files and 4 sequences stored wrong figures or lost some silently
(a blank 'revisi' erased a triwulan; a late report's column of another year dropped a figure;
'Triwulan I dan II' read as TW I; a semester column dropped; a total column never compared; a
level differenced to 0); each is fixed since.
Measure with `python -m tests.corpus.measure_heldout5`.
"""

from __future__ import annotations

import csv
import itertools
import shutil
from pathlib import Path

from tests.corpus.files import (
    Case,
    Exact,
    ExactOrRefuse,
    F,
    Refuse,
    S,
    Sequence,
    _save,
    _xlsx,
)
from tests.corpus.heldout3 import _fill_template, _template

# --------------------------------------------------------------------------------------------
# helpers

NAMES = {
    "DP3A": "DINAS PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK KAB. TTU",
    "DINSOS": "DINAS SOSIAL KABUPATEN TIMOR TENGAH UTARA",
    "DISNAKERTRANS": "DINAS TENAGA KERJA DAN TRANSMIGRASI KAB. TTU",
    "POLRES": "KEPOLISIAN RESOR TIMOR TENGAH UTARA",
    "YTB": "YAYASAN TAPEN BIKOMI",
    "IOM": "INTERNATIONAL ORGANIZATION FOR MIGRATION (IOM) – KANTOR KEFAMENANU",
}


def _report(folder: Path, name: str, agency: str, title: str, head: list, rows: list) -> Path:
    """A plain agency report: the agency's name, a title, then Kode | Indikator | columns."""
    wb, _ = _xlsx(
        [
            [NAMES[agency]],
            [title],
            [],
            ["Kode", "Indikator", *head],
            *[[code, S(code), *values] for code, *values in rows],
        ]
    )
    return _save(wb, folder / name)


def _figs(agency: str, period: str, values: dict) -> dict:
    """{code: value} → figures; None values are left out (not reported)."""
    out = {}
    for code, v in values.items():
        if v is None:
            continue
        out[F(code, agency, period)] = float(v)
    return out


def _without(figs: dict, *codes_periods) -> dict:
    """`figs` less the keys whose (code, period) is listed."""
    drop = set(codes_periods)
    return {k: v for k, v in figs.items() if (k[0], k[2]) not in drop}


def _subsets(base: dict, optional: list) -> list:
    """`base` with every combination of the `optional` (code, period) keys left out."""
    out = []
    for n in range(1, len(optional) + 1):
        for combo in itertools.combinations(optional, n):
            out.append(_without(base, *combo))
    return out


# ============================================================================================
# Sequence A — DP3A 2021: TW I..TW IV, then the annual report repeating them.
# Indicators of every kind: 1.a.1.1 cumulative (people), 4.d.1.2 recurring count (dialogs,
# 2 a year: quarters add), 4.a.5.1 recurring LEVEL (two secretariat staff: 2 every quarter,
# still 2 for the year), 2.b.1.3 percentage (latest), 4.a.1.2 milestone.

A_CODES = ("1.a.1.1", "4.d.1.2", "4.a.5.1", "2.b.1.3", "4.a.1.2")
A_Q = {
    1: (100, 0, 2, "30%", "Belum"),
    2: (150, 1, 2, "40%", "Sudah"),
    3: (120, 0, 2, "45%", "Sudah"),
    4: (130, 1, 2, "50%", "Sudah"),
}
A_NUM = {"30%": 30, "40%": 40, "45%": 45, "50%": 50, "Sudah": 1, "Belum": 0}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _a_vals(values):
    return {c: A_NUM.get(v, v) for c, v in zip(A_CODES, values, strict=True)}


def _a_quarter(q: int):
    def build(folder: Path) -> Case:
        path = _report(
            folder,
            f"DP3A_TW_{ROMAN[q]}_2021.xlsx",
            "DP3A",
            f"LAPORAN CAPAIAN RAD PP-TPPO TRIWULAN {ROMAN[q]} TAHUN 2021",
            [f"Realisasi TW {ROMAN[q]}"],
            [(c, v) for c, v in zip(A_CODES, A_Q[q], strict=True)],
        )
        return Case(
            f"dp3a_2021_tw{q}_r5",
            path,
            f"DP3A TW {ROMAN[q]} 2021",
            Exact(_figs("DP3A", f"2021-TW{q}", _a_vals(A_Q[q]))),
        )

    build.__name__ = f"dp3a_2021_tw{q}_r5"
    return build


dp3a_2021_tw1_r5, dp3a_2021_tw2_r5, dp3a_2021_tw3_r5, dp3a_2021_tw4_r5 = (
    _a_quarter(q) for q in (1, 2, 3, 4)
)
A_ANNUAL = (500, 2, 2, "50%", "Sudah")


def dp3a_2021_tahunan_r5(folder: Path) -> Case:
    path = _report(
        folder,
        "DP3A_Laporan_Tahunan_2021.xlsx",
        "DP3A",
        "LAPORAN TAHUNAN CAPAIAN RAD PP-TPPO TAHUN 2021",
        ["Realisasi Tahun 2021", "Keterangan"],
        [
            ("1.a.1.1", 500, "TW I 100, TW II 150, TW III 120, TW IV 130"),
            ("4.d.1.2", 2, "Mei dan November"),
            ("4.a.5.1", 2, "dua staf sekretariat sepanjang tahun"),
            ("2.b.1.3", "50%", "posisi akhir tahun"),
            ("4.a.1.2", "Sudah", ""),
        ],
    )
    return Case(
        "dp3a_2021_tahunan_r5",
        path,
        "DP3A annual 2021: 500 people (= 100+150+120+130), 2 dialogs (= 0+1+0+1), 2 staff "
        "(a level: 2 each quarter, NOT 8), 50 % (latest), milestone done",
        Exact(_figs("DP3A", "2021", _a_vals(A_ANNUAL))),
    )


A_QUARTERS = {}
for _q in (1, 2, 3, 4):
    A_QUARTERS.update(_figs("DP3A", f"2021-TW{_q}", _a_vals(A_Q[_q])))

SEQ_A = Sequence(
    "r5_four_quarters_then_annual",
    "DP3A 2021: TW I..TW IV, then the annual report repeating them (staff level 2 each "
    "quarter and 2 for the year; the annual must not be refused because 2 != 2+2+2+2). The "
    "annual replaces the quarters (README); keeping the quarters and refusing the annual "
    "also counts nothing twice",
    [dp3a_2021_tw1_r5, dp3a_2021_tw2_r5, dp3a_2021_tw3_r5, dp3a_2021_tw4_r5, dp3a_2021_tahunan_r5],
    _figs("DP3A", "2021", _a_vals(A_ANNUAL)),
    alternatives=[dict(A_QUARTERS)],
)

# ============================================================================================
# Sequence B — DISNAKERTRANS 2022: the annual report first, then TW II and TW IV arrive late.


def nakertrans_2022_tahunan_r5(folder: Path) -> Case:
    path = _report(
        folder,
        "Disnakertrans_Tahunan_2022.xlsx",
        "DISNAKERTRANS",
        "LAPORAN TAHUNAN CAPAIAN RAD PP-TPPO TAHUN 2022",
        ["Realisasi 2022"],
        [("1.a.2.1", 20), ("1.a.3.1", 8)],
    )
    return Case(
        "nakertrans_2022_tahunan_r5",
        path,
        "DISNAKERTRANS annual 2022",
        Exact(_figs("DISNAKERTRANS", "2022", {"1.a.2.1": 20, "1.a.3.1": 8})),
    )


def _nakertrans_2022_q(q: int, values: tuple):
    def build(folder: Path) -> Case:
        path = _report(
            folder,
            f"Disnakertrans_TW{q}_2022.xlsx",
            "DISNAKERTRANS",
            f"LAPORAN TRIWULAN {ROMAN[q]} TAHUN 2022",
            [f"Realisasi Triwulan {ROMAN[q]}"],
            [("1.a.2.1", values[0]), ("1.a.3.1", values[1])],
        )
        return Case(
            f"nakertrans_2022_tw{q}_r5",
            path,
            f"DISNAKERTRANS TW {ROMAN[q]} 2022",
            Exact(
                _figs(
                    "DISNAKERTRANS",
                    f"2022-TW{q}",
                    {"1.a.2.1": values[0], "1.a.3.1": values[1]},
                )
            ),
        )

    build.__name__ = f"nakertrans_2022_tw{q}_r5"
    return build


nakertrans_2022_tw2_r5 = _nakertrans_2022_q(2, (5, 2))
nakertrans_2022_tw4_r5 = _nakertrans_2022_q(4, (6, 3))

SEQ_B = Sequence(
    "r5_annual_then_late_quarters",
    "DISNAKERTRANS 2022: annual (20, 8) first, then TW II (5, 2) and TW IV (6, 3) sent late: "
    "the annual counts, the quarters must not be added to it (refused: annual-counts)",
    [nakertrans_2022_tahunan_r5, nakertrans_2022_tw2_r5, nakertrans_2022_tw4_r5],
    _figs("DISNAKERTRANS", "2022", {"1.a.2.1": 20, "1.a.3.1": 8}),
)

# ============================================================================================
# Sequence C — DINSOS 2021: TW I, TW II, TW II corrected, TW III, then TW I's same file again.

C_CODES = ("2.a.1.3", "2.b.1.1", "2.c.1.1")


def _dinsos_2021_q(name: str, q: int, title: str, values: tuple, case: str):
    def build(folder: Path) -> Case:
        path = _report(
            folder,
            name,
            "DINSOS",
            title,
            [f"Realisasi Trw. {ROMAN[q]}"],
            list(zip(C_CODES, values, strict=True)),
        )
        return Case(
            case,
            path,
            title,
            Exact(_figs("DINSOS", f"2021-TW{q}", dict(zip(C_CODES, values, strict=True)))),
        )

    build.__name__ = case
    return build


dinsos_2021_tw1_r5 = _dinsos_2021_q(
    "Dinsos_Trw_I_2021.xlsx",
    1,
    "LAPORAN CAPAIAN RAD TPPO TRIWULAN I TAHUN 2021",
    (3, 5, 1),
    "dinsos_2021_tw1_r5",
)
dinsos_2021_tw2_r5 = _dinsos_2021_q(
    "Dinsos_Trw_II_2021.xlsx",
    2,
    "LAPORAN CAPAIAN RAD TPPO TRIWULAN II TAHUN 2021",
    (4, 10, 0),
    "dinsos_2021_tw2_r5",
)
dinsos_2021_tw2_revisi_r5 = _dinsos_2021_q(
    "Dinsos_Trw_II_2021_revisi.xlsx",
    2,
    "LAPORAN CAPAIAN RAD TPPO TRIWULAN II TAHUN 2021 (REVISI)",
    (6, 10, 1),
    "dinsos_2021_tw2_revisi_r5",
)
dinsos_2021_tw3_r5 = _dinsos_2021_q(
    "Dinsos_Trw_III_2021.xlsx",
    3,
    "LAPORAN CAPAIAN RAD TPPO TRIWULAN III TAHUN 2021",
    (2, 0, 0),
    "dinsos_2021_tw3_r5",
)

SEQ_C = Sequence(
    "r5_tw2_corrected_then_tw3_then_tw1_again",
    "DINSOS 2021: TW I (3, 5, 1), TW II (4, 10, 0), TW II REVISI (6, 10, 1) replaces TW II, "
    "TW III (2, 0, 0), then TW I's same file again (harmless)",
    [
        dinsos_2021_tw1_r5,
        dinsos_2021_tw2_r5,
        dinsos_2021_tw2_revisi_r5,
        dinsos_2021_tw3_r5,
        dinsos_2021_tw1_r5,
    ],
    {
        **_figs("DINSOS", "2021-TW1", dict(zip(C_CODES, (3, 5, 1), strict=True))),
        **_figs("DINSOS", "2021-TW2", dict(zip(C_CODES, (6, 10, 1), strict=True))),
        **_figs("DINSOS", "2021-TW3", dict(zip(C_CODES, (2, 0, 0), strict=True))),
    },
)

# ============================================================================================
# Sequence D — YTB TW III 2021: the same figures in an .xlsx and, renamed, in a .csv; then
# the .xlsx again.

D_VALUES = {"1.b.2.1": 2, "1.b.4.1": 1, "1.a.1.1": 180}


def ytb_2021_tw3_xlsx_r5(folder: Path) -> Case:
    path = _report(
        folder,
        "YTB_Laporan_TW3_2021.xlsx",
        "YTB",
        "LAPORAN KEGIATAN ANTI-TPPO TRIWULAN III TAHUN 2021",
        ["Capaian"],
        list(D_VALUES.items()),
    )
    return Case(
        "ytb_2021_tw3_xlsx_r5",
        path,
        "YTB TW III 2021 (xlsx)",
        Exact(_figs("YTB", "2021-TW3", D_VALUES)),
    )


def ytb_2021_tw3_csv_r5(folder: Path) -> Case:
    path = folder / "Laporan Triwulan III 2021 - Yayasan Tapen Bikomi.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(["YAYASAN TAPEN BIKOMI"])
        w.writerow(["LAPORAN KEGIATAN ANTI-TPPO TRIWULAN III TAHUN 2021"])
        w.writerow(["Kode", "Indikator", "Capaian"])
        for code, v in D_VALUES.items():
            w.writerow([code, S(code), v])
    return Case(
        "ytb_2021_tw3_csv_r5",
        path,
        "the same YTB TW III 2021 figures as CSV, another name",
        Exact(_figs("YTB", "2021-TW3", D_VALUES)),
    )


SEQ_D = Sequence(
    "r5_same_figures_two_files_then_first_again",
    "YTB TW III 2021: xlsx, then the same figures as a renamed CSV (replaces, same figures), "
    "then the xlsx again (superseded: refused or harmless); never two copies",
    [ytb_2021_tw3_xlsx_r5, ytb_2021_tw3_csv_r5, ytb_2021_tw3_xlsx_r5],
    _figs("YTB", "2021-TW3", D_VALUES),
)

# ============================================================================================
# Sequence E — DP3A 2020: TW I, then 'KUMULATIF s.d. TRIWULAN II': a count (people), a
# count of events per year (dialogs) and a LEVEL (secretariat staff).

E_TW1 = {"1.a.1.1": 80, "4.d.1.2": 1, "4.a.5.1": 2}


def dp3a_2020_tw1_r5(folder: Path) -> Case:
    path = _report(
        folder,
        "DP3A_TW_I_2020.xlsx",
        "DP3A",
        "LAPORAN CAPAIAN RAD PP-TPPO TRIWULAN I TAHUN 2020",
        ["Realisasi TW I"],
        list(E_TW1.items()),
    )
    return Case("dp3a_2020_tw1_r5", path, "DP3A TW I 2020", Exact(_figs("DP3A", "2020-TW1", E_TW1)))


def dp3a_2020_sd_tw2_r5(folder: Path) -> Case:
    path = _report(
        folder,
        "DP3A_Kumulatif_sd_TW_II_2020.xlsx",
        "DP3A",
        "LAPORAN KUMULATIF CAPAIAN RAD PP-TPPO S.D. TRIWULAN II TAHUN 2020",
        ["Realisasi s.d. TW II"],
        [("1.a.1.1", 200), ("4.d.1.2", 2), ("4.a.5.1", 2)],
    )
    return Case("dp3a_2020_sd_tw2_r5", path, "DP3A to date TW II 2020", Exact({}))


E_FINAL = {
    **_figs("DP3A", "2020-TW1", E_TW1),
    **_figs("DP3A", "2020-TW2", {"1.a.1.1": 120, "4.d.1.2": 1, "4.a.5.1": 2}),
}
SEQ_E = Sequence(
    "r5_sd_tw2_count_and_level",
    "DP3A 2020: TW I (80 people, 1 dialog, 2 staff), then 's.d. TW II' (200, 2, 2): TW II "
    "is 120 people and 1 dialog, but the 2 secretariat staff are a level (the RAD: 'minimal "
    "dua orang petugas'), still 2 in TW II: storing 0 staff for TW II is a wrong figure",
    [dp3a_2020_tw1_r5, dp3a_2020_sd_tw2_r5],
    E_FINAL,
    alternatives=[
        _without(E_FINAL, ("4.a.5.1", "2020-TW2")),  # the level row not derived
        _figs("DP3A", "2020-TW1", E_TW1),  # the to-date file refused
    ],
)

# ============================================================================================
# Sequence F — POLRES 2020: TW I, II, III, then 'KUMULATIF JANUARI S.D. DESEMBER (s.d. TW IV)'.

F_CODES = ("3.a.1.1", "3.b.1.1", "3.e.1.1", "3.d.1.1")
F_Q = {1: (2, 1, 0, "Belum"), 2: (3, 0, 1, "Sudah"), 3: (0, 1, 0, "Sudah")}


def _f_vals(values):
    return {c: A_NUM.get(v, v) for c, v in zip(F_CODES, values, strict=True)}


def _polres_2020_q(q: int):
    def build(folder: Path) -> Case:
        path = _report(
            folder,
            f"Polres_TTU_TW{q}_2020.xlsx",
            "POLRES",
            f"LAPORAN CAPAIAN RAD TPPO POLRES TTU TRIWULAN {ROMAN[q]} TAHUN 2020",
            ["Realisasi"],
            list(zip(F_CODES, F_Q[q], strict=True)),
        )
        return Case(
            f"polres_2020_tw{q}_r5",
            path,
            f"POLRES TW {ROMAN[q]} 2020",
            Exact(_figs("POLRES", f"2020-TW{q}", _f_vals(F_Q[q]))),
        )

    build.__name__ = f"polres_2020_tw{q}_r5"
    return build


polres_2020_tw1_r5, polres_2020_tw2_r5, polres_2020_tw3_r5 = (_polres_2020_q(q) for q in (1, 2, 3))
F_SD4 = (7, 2, 2, "Sudah")


def polres_2020_kumulatif_tw4_r5(folder: Path) -> Case:
    path = _report(
        folder,
        "Polres_TTU_Kumulatif_2020.xlsx",
        "POLRES",
        "LAPORAN KUMULATIF CAPAIAN RAD TPPO POLRES TTU JANUARI S.D. DESEMBER 2020 (S.D. TW IV)",
        ["Realisasi s.d. TW IV"],
        list(zip(F_CODES, F_SD4, strict=True)),
    )
    return Case("polres_2020_kumulatif_tw4_r5", path, "POLRES to date TW IV 2020", Exact({}))


F_QUARTERS = {}
for _q in (1, 2, 3):
    F_QUARTERS.update(_figs("POLRES", f"2020-TW{_q}", _f_vals(F_Q[_q])))
F_FINAL = {
    **F_QUARTERS,
    **_figs("POLRES", "2020-TW4", {"3.a.1.1": 2, "3.b.1.1": 0, "3.e.1.1": 1, "3.d.1.1": 1}),
}
SEQ_F = Sequence(
    "r5_three_quarters_then_kumulatif_tw4",
    "POLRES 2020: TW I-III own figures, then the year to date 's.d. TW IV' (7, 2, 2, Sudah): "
    "TW IV is 7-5 = 2 penyidik, 2-2 = 0 Polsek, 2-1 = 1 data update, milestone done; or the "
    "to-date year read as the annual report replacing the quarters",
    [polres_2020_tw1_r5, polres_2020_tw2_r5, polres_2020_tw3_r5, polres_2020_kumulatif_tw4_r5],
    F_FINAL,
    alternatives=[
        *_subsets(F_FINAL, [("3.b.1.1", "2020-TW4"), ("3.d.1.1", "2020-TW4")]),
        _figs("POLRES", "2020", _f_vals(F_SD4)),  # read as the year, replacing the quarters
        dict(F_QUARTERS),  # refused
    ],
)

# ============================================================================================
# Sequence G — IOM 2021: TW I, TW II, then 's.d. TW III' whose victims figure (15) is BELOW
# TW I + TW II (10 + 8 = 18).

G_TW1 = {"1.a.2.2": 3, "2.a.1.3": 10}
G_TW2 = {"1.a.2.2": 2, "2.a.1.3": 8}


def _iom_2021_q(q: int, values: dict):
    def build(folder: Path) -> Case:
        path = _report(
            folder,
            f"IOM_TTU_Q{q}_2021_TW{ROMAN[q]}.xlsx",
            "IOM",
            f"LAPORAN CAPAIAN RAD PP-TPPO TRIWULAN {ROMAN[q]} TAHUN 2021",
            ["Realisasi"],
            list(values.items()),
        )
        return Case(
            f"iom_2021_tw{q}_r5",
            path,
            f"IOM TW {ROMAN[q]} 2021",
            Exact(_figs("IOM", f"2021-TW{q}", values)),
        )

    build.__name__ = f"iom_2021_tw{q}_r5"
    return build


iom_2021_tw1_r5 = _iom_2021_q(1, G_TW1)
iom_2021_tw2_r5 = _iom_2021_q(2, G_TW2)


def iom_2021_sd_tw3_lower_r5(folder: Path) -> Case:
    path = _report(
        folder,
        "IOM_TTU_sd_TW_III_2021.xlsx",
        "IOM",
        "LAPORAN CAPAIAN RAD PP-TPPO S.D. TRIWULAN III TAHUN 2021 (KUMULATIF)",
        ["Realisasi s.d. TW III"],
        [("1.a.2.2", 7), ("2.a.1.3", 15)],
    )
    return Case("iom_2021_sd_tw3_lower_r5", path, "IOM s.d. TW III 2021", Exact({}))


G_BASE = {**_figs("IOM", "2021-TW1", G_TW1), **_figs("IOM", "2021-TW2", G_TW2)}
SEQ_G = Sequence(
    "r5_sd_tw3_below_quarters",
    "IOM 2021: TW I (3, 10), TW II (2, 8), then 's.d. TW III' (7, 15): 15 victims to date is "
    "below the 18 already reported — the file and the store disagree. Refusing the file is "
    "right; loading TW III's 2 sessions and leaving the victims row out (README's "
    "cumulative-falls warning) is acceptable; -3 or 15 victims for TW III is wrong",
    [iom_2021_tw1_r5, iom_2021_tw2_r5, iom_2021_sd_tw3_lower_r5],
    G_BASE,
    alternatives=[{**G_BASE, F("1.a.2.2", "IOM", "2021-TW3"): 2.0}],
)

# ============================================================================================
# Sequence H — DISNAKERTRANS 2019: Semester I, then 's.d. Triwulan III'.


def nakertrans_2019_s1_r5(folder: Path) -> Case:
    path = _report(
        folder,
        "Disnakertrans_Semester_I_2019.xlsx",
        "DISNAKERTRANS",
        "LAPORAN CAPAIAN RAD TPPO SEMESTER I TAHUN 2019",
        ["Realisasi Semester I"],
        [("1.a.2.1", 10), ("1.a.1.1", 200)],
    )
    return Case(
        "nakertrans_2019_s1_r5",
        path,
        "DISNAKERTRANS S1 2019",
        Exact(_figs("DISNAKERTRANS", "2019-S1", {"1.a.2.1": 10, "1.a.1.1": 200})),
    )


def nakertrans_2019_sd_tw3_r5(folder: Path) -> Case:
    path = _report(
        folder,
        "Disnakertrans_sd_TW_III_2019.xlsx",
        "DISNAKERTRANS",
        "LAPORAN CAPAIAN RAD TPPO S.D. TRIWULAN III TAHUN 2019",
        ["Realisasi s.d. TW III"],
        [("1.a.2.1", 14), ("1.a.1.1", 260)],
    )
    return Case("nakertrans_2019_sd_tw3_r5", path, "DISNAKERTRANS s.d. TW III 2019", Exact({}))


H_S1 = _figs("DISNAKERTRANS", "2019-S1", {"1.a.2.1": 10, "1.a.1.1": 200})
SEQ_H = Sequence(
    "r5_semester1_then_sd_tw3",
    "DISNAKERTRANS 2019: Semester I (10, 200), then 's.d. TW III' (14, 260): semester I is "
    "exactly TW I + TW II, so TW III is 4 and 60; refusing is acceptable, 14/260 as TW III "
    "is wrong",
    [nakertrans_2019_s1_r5, nakertrans_2019_sd_tw3_r5],
    {**H_S1, **_figs("DISNAKERTRANS", "2019-TW3", {"1.a.2.1": 4, "1.a.1.1": 60})},
    alternatives=[dict(H_S1)],
)

# ============================================================================================
# Sequence I — YTB 2022: TW I, TW II, Semester II (Juli–Desember), then TW III sent late.

I_CODES = ("1.b.2.1", "1.b.4.1", "1.a.1.1")


def _ytb_2022(name: str, title: str, column: str, values: tuple, case: str, period: str):
    def build(folder: Path) -> Case:
        path = _report(
            folder, name, "YTB", title, [column], list(zip(I_CODES, values, strict=True))
        )
        return Case(
            case, path, title, Exact(_figs("YTB", period, dict(zip(I_CODES, values, strict=True))))
        )

    build.__name__ = case
    return build


ytb_2022_tw1_r5 = _ytb_2022(
    "YTB_TW1_2022.xlsx",
    "LAPORAN KEGIATAN TRIWULAN I TAHUN 2022",
    "Capaian TW I",
    (1, 0, 90),
    "ytb_2022_tw1_r5",
    "2022-TW1",
)
ytb_2022_tw2_r5 = _ytb_2022(
    "YTB_TW2_2022.xlsx",
    "LAPORAN KEGIATAN TRIWULAN II TAHUN 2022",
    "Capaian TW II",
    (1, 1, 110),
    "ytb_2022_tw2_r5",
    "2022-TW2",
)
ytb_2022_s2_r5 = _ytb_2022(
    "YTB_Semester_II_2022.xlsx",
    "LAPORAN KEGIATAN SEMESTER II (JULI – DESEMBER) TAHUN 2022",
    "Capaian Semester II",
    (2, 1, 240),
    "ytb_2022_s2_r5",
    "2022-S2",
)
ytb_2022_tw3_r5 = _ytb_2022(
    "YTB_TW3_2022.xlsx",
    "LAPORAN KEGIATAN TRIWULAN III TAHUN 2022",
    "Capaian TW III",
    (1, 1, 120),
    "ytb_2022_tw3_r5",
    "2022-TW3",
)

I_FINAL = {
    **_figs("YTB", "2022-TW1", dict(zip(I_CODES, (1, 0, 90), strict=True))),
    **_figs("YTB", "2022-TW2", dict(zip(I_CODES, (1, 1, 110), strict=True))),
    **_figs("YTB", "2022-S2", dict(zip(I_CODES, (2, 1, 240), strict=True))),
}
SEQ_I = Sequence(
    "r5_quarters_then_semester2_then_tw3",
    "YTB 2022: TW I, TW II, Semester II (no overlap: all three count), then TW III sent late "
    "(inside the counting semester II: refused, never added)",
    [ytb_2022_tw1_r5, ytb_2022_tw2_r5, ytb_2022_s2_r5, ytb_2022_tw3_r5],
    I_FINAL,
)

# ============================================================================================
# Sequence J — DINSOS: the 2020 annual (three rows), then in 2021 the 2019 report sent late
# ('SUSULAN') with the 2020 figures beside it for two of the rows, equal to the store's.

J_2020 = {"2.a.1.3": 5, "2.b.1.1": 4, "2.c.1.1": 2}


def dinsos_2020_annual_r5(folder: Path) -> Case:
    path = _report(
        folder,
        "Dinsos_Tahunan_2020.xlsx",
        "DINSOS",
        "LAPORAN CAPAIAN RAD TPPO DINAS SOSIAL TAHUN 2020",
        ["Realisasi"],
        list(J_2020.items()),
    )
    return Case(
        "dinsos_2020_annual_r5", path, "DINSOS 2020", Exact(_figs("DINSOS", "2020", J_2020))
    )


def dinsos_2019_susulan_r5(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            [NAMES["DINSOS"]],
            ["LAPORAN CAPAIAN RAD TPPO TAHUN 2019 (SUSULAN)"],
            [],
            ["Kode", "Indikator", "Realisasi 2019", "Realisasi 2020", "Keterangan"],
            ["2.a.1.3", S("2.a.1.3"), 3, 5, "2020 sesuai laporan tahunan 2020"],
            ["2.b.1.1", S("2.b.1.1"), 2, 4, ""],
            [],
            [None, None, None, "Kefamenanu, 3 Maret 2021"],
            [None, None, None, "Kepala Dinas Sosial"],
            [None, None, None, "NIP. 19680304 199303 1 007"],
        ]
    )
    return Case(
        "dinsos_2019_susulan_r5",
        _save(wb, folder / "Laporan_Dinsos_2019_susulan.xlsx"),
        "DINSOS's 2019 report sent in March 2021 with 2020 beside it",
        Exact(
            {
                **_figs("DINSOS", "2019", {"2.a.1.3": 3, "2.b.1.1": 2}),
                **_figs("DINSOS", "2020", {"2.a.1.3": 5, "2.b.1.1": 4}),
            }
        ),
    )


J_FINAL = {
    **_figs("DINSOS", "2019", {"2.a.1.3": 3, "2.b.1.1": 2}),
    **_figs("DINSOS", "2020", J_2020),
}
SEQ_J = Sequence(
    "r5_2020_then_2019_susulan_with_2020_beside",
    "DINSOS: the 2020 annual (5, 4, and 2 database updates), then the 2019 report sent in "
    "2021 with a 2020 column for two rows, equal to the store: 2019 loads; 2020 must keep all "
    "three rows (the repeated column must not replace the 2020 report and drop 2.c.1.1)",
    [dinsos_2020_annual_r5, dinsos_2019_susulan_r5],
    J_FINAL,
    alternatives=[_figs("DINSOS", "2020", J_2020)],  # the late file refused
)

# ============================================================================================
# Sequence K — the DINSOS 2021 template, filled by DINSOS and loaded; a year later POLRES fills
# the same DINSOS 2021 template with its 2022 figures and names it for itself.


def dinsos_2021_template_r5(folder: Path) -> Case:
    sub = folder / "_k_dinsos"
    sub.mkdir(exist_ok=True)
    src = _template(sub, "DINSOS", 2021)
    dest = _fill_template(
        src,
        folder / src.name,
        {"2.a.1.3": {"value": 14}, "2.b.1.1": {"value": 20}, "2.a.1.2": {"value": "Sudah"}},
    )
    return Case(
        "dinsos_2021_template_r5",
        dest,
        "DINSOS 2021 template filled",
        Exact(_figs("DINSOS", "2021", {"2.a.1.3": 14, "2.b.1.1": 20, "2.a.1.2": 1})),
    )


def polres_2022_on_dinsos_2021_template_r5(folder: Path) -> Case:
    sub = folder / "_k_polres"
    sub.mkdir(exist_ok=True)
    src = _template(sub, "DINSOS", 2021)
    dest = _fill_template(
        src,
        folder / "Laporan_Polres_TTU_2022.xlsx",
        {"3.a.1.1": {"value": 5}, "3.b.1.1": {"value": 1}, "2.a.1.3": {"value": 2}},
    )
    return Case(
        "polres_2022_on_dinsos_2021_template_r5",
        dest,
        "POLRES's 2022 figures on the DINSOS 2021 template, file named Polres 2022",
        Refuse("template says DINSOS 2021, the file name POLRES 2022", ["polres", "2022"]),
    )


SEQ_K = Sequence(
    "r5_dinsos_template_reused_by_polres_next_year",
    "DINSOS 2021 template loaded (14, 20, Sudah); then POLRES's 2022 figures on the same "
    "DINSOS 2021 template named 'Laporan_Polres_TTU_2022.xlsx': refused; above all it must "
    "not replace DINSOS's 2021 report",
    [dinsos_2021_template_r5, polres_2022_on_dinsos_2021_template_r5],
    _figs("DINSOS", "2021", {"2.a.1.3": 14, "2.b.1.1": 20, "2.a.1.2": 1}),
)

# ============================================================================================
# Sequence L — DP3A TW II 2021 template loaded, then the BLANK template sent as the revision.


def dp3a_2021_tw2_template_r5(folder: Path) -> Case:
    sub = folder / "_l_filled"
    sub.mkdir(exist_ok=True)
    src = _template(sub, "DP3A", 2021, 2)
    dest = _fill_template(
        src,
        folder / src.name,
        {"1.a.1.1": {"value": 150}, "4.d.1.2": {"value": 1}, "4.a.1.2": {"value": "Sudah"}},
    )
    return Case(
        "dp3a_2021_tw2_template_r5",
        dest,
        "DP3A TW II 2021 template filled",
        Exact(_figs("DP3A", "2021-TW2", {"1.a.1.1": 150, "4.d.1.2": 1, "4.a.1.2": 1})),
    )


def dp3a_2021_tw2_blank_revisi_r5(folder: Path) -> Case:
    sub = folder / "_l_blank"
    sub.mkdir(exist_ok=True)
    src = _template(sub, "DP3A", 2021, 2)
    dest = folder / "TTU-2018-2022_DP3A_2021_TW2_revisi.xlsx"
    shutil.copyfile(src, dest)
    return Case(
        "dp3a_2021_tw2_blank_revisi_r5",
        dest,
        "the blank DP3A TW II 2021 template sent as 'revisi' (nothing filled in)",
        Refuse("no figure in the file", []),
    )


SEQ_L = Sequence(
    "r5_blank_template_as_revision",
    "DP3A TW II 2021 (150, 1, Sudah), then the blank template named '..._revisi.xlsx': an "
    "empty file must not silently wipe the quarter",
    [dp3a_2021_tw2_template_r5, dp3a_2021_tw2_blank_revisi_r5],
    _figs("DP3A", "2021-TW2", {"1.a.1.1": 150, "4.d.1.2": 1, "4.a.1.2": 1}),
)

# ============================================================================================
# Sequence M — two agencies on the same indicator in the same quarter; one corrects its own.


def dp3a_2021_tw1_shared_r5(folder: Path) -> Case:
    path = _report(
        folder,
        "DP3A_TW1_2021_sosialisasi.xlsx",
        "DP3A",
        "LAPORAN CAPAIAN RAD PP-TPPO TRIWULAN I TAHUN 2021",
        ["Realisasi"],
        [("1.a.1.1", 100)],
    )
    return Case(
        "dp3a_2021_tw1_shared_r5",
        path,
        "DP3A TW I 2021",
        Exact(_figs("DP3A", "2021-TW1", {"1.a.1.1": 100})),
    )


def _dinsos_shared(name, title, v, case):
    def build(folder: Path) -> Case:
        path = _report(
            folder, name, "DINSOS", title, ["Realisasi"], [("1.a.1.1", v), ("2.a.1.3", 3)]
        )
        return Case(
            case, path, title, Exact(_figs("DINSOS", "2021-TW1", {"1.a.1.1": v, "2.a.1.3": 3}))
        )

    build.__name__ = case
    return build


dinsos_2021_tw1_shared_r5 = _dinsos_shared(
    "Dinsos_TW1_2021.xlsx",
    "LAPORAN CAPAIAN RAD TPPO TRIWULAN I TAHUN 2021",
    50,
    "dinsos_2021_tw1_shared_r5",
)
dinsos_2021_tw1_shared_perbaikan_r5 = _dinsos_shared(
    "Dinsos_TW1_2021_perbaikan.xlsx",
    "LAPORAN CAPAIAN RAD TPPO TRIWULAN I TAHUN 2021 (PERBAIKAN)",
    60,
    "dinsos_2021_tw1_shared_perbaikan_r5",
)

SEQ_M = Sequence(
    "r5_shared_indicator_one_agency_corrects",
    "TW I 2021: DP3A 100 people, DINSOS 50 people + 3 victims; DINSOS corrects to 60: DP3A's "
    "100 stays, DINSOS holds 60 and 3",
    [dp3a_2021_tw1_shared_r5, dinsos_2021_tw1_shared_r5, dinsos_2021_tw1_shared_perbaikan_r5],
    {
        F("1.a.1.1", "DP3A", "2021-TW1"): 100.0,
        F("1.a.1.1", "DINSOS", "2021-TW1"): 60.0,
        F("2.a.1.3", "DINSOS", "2021-TW1"): 3.0,
    },
)

# ============================================================================================
# Sequence N — DISNAKERTRANS: TW IV 2020 loaded; then the TW I 2021 report carries the
# 'TW IV 2020' column beside 'TW I 2021' (equal to the store).


def nakertrans_2020_tw4_r5(folder: Path) -> Case:
    path = _report(
        folder,
        "Disnakertrans_TW_IV_2020.xlsx",
        "DISNAKERTRANS",
        "LAPORAN TRIWULAN IV TAHUN 2020",
        ["Realisasi TW IV"],
        [("1.a.2.1", 5), ("1.a.3.1", 2)],
    )
    return Case(
        "nakertrans_2020_tw4_r5",
        path,
        "DISNAKERTRANS TW IV 2020",
        Exact(_figs("DISNAKERTRANS", "2020-TW4", {"1.a.2.1": 5, "1.a.3.1": 2})),
    )


def nakertrans_2021_tw1_with_tw4_2020_r5(folder: Path) -> Case:
    path = _report(
        folder,
        "Disnakertrans_TW_I_2021.xlsx",
        "DISNAKERTRANS",
        "LAPORAN TRIWULAN I TAHUN 2021",
        ["Realisasi TW IV 2020", "Realisasi TW I 2021"],
        [("1.a.2.1", 5, 3), ("1.a.3.1", 2, 1)],
    )
    return Case(
        "nakertrans_2021_tw1_with_tw4_2020_r5",
        path,
        "TW I 2021 report with the previous quarter (TW IV 2020) beside it",
        ExactOrRefuse(
            {
                **_figs("DISNAKERTRANS", "2020-TW4", {"1.a.2.1": 5, "1.a.3.1": 2}),
                **_figs("DISNAKERTRANS", "2021-TW1", {"1.a.2.1": 3, "1.a.3.1": 1}),
            },
            "two quarters of two years",
            alternatives=[_figs("DISNAKERTRANS", "2021-TW1", {"1.a.2.1": 3, "1.a.3.1": 1})],
        ),
    )


N_TW4 = _figs("DISNAKERTRANS", "2020-TW4", {"1.a.2.1": 5, "1.a.3.1": 2})
SEQ_N = Sequence(
    "r5_tw4_2020_then_tw1_2021_with_previous_quarter",
    "DISNAKERTRANS: TW IV 2020 (5, 2), then the TW I 2021 report with 'Realisasi TW IV 2020' "
    "(5, 2, as stored) beside 'Realisasi TW I 2021' (3, 1): the store holds 2020-TW4 once and "
    "2021-TW1; never TW IV figures filed under 2021",
    [nakertrans_2020_tw4_r5, nakertrans_2021_tw1_with_tw4_2020_r5],
    {**N_TW4, **_figs("DISNAKERTRANS", "2021-TW1", {"1.a.2.1": 3, "1.a.3.1": 1})},
    alternatives=[dict(N_TW4)],
)

# ============================================================================================
# Sequence Q — DP3A 2019: TW I, TW II (3 rows), then TW III whose file also carries a
# 'Realisasi TW II (revisi)' column correcting ONE of TW II's rows (the others left blank).

Q_TW1 = {"1.a.1.1": 100, "4.d.1.2": 0, "4.a.2.1": 1}
Q_TW2 = {"1.a.1.1": 150, "4.d.1.2": 1, "4.a.2.1": 1}


def _dp3a_2019_q(q, values):
    def build(folder: Path) -> Case:
        path = _report(
            folder,
            f"DP3A_TW_{ROMAN[q]}_2019.xlsx",
            "DP3A",
            f"LAPORAN CAPAIAN RAD PP-TPPO TRIWULAN {ROMAN[q]} TAHUN 2019",
            [f"Realisasi TW {ROMAN[q]}"],
            list(values.items()),
        )
        return Case(
            f"dp3a_2019_tw{q}_r5",
            path,
            f"DP3A TW {ROMAN[q]} 2019",
            Exact(_figs("DP3A", f"2019-TW{q}", values)),
        )

    build.__name__ = f"dp3a_2019_tw{q}_r5"
    return build


dp3a_2019_tw1_r5 = _dp3a_2019_q(1, Q_TW1)
dp3a_2019_tw2_r5 = _dp3a_2019_q(2, Q_TW2)


def dp3a_2019_tw3_with_tw2_revisi_r5(folder: Path) -> Case:
    path = _report(
        folder,
        "DP3A_TW_III_2019.xlsx",
        "DP3A",
        "LAPORAN CAPAIAN RAD PP-TPPO TRIWULAN III TAHUN 2019",
        ["Realisasi TW II (revisi)", "Realisasi TW III", "Keterangan"],
        [
            ("1.a.1.1", 170, 60, "TW II direvisi: 20 peserta belum tercatat"),
            ("4.d.1.2", None, 0, ""),
            ("4.a.2.1", None, 1, ""),
        ],
    )
    return Case(
        "dp3a_2019_tw3_with_tw2_revisi_r5",
        path,
        "TW III 2019 with a TW II (revisi) column for one row",
        Exact({}),
    )


Q_BASE = {**_figs("DP3A", "2019-TW1", Q_TW1), **_figs("DP3A", "2019-TW2", Q_TW2)}
SEQ_Q = Sequence(
    "r5_tw3_file_revises_one_tw2_row",
    "DP3A 2019: TW I, TW II (150, 1, 1), then the TW III file (60, 0, 1) with a 'Realisasi TW "
    "II (revisi)' column giving 170 for 1.a.1.1 only: TW II becomes 170, 1, 1 (the blank "
    "cells revise nothing); refusing is acceptable; TW II losing its other two rows is wrong",
    [dp3a_2019_tw1_r5, dp3a_2019_tw2_r5, dp3a_2019_tw3_with_tw2_revisi_r5],
    {
        **_figs("DP3A", "2019-TW1", Q_TW1),
        **_figs("DP3A", "2019-TW2", {**Q_TW2, "1.a.1.1": 170}),
        **_figs("DP3A", "2019-TW3", {"1.a.1.1": 60, "4.d.1.2": 0, "4.a.2.1": 1}),
    },
    alternatives=[dict(Q_BASE)],
)

# ============================================================================================
# Sequence R — DP3A 2022: Semester I, Semester I again as 'REVISI', then the annual with a
# different figure (replaces), then Semester II sent late (refused).


def _dp3a_2022(name, title, column, values, case, period):
    def build(folder: Path) -> Case:
        path = _report(folder, name, "DP3A", title, [column], list(values.items()))
        return Case(case, path, title, Exact(_figs("DP3A", period, values)))

    build.__name__ = case
    return build


dp3a_2022_s1_r5 = _dp3a_2022(
    "DP3A_Smt_I_2022.xlsx",
    "LAPORAN SEMESTER I TAHUN 2022",
    "Realisasi Semester I",
    {"1.a.1.1": 220, "4.d.1.2": 1},
    "dp3a_2022_s1_r5",
    "2022-S1",
)
dp3a_2022_s1_revisi_r5 = _dp3a_2022(
    "DP3A_Smt_I_2022_revisi.xlsx",
    "LAPORAN SEMESTER I TAHUN 2022 (REVISI)",
    "Realisasi Semester I",
    {"1.a.1.1": 240, "4.d.1.2": 1},
    "dp3a_2022_s1_revisi_r5",
    "2022-S1",
)
dp3a_2022_tahunan_r5 = _dp3a_2022(
    "DP3A_Tahunan_2022.xlsx",
    "LAPORAN TAHUNAN TAHUN 2022",
    "Realisasi Tahun 2022",
    {"1.a.1.1": 510, "4.d.1.2": 2},
    "dp3a_2022_tahunan_r5",
    "2022",
)
dp3a_2022_s2_r5 = _dp3a_2022(
    "DP3A_Smt_II_2022.xlsx",
    "LAPORAN SEMESTER II TAHUN 2022",
    "Realisasi Semester II",
    {"1.a.1.1": 270, "4.d.1.2": 1},
    "dp3a_2022_s2_r5",
    "2022-S2",
)

SEQ_R = Sequence(
    "r5_semester_revised_then_annual_then_late_s2",
    "DP3A 2022: Semester I (220), its REVISI (240), the annual (510, 2 dialogs: replaces the "
    "semester), then Semester II sent late (inside the counting year: refused)",
    [dp3a_2022_s1_r5, dp3a_2022_s1_revisi_r5, dp3a_2022_tahunan_r5, dp3a_2022_s2_r5],
    _figs("DP3A", "2022", {"1.a.1.1": 510, "4.d.1.2": 2}),
)

HELDOUT5_SEQUENCES = [
    SEQ_A,
    SEQ_B,
    SEQ_C,
    SEQ_D,
    SEQ_E,
    SEQ_F,
    SEQ_G,
    SEQ_H,
    SEQ_I,
    SEQ_J,
    SEQ_K,
    SEQ_L,
    SEQ_M,
    SEQ_N,
    SEQ_Q,
    SEQ_R,
]

# ============================================================================================
# Single files


def running_cumulative_columns(folder: Path) -> Case:
    path = _report(
        folder,
        "DP3A_Rekap_TW_2019.xlsx",
        "DP3A",
        "REKAPITULASI CAPAIAN RAD PP-TPPO TAHUN 2019 (BERJALAN)",
        ["Realisasi TW I", "Realisasi s.d. TW II", "Realisasi s.d. TW III"],
        [("1.a.1.1", 100, 250, 310), ("4.d.1.2", 0, 1, 1)],
    )
    q = {
        **_figs("DP3A", "2019-TW1", {"1.a.1.1": 100, "4.d.1.2": 0}),
        **_figs("DP3A", "2019-TW2", {"1.a.1.1": 150, "4.d.1.2": 1}),
        **_figs("DP3A", "2019-TW3", {"1.a.1.1": 60, "4.d.1.2": 0}),
    }
    return Case(
        "running_cumulative_columns",
        path,
        "a running table: 'TW I' | 's.d. TW II' | 's.d. TW III' — each quarter's own figure is "
        "the difference (150, 60; dialogs 0, 1, 0)",
        ExactOrRefuse(
            q,
            "to-date columns in one file",
            alternatives=[
                {k: v for k, v in q.items() if v or k[2] == "2019-TW1"},
                {k: v for k, v in q.items() if v},
            ],
        ),
    )


def semester_and_later_quarters(folder: Path) -> Case:
    path = _report(
        folder,
        "Dinsos_2020_S1_TW3_TW4.xlsx",
        "DINSOS",
        "LAPORAN CAPAIAN RAD TPPO TAHUN 2020",
        ["Semester I", "Triwulan III", "Triwulan IV"],
        [("2.a.1.3", 6, 2, 4), ("2.b.1.1", 10, 0, 5)],
    )
    return Case(
        "semester_and_later_quarters",
        path,
        "columns Semester I | Triwulan III | Triwulan IV: three periods that do not overlap",
        ExactOrRefuse(
            {
                **_figs("DINSOS", "2020-S1", {"2.a.1.3": 6, "2.b.1.1": 10}),
                **_figs("DINSOS", "2020-TW3", {"2.a.1.3": 2, "2.b.1.1": 0}),
                **_figs("DINSOS", "2020-TW4", {"2.a.1.3": 4, "2.b.1.1": 5}),
            },
            "mixed period lengths in one file",
            alternatives=[
                {
                    **_figs("DINSOS", "2020-S1", {"2.a.1.3": 6, "2.b.1.1": 10}),
                    **_figs("DINSOS", "2020-TW3", {"2.a.1.3": 2}),
                    **_figs("DINSOS", "2020-TW4", {"2.a.1.3": 4, "2.b.1.1": 5}),
                },
            ],
        ),
    )


def semester_and_overlapping_quarter(folder: Path) -> Case:
    path = _report(
        folder,
        "Dinsos_2020_rekap.xlsx",
        "DINSOS",
        "LAPORAN CAPAIAN RAD TPPO TAHUN 2020",
        ["Semester I", "Triwulan II"],
        [("2.a.1.3", 6, 4), ("2.b.1.1", 10, 10)],
    )
    return Case(
        "semester_and_overlapping_quarter",
        path,
        "columns Semester I | Triwulan II: TW II lies inside Semester I (counted twice if both)",
        Refuse("overlapping periods", ["semester", "ii"]),
    )


def triwulan_i_dan_ii_title(folder: Path) -> Case:
    path = _report(
        folder,
        "Laporan_Dinsos_TW_I_dan_II_2021.xlsx",
        "DINSOS",
        "LAPORAN CAPAIAN RAD TPPO TRIWULAN I DAN II TAHUN 2021",
        ["Realisasi"],
        [("2.a.1.3", 7), ("2.b.1.1", 12)],
    )
    return Case(
        "triwulan_i_dan_ii_title",
        path,
        "'TRIWULAN I DAN II' with one figure column: January-June (semester I), neither TW I "
        "nor TW II alone",
        ExactOrRefuse(
            _figs("DINSOS", "2021-S1", {"2.a.1.3": 7, "2.b.1.1": 12}),
            "two quarters in one figure",
            mentions=["i", "ii"],
        ),
    )


def filename_semester_title_tw2(folder: Path) -> Case:
    path = _report(
        folder,
        "Dinsos_Semester_I_2021.xlsx",
        "DINSOS",
        "LAPORAN CAPAIAN RAD TPPO TRIWULAN II TAHUN 2021",
        ["Realisasi TW II"],
        [("2.a.1.3", 4), ("2.b.1.1", 10)],
    )
    return Case(
        "filename_semester_title_tw2",
        path,
        "file name 'Semester I', title and column 'Triwulan II': which period?",
        Refuse("semester I or TW II", ["semester", "ii"]),
    )


def akhir_tahun_tw4_year_column(folder: Path) -> Case:
    path = _report(
        folder,
        "Polres_TTU_Laporan_Akhir_2021.xlsx",
        "POLRES",
        "LAPORAN TRIWULAN IV (AKHIR TAHUN) CAPAIAN RAD TPPO TAHUN 2021",
        ["Realisasi Tahun 2021"],
        [("3.a.1.1", 6), ("3.b.1.1", 2)],
    )
    return Case(
        "akhir_tahun_tw4_year_column",
        path,
        "title 'TRIWULAN IV (AKHIR TAHUN)' over a 'Realisasi Tahun 2021' column: the year's "
        "figures; stored as TW IV they would count TW I-III twice",
        ExactOrRefuse(
            _figs("POLRES", "2021", {"3.a.1.1": 6, "3.b.1.1": 2}),
            "TW IV or the year?",
            mentions=["iv", "2021"],
        ),
    )


def straddling_oktober_maret(folder: Path) -> Case:
    path = _report(
        folder,
        "IOM_Laporan_Okt2020_Mar2021.xlsx",
        "IOM",
        "LAPORAN KEGIATAN PERIODE OKTOBER 2020 – MARET 2021",
        ["Realisasi"],
        [("1.a.2.2", 4), ("2.a.1.3", 9)],
    )
    return Case(
        "straddling_oktober_maret",
        path,
        "a donor-project period October 2020 – March 2021 (TW IV 2020 + TW I 2021 in one figure)",
        Refuse("no period of the store holds it", ["oktober"]),
    )


def tw1_report_with_sd_tw1_column(folder: Path) -> Case:
    path = _report(
        folder,
        "YTB_TW1_2020.xlsx",
        "YTB",
        "LAPORAN KEGIATAN TRIWULAN I TAHUN 2020",
        ["Realisasi TW I", "Realisasi s.d. TW I"],
        [("1.b.2.1", 2, 2), ("1.a.1.1", 70, 70)],
    )
    return Case(
        "tw1_report_with_sd_tw1_column",
        path,
        "TW I with an 's.d. TW I' column equal to it (to date at TW I is TW I itself)",
        ExactOrRefuse(_figs("YTB", "2020-TW1", {"1.b.2.1": 2, "1.a.1.1": 70}), "the columns agree"),
    )


def annual_with_quarters_and_correction_note(folder: Path) -> Case:
    path = _report(
        folder,
        "Disnakertrans_Tahunan_2019.xlsx",
        "DISNAKERTRANS",
        "LAPORAN TAHUNAN CAPAIAN RAD TPPO TAHUN 2019",
        ["TW I", "TW II", "TW III", "TW IV", "Total 2019"],
        [("1.a.2.1", 2, 3, 4, 5, 14), ("1.a.1.1", 50, 60, 70, 80, 300)],
    )
    return Case(
        "annual_with_quarters_and_correction_note",
        path,
        "annual file with TW I..IV and a 'Total 2019' that is NOT their sum for 1.a.1.1 (260 vs "
        "300): the signals disagree",
        Refuse("the total disagrees with the quarters", ["300", "260"]),
    )


HELDOUT5 = [
    running_cumulative_columns,
    semester_and_later_quarters,
    semester_and_overlapping_quarter,
    triwulan_i_dan_ii_title,
    filename_semester_title_tw2,
    akhir_tahun_tw4_year_column,
    straddling_oktober_maret,
    tw1_report_with_sd_tw1_column,
    annual_with_quarters_and_correction_note,
]
