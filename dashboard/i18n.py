"""Interface text in Bahasa Indonesia (default) and English."""

from indicators import bands

LANGS = ("id", "en")

# key -> (Indonesian, English)
TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("radtrack - Pemantauan RAD PP-TPPO", "radtrack - RAD PP-TPPO monitoring"),
    "nav_overview": ("Ringkasan", "Overview"),
    "nav_upload": ("Unggah", "Upload"),
    "nav_compliance": ("Kepatuhan pelaporan", "Reporting compliance"),
    "nav_context": ("Konteks", "Context"),
    "nav_downloads": ("Unduh", "Downloads"),
    "compliance_title": ("Kepatuhan pelaporan", "Reporting compliance"),
    "compliance_rule": (
        "Aturan RAD ini: {rule}. {who}",
        "This plan's rule: {rule}. {who}",
    ),
    "compliance_rule_all": (
        "Per RAD: instansi wilayahnya dan instansi lain yang melapor untuknya; laporan yang "
        "dihitung. Jatuh tempo dan matriks tanggung jawab tiap RAD ada di halamannya.",
        "Per plan: the agencies of its region and others that reported for it; counted reports. "
        "Each plan's due rule and responsibility matrix are on its own page.",
    ),
    "compliance_who_matrix": (
        "Laporan diharapkan dari instansi yang menurut matriks tanggung jawab memegang indikator "
        "yang jatuh tempo tahun itu; angka di samping kode instansi: indikatornya (utama).",
        "A report is expected from the agencies the responsibility matrix gives an indicator due "
        "that year; the figures beside an agency's code: its indicators (leads).",
    ),
    "compliance_who_region": (
        "Belum ada matriks tanggung jawab: setiap instansi di wilayah RAD diharapkan melapor. "
        "Sekretariat menetapkannya di halaman Instansi.",
        "No responsibility matrix yet: every agency of the plan's region is expected to report. "
        "The secretariat sets it on the Agencies page.",
    ),
    "compliance_demo": (
        "◇ menandai laporan DEMO: tanggal terimanya ilustrasi, untuk memperlihatkan setiap "
        "keadaan; bukan laporan nyata.",
        "◇ marks a DEMO report: its receipt date is illustrative, to show every state; not a "
        "real report.",
    ),
    "col_responsible": ("indikator (utama)", "indicators (leads)"),
    "chase_title": ("Yang perlu ditagih", "To chase"),
    "chase_none": ("Tidak ada laporan yang terlambat.", "No overdue reports."),
    "chase_item": (
        "{agency}: laporan {year} (jatuh tempo {due})",
        "{agency}: {year} report (due {due})",
    ),
    "chase_returned": (
        "{agency}: laporan {year} dikembalikan, menunggu perbaikan",
        "{agency}: {year} report returned, awaiting a corrected file",
    ),
    "state_on_time": ("tepat waktu", "on time"),
    "state_late": ("terlambat", "late"),
    "state_missing": ("belum ada", "missing"),
    "state_not_due": ("belum jatuh tempo", "not due yet"),
    "state_not_expected": ("tidak diharapkan", "not expected"),
    "state_submitted": ("menunggu tinjauan", "awaiting review"),
    "state_approved": ("disetujui", "approved"),
    "state_returned": ("dikembalikan", "returned"),
    "state_withdrawn": ("ditarik (tidak dihitung lagi)", "withdrawn (no longer counts)"),
    "state_replaced": ("diganti berkas yang lebih baru", "replaced by a later file"),
    "nav_review": ("Tinjauan", "Review"),
    "review_title": ("Tinjauan laporan instansi", "Review agency reports"),
    "review_help": (
        "Unggahan akun instansi menunggu di sini dan belum dihitung. Setujui untuk memuatnya "
        "(pemeriksaan yang sama dijalankan lagi), atau kembalikan dengan alasan.",
        "Uploads by agency accounts wait here and count nowhere yet. Approve to load one (the "
        "same check runs again), or return it with a reason.",
    ),
    "review_none": ("Tidak ada unggahan yang menunggu.", "No upload is waiting."),
    "review_approve": ("Setujui", "Approve"),
    "review_return": ("Kembalikan", "Return"),
    "review_reason": ("Alasan pengembalian", "Reason for returning"),
    "review_reason_needed": ("Tulis alasan pengembalian.", "Write why it goes back."),
    "review_approved": ("{file}: disetujui dan dimuat.", "{file}: approved and loaded."),
    "review_unchanged": (
        "{file}: berkas yang sama sudah dihitung; tidak ada yang dimuat dan unggahan ini tetap "
        "menunggu (kembalikan dengan alasan bila tidak diperlukan).",
        "{file}: the same file already counts; nothing was loaded and this upload still waits "
        "(return it with a reason if it is not needed).",
    ),
    "review_returned": ("{file}: dikembalikan.", "{file}: returned."),
    "review_history": ("Riwayat", "History"),
    "upload_submitted": (
        "{ok} berkas dikirim untuk ditinjau sekretariat; angkanya dihitung setelah disetujui.",
        "{ok} file(s) sent to the secretariat for review; they count once approved.",
    ),
    "my_uploads": ("Unggahan instansi Anda", "Your agency's uploads"),
    "context_title": ("Konteks: angka dari publikasi", "Context: published figures"),
    "context_help": (
        "Angka ini dikutip dari penelitian yang dipublikasikan, bukan dari laporan instansi; "
        "setiap angka membawa sumbernya.",
        "These figures are quoted from published studies, not from agency reports; each carries "
        "its source.",
    ),
    "col_measure": ("Ukuran", "Measure"),
    "partial_year": (
        "* angka untuk sebagian tahun (lihat kolom Periode).",
        "* figure for part of a year (see the Period column).",
    ),
    "col_value": ("Nilai", "Value"),
    "col_source": ("Sumber", "Source"),
    "downloads_title": ("Unduh tabel", "Download tables"),
    "downloads_help": (
        "Tabel dengan sumber setiap angka (berkas, lembar, baris). Data demo tidak disertakan "
        "kecuali dicentang. Tautan ini stabil dan bisa dipakai langsung, misalnya "
        "pandas.read_csv(tautan).",
        "Tables with the source of every figure (file, sheet, row). Demo data is left out unless "
        "ticked. These links are stable and can be used directly, e.g. pandas.read_csv(link).",
    ),
    "include_demo": ("Sertakan data demo (ditandai is_demo)", "Include demo data (marked is_demo)"),
    "all_tables_xlsx": ("Semua tabel (XLSX)", "All tables (XLSX)"),
    "datapackage": ("Paket data Frictionless (ZIP)", "Frictionless data package (ZIP)"),
    "nav_indicator": ("Indikator", "Indicator"),
    "indicator_missing": (
        "Indikator '{code}' tidak ada dalam RAD ini.",
        "Indicator '{code}' is not in this plan.",
    ),
    "indicator_pick": (
        "Pilih indikator: cari dengan kode atau kata, atau telusuri per bidang.",
        "Pick an indicator: search by code or word, or browse by bidang.",
    ),
    "indicator_search": ("Cari indikator", "Search indicators"),
    "indicator_search_none": (
        "Tidak ada indikator yang cocok dengan '{text}'.",
        "No indicator matches '{text}'.",
    ),
    "series_title": ("Target s.d. tahun dan capaian", "Target to date and achievement"),
    "by_agency_title": (
        "Sumbangan tiap instansi per tahun",
        "Contribution of each agency per year",
    ),
    "sources_title": ("Sumber setiap angka", "Source of every figure"),
    "col_uploaded": ("Diunggah", "Uploaded"),
    "col_by": ("Oleh", "By"),
    "col_sheet": ("Lembar", "Sheet"),
    "col_row": ("Baris", "Row"),
    "col_budget": ("Pagu (Rp)", "Budget (Rp)"),
    "col_spent": ("Realisasi anggaran (Rp)", "Spent (Rp)"),
    "col_note": ("Keterangan", "Note"),
    "col_quarter": ("TW", "Q"),
    "col_semester": ("Semester", "Half-year"),
    "col_demo": ("Demo", "Demo"),
    "nav_budget": ("Anggaran", "Budget"),
    "budget_title": ("Anggaran dan capaian", "Budget and achievement"),
    "budget_by_subgroup": ("Per bidang", "Per sub-group"),
    "budget_by_programme": ("Per program", "Per programme"),
    "budget_by_agency": ("Per instansi", "Per agency"),
    "col_absorption": ("Serapan", "Absorption"),
    "col_mean_capaian": ("Rata-rata capaian fisik", "Mean physical achievement"),
    "col_name": ("Nama", "Name"),
    "view_print": ("Tampilan cetak", "Print view"),
    "view_projector": ("Tampilan proyektor", "Projector view"),
    "view_normal": ("Tampilan biasa", "Normal view"),
    "budget_chart": (
        "Pagu dan realisasi anggaran per bidang (Rp)",
        "Budget and spending per sub-group (Rp)",
    ),
    "summary_bands": ("Indikator menurut predikat", "Indicators by band"),
    "summary_worst": ("Indikator dengan capaian terendah", "Lowest-achieving indicators"),
    "summary_completeness": (
        "Kelengkapan pelaporan: {done} dari {due} indikator sudah dilaporkan ({share}).",
        "Reporting completeness: {done} of {due} indicators reported ({share}).",
    ),
    "summary_agency_reports": (
        "Laporan instansi: {done} dari {due} laporan instansi-tahun yang jatuh tempo sudah masuk "
        "({share}).",
        "Agency reports: {done} of {due} agency-year reports due have come in ({share}).",
    ),
    "summary_worst_none": (
        "Tidak ada indikator yang dilaporkan di bawah 100% target.",
        "No reported indicator is below 100% of its target.",
    ),
    "nav_subgroup": ("Bidang", "Sub-group"),
    "subgroup_missing": (
        "Bidang {n} tidak ada dalam RAD ini.",
        "Sub-group {n} is not in this plan.",
    ),
    "grid_help": (
        "Warna: predikat capaian per tahun. Teks: capaian / target s.d. tahun itu (kumulatif), "
        "capaian / target tahun itu (tahunan), nilai terakhir (persentase), Sudah/Belum (tonggak).",
        "Colour: band per year. Text: achieved / target to date (cumulative), achieved / that "
        "year's target (recurring), latest value (percentage), done / not yet (milestone).",
    ),
    "upload_title": ("Unggah laporan instansi", "Upload agency reports"),
    "upload_help": (
        "Seret berkas laporan (.xlsx, .xlsm, .xls, .ods, .csv) ke sini atau klik untuk memilih. "
        "Berkas diperiksa dulu; tidak ada yang disimpan sebelum Anda menekan Muat.",
        "Drop report files (.xlsx, .xlsm, .xls, .ods, .csv) here or click to choose. Files are "
        "checked first; nothing is stored until you press Load.",
    ),
    "upload_load": ("Muat ke basis data", "Load into the store"),
    "upload_nothing": ("Belum ada berkas.", "No files yet."),
    "upload_ready": (
        "{ok} berkas siap dimuat, {bad} ditolak. Berkas yang ditolak tidak akan dimuat.",
        "{ok} files ready to load, {bad} rejected. Rejected files will not be loaded.",
    ),
    "upload_done": ("Selesai: {ok} berkas dimuat.", "Done: {ok} files loaded."),
    "col_file": ("Berkas", "File"),
    "col_status": ("Status", "Status"),
    "col_agency": ("Instansi", "Agency"),
    "col_period": ("Periode", "Period"),
    "col_rows": ("Baris", "Rows"),
    "col_place": ("Tempat", "Place"),
    "col_message": ("Pesan", "Message"),
    "status_dry-run": ("siap dimuat", "ready to load"),
    "status_loaded": ("dimuat", "loaded"),
    "status_replaced": ("dimuat, menggantikan kiriman sebelumnya", "loaded, replaces earlier"),
    "status_unchanged": ("sudah ada, tidak berubah", "already loaded, unchanged"),
    "status_rejected": ("ditolak", "rejected"),
    "status_submitted": ("dikirim untuk ditinjau", "sent for review"),
    "overview_title": ("Ringkasan capaian RAD", "RAD achievement overview"),
    "language": ("Bahasa", "Language"),
    "year": ("Tahun", "Year"),
    "whole_period": ("Seluruh periode", "Whole period"),
    "whole_year": ("Setahun penuh", "Whole year"),
    "filter_plan": ("RAD", "Plan"),
    "filter_year": ("Tahun", "Year"),
    "filter_quarter": ("Triwulan", "Quarter"),
    "filter_subgroup": ("Bidang", "Sub-group"),
    "filter_agency": ("Instansi", "Agency"),
    "filter_all": ("Semua", "All"),
    "login_title": ("Masuk", "Log in"),
    "login_user": ("Nama pengguna", "Username"),
    "login_password": ("Kata sandi", "Password"),
    "login_submit": ("Masuk", "Log in"),
    "login_failed": ("Nama pengguna atau kata sandi salah.", "Wrong username or password."),
    "login_expired": (
        "Formulir kedaluwarsa; muat ulang halaman dan coba lagi.",
        "The form expired; reload the page and try again.",
    ),
    "logout": ("Keluar", "Log out"),
    "open_mode": (
        "Belum ada akun: siapa pun di jaringan ini dapat membaca dan mengunggah. Buat admin "
        "pertama dengan “radtrack user add NAMA --role admin”.",
        "No accounts yet: anyone on this network can read and upload. Create the first admin "
        "with “radtrack user add NAME --role admin”.",
    ),
    "not_available": (
        "RAD ini belum dipublikasikan. Masuk untuk melihatnya.",
        "This plan is not published. Log in to see it.",
    ),
    "nothing_published": (
        "Belum ada RAD yang dipublikasikan. Masuk untuk melihat data internal.",
        "No plan is published yet. Log in to see internal data.",
    ),
    "upload_login": (
        "Hanya akun pengunggah atau admin yang dapat mengunggah. Silakan masuk.",
        "Only uploader or admin accounts may upload. Please log in.",
    ),
    "upload_too_many": (
        "Paling banyak {n} berkas sekaligus; unggah sisanya setelah ini.",
        "At most {n} files at a time; upload the rest afterwards.",
    ),
    "admin_only": ("Halaman ini hanya untuk admin.", "This page is for admins only."),
    "nav_audit": ("Log audit", "Audit log"),
    "audit_title": ("Log audit: semua perubahan", "Audit log: every change"),
    "audit_help": (
        "Siapa, kapan, apa, dan jumlah sebelum -> sesudah; terbaru di atas (1.000 terakhir).",
        "Who, when, what, and the counts before -> after; newest first (the last 1,000).",
    ),
    "audit_download": ("Unduh seluruh log (CSV)", "Download the whole log (CSV)"),
    "col_at": ("Waktu (UTC)", "Time (UTC)"),
    "col_actor": ("Oleh", "By"),
    "col_action": ("Tindakan", "Action"),
    "col_target": ("Sasaran", "Target"),
    "col_detail": ("Rincian", "Detail"),
    "all_plans": ("Semua RAD", "All plans"),
    "national_title": ("Ringkasan semua RAD", "All plans at a glance"),
    "national_help": (
        "Satu baris per RAD: indikator menurut predikat dan rata-rata capaian (tiap indikator "
        "maks. 100%). Klik kode RAD untuk membuka ringkasannya.",
        "One row per plan: indicators by band and the mean achievement (each indicator capped at "
        "100%). Click a plan code to open its overview.",
    ),
    "national_totals": (
        "{plans} RAD, {indicators} indikator, {reported} dilaporkan.",
        "{plans} plans, {indicators} indicators, {reported} reported.",
    ),
    "col_plan": ("RAD", "Plan"),
    "col_title": ("Judul", "Title"),
    "col_indicators": ("Indikator", "Indicators"),
    "col_reported": ("Dilaporkan", "Reported"),
    "col_agencies": ("Instansi", "Agencies"),
    "col_share": ("Kelengkapan %", "Completeness %"),
    "agency_view": (
        "Hanya angka {agency} yang dihitung, terhadap target RAD seluruhnya: kontribusi instansi "
        "ini.",
        "Only {agency}'s figures count, against the whole RAD target: this agency's contribution.",
    ),
    "quarter_view": (
        "Keadaan akhir TW {quarter} {year}: angka triwulanan tahun itu sampai TW {quarter}; target "
        "tahun itu dihitung pro rata ({quarter}/4) untuk indikator kumulatif dan tahunan. Laporan "
        "tahunan tidak dapat ditempatkan pada triwulan dan tidak dihitung.",
        "At the end of TW {quarter} {year}: that year's quarterly figures up to TW {quarter}; the "
        "year's target pro rata ({quarter}/4) for cumulative and recurring indicators. Annual "
        "reports cannot be placed in a quarter and are left out.",
    ),
    "plan": ("RAD", "Plan"),
    "catalogue_source": ("Sumber katalog", "Catalogue source"),
    "demo_notice": (
        "DATA DEMO: angka capaian di halaman ini adalah ilustrasi yang dibuat oleh "
        "“radtrack demo”, bukan capaian nyata instansi.",
        "DEMO DATA: the achievements on this page are illustrations made by “radtrack demo”, "
        "not real agency achievements.",
    ),
    "demo_badge": ("DEMO", "DEMO"),
    "no_plan": (
        "Belum ada RAD di basis data. Jalankan “radtrack init”.",
        "No plan in the store yet. Run “radtrack init”.",
    ),
    "bidang": ("Bidang", "Sub-group"),
    "indicators_reported": (
        "{reported} dari {total} indikator dilaporkan",
        "{reported} of {total} indicators reported",
    ),
    "menu": ("Menu", "Menu"),
    "skip_to_content": ("Langsung ke isi halaman", "Skip to the content"),
    "show_table": ("Tampilkan sebagai tabel", "Show as table"),
    "chart_bidang_summary": (
        "{bidang}, {period}: {indicators} indikator, {reported} dilaporkan; {bands}; capaian "
        "rata-rata {mean}.",
        "{bidang}, {period}: {indicators} indicators, {reported} reported; {bands}; mean "
        "capaian {mean}.",
    ),
    "chart_series_summary": (
        "{code}, capaian per tahun terhadap target sampai tahun itu: {years}.",
        "{code}, achievement per year against the target to date: {years}.",
    ),
    "chart_agency_summary": (
        "Sumbangan tiap instansi per tahun: {parts}.",
        "Each agency's figures per year: {parts}.",
    ),
    "chart_budget_summary": (
        "Pagu dan realisasi anggaran per bidang: {parts}.",
        "Budget and spending per bidang: {parts}.",
    ),
    "chart_none": ("belum ada angka", "no figures yet"),
    "chart_grid_summary": (
        "{bidang}: {indicators} indikator × {years} tahun; tiap sel berisi capaian / target "
        "sampai tahun itu dan predikatnya (tabel di bawah memuat semuanya).",
        "{bidang}: {indicators} indicators × {years} years; each cell holds the achievement / "
        "target to date and its band (the table below holds them all).",
    ),
    "chart_lines": (
        "Batang: jumlah indikator per predikat. Garis hitam: capaian rata-rata (skala kanan, "
        "tiap indikator paling tinggi 100%). Garis putus-putus: target 100%.",
        "Bars: indicators per band. Black line: mean capaian (right scale, each indicator "
        "capped at 100%). Dashed line: the 100% target.",
    ),
    "chart_title": (
        "Capaian per tahun: indikator menurut predikat, dan rata-rata capaian",
        "Achievement per year: indicators by band, and mean achievement",
    ),
    "axis_indicators": ("Jumlah indikator", "Number of indicators"),
    "axis_capaian": ("Capaian (% dari target)", "Achievement (% of target)"),
    "mean_capaian": (
        "Rata-rata capaian (tiap indikator maks. 100%)",
        "Mean achievement (each indicator capped at 100%)",
    ),
    "target_line": ("Target (100%)", "Target (100%)"),
    "col_code": ("Kode", "Code"),
    "col_indicator": ("Indikator", "Indicator"),
    "col_unit": ("Satuan", "Unit"),
    "col_kind": ("Jenis", "Kind"),
    "col_expected": ("Target s.d. periode", "Target to date"),
    "col_realised": ("Capaian", "Achieved"),
    "col_capaian": ("Capaian %", "Achievement %"),
    "col_band": ("Predikat", "Band"),
    "col_reporters": ("Pelapor", "Reported by"),
    "done": ("Sudah", "Done"),
    "not_done": ("Belum", "Not yet"),
    "bands_source": (
        bands.SOURCE_ID
        + " ≈: target sampai periode ini dibagi rata dari target RAD, dibulatkan ke atas ke "
        "satuan utuh; capaian dihitung dari nilai tepatnya.",
        bands.SOURCE_EN
        + " ≈: the target to date, the RAD's target spread evenly, rounded up to whole units; "
        "the capaian uses the exact value.",
    ),
    # every status as a column heading, from indicators.bands
    **{f"col_band_{key}": (b.id, b.en) for key, b in bands.ALL.items()},
    "col_band_suppressed": ("Dirahasiakan (< k)", "Withheld (< k)"),
    "suppression_note": (
        "Indikator yang menghitung korban atau kasus ({codes}) tidak menampilkan angka kurang dari "
        "{k} kepada pengunjung umum, dan angka lain yang dapat membukanya ikut dirahasiakan "
        '("< {k}" atau "Dirahasiakan"). Ambang k = {k} mengikuti praktik IOM '
        "Counter-Trafficking Data Collaborative. Pengguna yang masuk melihat semua angka.",
        "Indicators that count victims or cases ({codes}) show anonymous visitors no count below "
        '{k}, and other figures that would give one away are withheld too ("< {k}" or '
        '"Withheld"). The threshold k = {k} follows IOM\'s Counter-Trafficking Data '
        "Collaborative. Signed-in users see every figure.",
    ),
    "withheld": ("Dirahasiakan", "Withheld"),
    "bad_request": (
        "Alamat halaman ini tidak sah: sebuah parameter diberikan dua kali atau memuat karakter "
        "kendali. Buka halaman dari menu.",
        "This page's address is not valid: a parameter is given twice or holds a control "
        "character. Open the page from the menu.",
    ),
    "col_withheld": ("Dirahasiakan", "Withheld"),
    "col_age_group": ("Kelompok umur", "Age group"),
    "col_sex": ("Jenis kelamin", "Sex"),
    "col_kecamatan": ("Kecamatan", "Kecamatan"),
    "nav_agencies": ("Instansi", "Agencies"),
    "nav_start": ("Mulai", "Getting started"),
    "agencies_title": ("Instansi dan tanggung jawab", "Agencies and responsibilities"),
    "agencies_members": ("Instansi anggota", "Member agencies"),
    "agencies_cli": (
        "Ganti nama, alias, narahubung dan pensiun: radtrack agency rename | alias | contact | "
        "retire (setiap perubahan tercatat di log audit).",
        "Rename, aliases, focal point and retirement: radtrack agency rename | alias | contact | "
        "retire (every change is in the audit log).",
    ),
    "col_focal": ("Narahubung", "Focal point"),
    "col_channel": ("Saluran", "Channel"),
    "col_membership": ("Keanggotaan", "Membership"),
    "col_lead": ("Utama", "Lead"),
    "agency_active": ("aktif", "active"),
    "agency_retired": ("tidak aktif sejak {day}", "retired on {day}"),
    "focal_none": ("belum ada narahubung", "no focal point yet"),
    "kind_government": ("pemerintah", "government"),
    "kind_police": ("kepolisian", "police"),
    "kind_ngo": ("LSM", "NGO"),
    "kind_international": ("internasional", "international"),
    "kind_other": ("lainnya", "other"),
    "agency_add": ("Tambah instansi", "Add an agency"),
    "agency_edit": (
        "Ubah instansi: nama, alias, narahubung, keanggotaan",
        "Change an agency: name, aliases, focal point, membership",
    ),
    "agency_save": ("Simpan", "Save"),
    "narrative_title": (
        "Narasi: pendorong, penghambat, tindak lanjut",
        "Narrative: drivers, obstacles, follow-up",
    ),
    "narrative_none": (
        "Belum ada narasi untuk bidang ini.",
        "No narrative for this sub-group yet.",
    ),
    "narrative_write": ("Tulis narasi sekretariat", "Write the secretariat's narrative"),
    "narrative_pendorong": ("Faktor pendorong", "Driving factors"),
    "narrative_penghambat": ("Faktor penghambat", "Obstacles"),
    "narrative_tindak_lanjut": ("Tindak lanjut", "Follow-up"),
    "narrative_dashboard": ("ditulis di dasbor oleh {by}", "written on the dashboard by {by}"),
    "narrative_saved": (
        "Narasi disimpan (yang lama tetap sebagai riwayat).",
        "Narrative saved (the earlier one is kept as history).",
    ),
    "narrative_empty": ("Isi setidaknya satu teks.", "Write at least one text."),
    "secretariat": ("sekretariat", "secretariat"),
    "reports_title": ("Laporan untuk diserahkan", "Reports to hand in"),
    "reports_help": (
        "Dibuat dari data yang dimuat: DOCX untuk disunting sebelum ditandatangani, PDF untuk "
        "dibagikan. Hanya untuk akun (angka korban tidak disamarkan di sini). Data demo, bila "
        "ada, ditandai DEMO di setiap halaman.",
        "Made from the loaded data: DOCX to edit before signing, PDF to share. Accounts only "
        "(victim counts are not suppressed here). Demo data, if any, says DEMO on every page.",
    ),
    "report_annual": ("Laporan Tahunan", "Annual report"),
    "report_five": ("Laporan Lima Tahunan", "Five-year report"),
    "report_form": ("form evaluasi Permendagri 86/2017", "Permendagri 86/2017 form"),
    "download_evaluasi": (
        "Form evaluasi Permendagri 86/2017 (xlsx)",
        "Permendagri 86/2017 evaluation form (xlsx)",
    ),
    "agency_choose": ("Pilih instansi", "Choose an agency"),
    "agency_retire": ("Nonaktifkan per tanggal", "Retire on the date"),
    "agency_reactivate": ("Aktifkan kembali", "Reactivate"),
    "agency_retire_on": ("Tanggal terakhir aktif", "Last day as a member"),
    "agency_retire_date": ("Isi tanggal terakhir aktif.", "Give the last day as a member."),
    "agency_saved": (
        "Instansi {code} disimpan (nama lama tetap menjadi alias).",
        "Agency {code} saved (an old name stays an alias).",
    ),
    "agency_retired_done": (
        "{code} tidak aktif sejak {day}; angka dan riwayatnya tetap.",
        "{code} retired on {day}; its figures and history stay.",
    ),
    "agency_reactivated": ("{code} aktif kembali.", "{code} is a member again."),
    "agency_added": ("Instansi {code} ditambahkan.", "Agency {code} added."),
    "agency_aliases": (
        "Nama lain yang ditulis di berkas (pisahkan dengan ;)",
        "Other names written in files (separate with ;)",
    ),
    "focal_name": ("Nama narahubung", "Focal point's name"),
    "focal_email": ("E-mail narahubung", "Focal point's e-mail"),
    "focal_phone": ("Telepon/WhatsApp narahubung", "Focal point's phone/WhatsApp"),
    "matrix_title": ("Matriks tanggung jawab", "Responsibility matrix"),
    "matrix_help": (
        "Siapa melapor apa: kode indikator (1.a.1.1), kegiatan (1.a.1), program (1.a) atau "
        "bidang (1) dan instansinya, instansi utama ditandai. Unggah CSV/Excel berkolom kode, "
        "instansi, utama, atau satu kolom per instansi berisi U (utama) / x (anggota). Unduh "
        "matriks yang ada untuk mengubahnya, lalu unggah kembali.",
        "Who reports what: an indicator (1.a.1.1), activity (1.a.1), programme (1.a) or bidang "
        "(1) code and its agency, the lead marked. Upload a CSV/Excel with columns kode, "
        "instansi, utama, or one column per agency holding U (lead) / x (member). Download the "
        "matrix to change it, then upload it again.",
    ),
    "matrix_upload": (
        "Tarik berkas matriks ke sini, atau klik untuk memilih",
        "Drop a matrix file here, or click to choose",
    ),
    "matrix_download": ("Unduh matriks (CSV)", "Download the matrix (CSV)"),
    "matrix_none": (
        "Belum ada matriks: setiap instansi wilayah diharapkan melapor semuanya.",
        "No matrix yet: every agency of the region is expected to report everything.",
    ),
    "matrix_demo": (
        "Matriks ini DEMO (ilustrasi): ganti dengan matriks Gugus Tugas Anda.",
        "This matrix is DEMO (illustrative): replace it with your task force's.",
    ),
    "matrix_count": ("{rows} baris, {agencies} instansi.", "{rows} rows, {agencies} agencies."),
    "matrix_refused": (
        "Matriks ditolak; yang lama tetap berlaku:",
        "The matrix was refused; the old one stays:",
    ),
    "matrix_loaded": (
        "Matriks dimuat: {rows} tanggung jawab, {agencies} instansi.",
        "Matrix loaded: {rows} responsibilities, {agencies} agencies.",
    ),
    "templates_title": ("Templat untuk semua instansi", "Templates for every agency"),
    "templates_help": (
        "Satu buku kerja per instansi anggota untuk periode yang dipilih, dalam satu berkas zip; "
        "indikator tanggung jawab instansi di bagian atas.",
        "One workbook per member agency for the chosen period, in one zip; the agency's own "
        "indicators at the top.",
    ),
    "templates_download": ("Unduh templat (zip)", "Download templates (zip)"),
    "annual": ("tahunan", "annual"),
    "remind_title": ("Pengingat hari ini", "Today's reminders"),
    "remind_help": (
        "Instansi yang laporannya lewat jatuh tempo atau dikembalikan. E-mail dikirim oleh "
        "radtrack remind (setiap hari, mis. lewat cron); untuk instansi yang dihubungi lewat "
        "WhatsApp, buka tautannya, kirim, lalu catat terkirim.",
        "Agencies whose report is overdue or returned. E-mails go out with radtrack remind "
        "(daily, e.g. from cron); for agencies reached on WhatsApp, open the link, send, then "
        "mark it sent.",
    ),
    "remind_none": ("Tidak ada yang perlu diingatkan hari ini.", "Nobody to remind today."),
    "remind_whatsapp": ("Kirim lewat WhatsApp", "Send on WhatsApp"),
    "remind_mark_sent": ("Catat terkirim", "Mark as sent"),
    "remind_by_email": ("e-mail ke {to} (radtrack remind)", "e-mail to {to} (radtrack remind)"),
    "remind_no_contact": (
        "belum ada narahubung: tambahkan e-mail atau telepon",
        "no focal point yet: add an e-mail or phone",
    ),
    "remind_done_today": (
        "Instansi yang sudah diingatkan hari ini: {n}.",
        "Agencies reminded today: {n}.",
    ),
    "remind_recorded": (
        "Pengingat WhatsApp untuk {agency} dicatat.",
        "WhatsApp reminder to {agency} recorded.",
    ),
    "start_title": (
        "Mulai: dari demo ke Gugus Tugas yang berjalan",
        "Getting started: from the demo to a live task force",
    ),
    "start_intro": (
        "{left} dari {total} langkah belum selesai. Setiap tanda diambil dari isi penyimpanan.",
        "{left} of {total} steps to do. Each tick is read from what the store holds.",
    ),
    "start_done": ("(selesai)", "(done)"),
    "start_todo": ("(belum)", "(to do)"),
    "start_accounts": ("Buat akun", "Create accounts"),
    "start_accounts_status": (
        "{admins} admin, {uploaders} pengunggah instansi, {viewers} pembaca.",
        "{admins} admins, {uploaders} agency uploaders, {viewers} viewers.",
    ),
    "start_agencies": (
        "Lengkapi instansi dan narahubungnya",
        "Add agencies and their focal points",
    ),
    "start_agencies_go": ("Halaman Instansi", "Agencies page"),
    "start_agencies_status": (
        "{reached} dari {active} instansi aktif punya narahubung.",
        "{reached} of {active} active agencies have a focal point.",
    ),
    "start_matrix": ("Tetapkan siapa melapor apa", "Set who reports what"),
    "start_matrix_go": ("Matriks tanggung jawab", "Responsibility matrix"),
    "start_matrix_status": (
        "{rows} baris matriks milik Gugus Tugas (bukan demo).",
        "{rows} matrix rows of the task force's own (not demo).",
    ),
    "start_templates": ("Kirim templat ke instansi", "Send templates to the agencies"),
    "start_templates_go": ("Templat untuk semua", "Templates for all"),
    "start_templates_status": (
        "{n} kali templat diunduh atau pengingat dikirim.",
        "Templates downloaded or reminders sent {n} times.",
    ),
    "start_first_report": ("Muat laporan nyata pertama", "Load the first real report"),
    "start_first_report_go": ("Unggah", "Upload"),
    "start_first_report_status": ("{n} laporan nyata dimuat.", "{n} real reports loaded."),
    "start_demo": ("Hapus data demo", "Remove the demo data"),
    "start_demo_status": (
        "{n} laporan/unggahan demo masih ada.",
        "{n} demo reports/uploads still in the store.",
    ),
    "start_publish": ("Publikasikan RAD", "Publish the plan"),
    "start_published": (
        "Dipublikasikan: pengunjung tanpa akun melihatnya.",
        "Published: visitors without an account see it.",
    ),
    "start_unpublished": (
        "Belum dipublikasikan: hanya akun yang melihatnya.",
        "Not published: only accounts see it.",
    ),
}


def t(key: str, lang: str = "id", **values) -> str:
    """The text for `key` in `lang`, with {placeholders} filled from `values`."""
    id_text, en_text = TEXT[key]
    text = en_text if lang == "en" else id_text
    return text.format(**values) if values else text


def pick_lang(lang: str | None) -> str:
    """A supported language code; Indonesian unless English is asked for."""
    return lang if lang in LANGS else "id"
