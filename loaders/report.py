"""Validation problems as data: one stable code per kind of problem, each naming its place.

Every message exists in Indonesian (the default) and English. Tests compare the
(sheet, row, column, code) list of a report, not the wording.
"""

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"
MAX_PROBLEMS = 200  # a file's rows are read no further past this many problems

# code -> (Indonesian, English). Placeholders: {found}, {expected}, {detail}.
MESSAGES: dict[str, tuple[str, str]] = {
    "unreadable-file": (
        "Berkas tidak dapat dibaca sebagai buku kerja Excel: {detail}",
        "The file cannot be read as an Excel workbook: {detail}",
    ),
    "empty-file": ("Berkas kosong.", "The file is empty."),
    "file-too-large": (
        "Berkas terlalu besar ({found}); batasnya {expected}.",
        "The file is too large ({found}); the limit is {expected}.",
    ),
    "review-duplicate": (
        "Berkas yang sama persis sudah menunggu tinjauan sekretariat (sebagai {found}, dikirim "
        "{expected} UTC); tidak ada yang ditambahkan.",
        "The very same file is already waiting for the secretariat's review (as {found}, sent "
        "{expected} UTC); nothing was added.",
    ),
    "review-counted": (
        "Berkas yang sama persis sudah dihitung (sebagai {found}); tidak ada yang ditambahkan.",
        "The very same file already counts (as {found}); nothing was added.",
    ),
    "review-quota": (
        "Instansi {found} sudah punya {detail} berkas menunggu tinjauan, batas per instansi "
        "({expected}); minta sekretariat meninjaunya dulu.",
        "Agency {found} already has {detail} files waiting for review, the most one agency may "
        "keep waiting ({expected}); ask the secretariat to review them first.",
    ),
    "no-data-sheet": (
        "Tidak ada lembar berisi tabel yang dicari (kolom {detail}).",
        "No sheet holds the table looked for (columns {detail}).",
    ),
    "missing-metadata": (
        "Keterangan '{expected}' tidak ada di berkas; pakai templat dari `radtrack template` "
        "atau sebutkan dengan opsi --{expected}.",
        "'{expected}' is not stated in the file; use a template from `radtrack template` "
        "or give it with --{expected}.",
    ),
    "agency-not-allowed": (
        "Berkas ini laporan {found}; akun Anda hanya boleh melapor untuk {expected}.",
        "This file is {found}'s report; your account may report for {expected} only.",
    ),
    "concurrent-upload": (
        "Laporan lain untuk instansi dan periode yang sama dimuat pada saat yang sama dan "
        "lebih dulu selesai; berkas ini tidak dimuat. Periksa laporan yang sudah masuk, lalu "
        "unggah lagi bila berkas ini yang benar.",
        "Another report for the same agency and period was loaded at the same moment and "
        "finished first; this file was not loaded. Check the report now in the store, then "
        "upload again if this file is the right one.",
    ),
    "ambiguous-number": (
        "'{found}' dapat dibaca dua cara: {expected}. Tulis angkanya tanpa pemisah ribuan "
        "(1000), atau desimalnya dengan koma dan satu atau dua angka (1,5).",
        "'{found}' reads two ways: {expected}. Write the number without a thousands separator "
        "(1000), or its decimals with a comma and one or two digits (1,5).",
    ),
    "progress-mismatch": (
        "Kolom persen capaian berisi {found}, tetapi jumlah yang dilaporkan untuk {detail} "
        "terhadap target tahun ini adalah {expected}; yang dimuat adalah jumlahnya. Periksa "
        "salah satunya.",
        "The percent column says {found}, but the count reported for {detail} against this "
        "year's target is {expected}; the count is loaded. Check one of them.",
    ),
    "to-date-context": (
        "Angka kumulatif {found} di berkas ini dibaca sebagai keterangan, tidak dimuat: laporan "
        "{found} dimuat dari berkasnya sendiri.",
        "The to-date {found} figures in this file are read as context and not loaded: the "
        "{found} report is loaded from its own file.",
    ),
    "budget-without-indicator": (
        "Baris ini hanya berisi anggaran (pagu/realisasi) tanpa indikator, seperti baris program "
        "atau kegiatan pada form evaluasi; angkanya tidak dimuat.",
        "This row holds money only (budget/spending) and no indicator, like a programme or "
        "activity line of an evaluation form; its figures are not loaded.",
    ),
    "progress-not-count": (
        "Kolom ini berisi persen capaian terhadap target atau kemajuan fisik ('{found}'), bukan "
        "jumlah yang dicapai; radtrack menghitung persennya sendiri. Isi kolom Realisasi dengan "
        "jumlahnya (orang, kali, dokumen, ...).",
        "This column holds a percent of the target or physical progress ('{found}'), not what "
        "was achieved; radtrack computes the percent itself. Fill a Realisasi column with the "
        "count (people, times, documents, ...).",
    ),
    "money-for-count": (
        "'{found}' adalah jumlah rupiah, tetapi kolom ini memuat capaian indikator {expected}. "
        "Isi jumlah yang dicapai; anggaran masuk ke kolom Pagu atau Realisasi Anggaran.",
        "'{found}' is an amount of rupiah, but this column holds what indicator {expected} "
        "achieved. Give the count achieved; money goes in a Pagu or Realisasi Anggaran column.",
    ),
    "unit-disagrees": (
        "'{found}' menghitung hal lain dari satuan indikator {expected}: mungkin angka ini milik "
        "baris lain. Periksa barisnya, lalu tulis angkanya saja.",
        "'{found}' counts something else than the unit of indicator {expected}: the figure may "
        "belong to another row. Check the row, then give the number alone.",
    ),
    "fraction-for-count": (
        "'{found}' bukan bilangan bulat, padahal indikator {expected} menghitung hal yang utuh. "
        "Bila maksudnya ribuan (1.500), tulis tanpa desimal; bila bukan, periksa angkanya.",
        "'{found}' is not a whole number, but indicator {expected} counts whole things. If "
        "thousands were meant (1,500), write the number without decimals; if not, check it.",
    ),
    "ambiguous-percentage": (
        "'{found}' dapat dibaca dua cara: {expected}. Tulis persennya dengan tanda % "
        "(misalnya 61,5%).",
        "'{found}' reads two ways: {expected}. Write the percentage with a % sign "
        "(for example 61.5%).",
    ),
    "period-not-held": (
        "Berkas ini melaporkan periode {found}: radtrack menyimpan capaian per triwulan "
        "(Januari-Maret, April-Juni, Juli-September, Oktober-Desember), semester atau tahun, "
        "tidak per bulan. Jumlahkan bulan-bulannya menjadi laporan triwulan, atau sebutkan "
        "periodenya dengan opsi --year/--quarter.",
        "This file reports the period {found}: radtrack holds figures per triwulan "
        "(January-March, April-June, July-September, October-December), semester or year, not "
        "per month. Add the months up into a triwulan report, or give the period with "
        "--year/--quarter.",
    ),
    "ods-hidden": (
        "Berkas LibreOffice ini menyembunyikan baris atau kolom (grup yang diciutkan atau "
        "filter): isinya tidak dibaca tanpa tahu apakah ikut dilaporkan. Tampilkan semua baris "
        "dan kolom, hapus yang bukan laporan, atau simpan sebagai .xlsx.",
        "This LibreOffice file hides rows or columns (a collapsed group or a filter): they are "
        "not read without knowing whether they are part of the report. Show every row and "
        "column and delete what is not reported, or save the file as .xlsx.",
    ),
    "too-many-problems": (
        "Pembacaan berhenti di baris ini: berkas sudah memuat {found} masalah. Perbaiki yang "
        "tercantum (sering satu sebab di banyak baris), lalu unggah lagi.",
        "Reading stopped at this row: the file already holds {found} problems. Fix those listed "
        "(often one cause on many rows), then upload again.",
    ),
    "year-total-disagrees": (
        "Kolom jumlah tahunan indikator {detail} berisi {found}, tetapi kolom triwulannya "
        "berjumlah {expected}: tidak pasti mana yang benar. Perbaiki salah satunya.",
        "The year's total of indicator {detail} says {found}, but its triwulan columns add up to "
        "{expected}: which is right is not certain. Correct one of them.",
    ),
    "other-period-replaces": (
        "Berkas laporan {detail} ini juga memuat angka {found} yang berbeda dari laporan {found} "
        "yang sudah dimuat ({expected}), atau tidak lengkap: tidak pasti mana yang benar. Kirim "
        "perbaikan laporan {found} sebagai berkasnya sendiri, atau hapus kolom {found} dari "
        "berkas ini.",
        "This {detail} report also holds {found} figures that differ from the {found} report "
        "already loaded ({expected}), or leave some out: which is right is not certain. Send a "
        "correction of the {found} report as a file of its own, or take the {found} column out "
        "of this file.",
    ),
    "empty-replaces": (
        "Berkas ini tidak memuat satu angka pun, tetapi akan menggantikan laporan {found} yang "
        "sudah dimuat ({expected}). Isi angkanya; untuk menarik laporan itu pakai radtrack "
        "withdraw.",
        "This file holds no figure at all, yet it would replace the {found} report already "
        "loaded ({expected}). Fill in the figures; to withdraw that report use radtrack "
        "withdraw.",
    ),
    "year-total-only": (
        "Hanya kolom capaian tahunan ('{found}') yang terisi; kolom triwulannya kosong. radtrack "
        "memuat capaian per triwulan dari kolom K triwulan I-IV dan memakai kolom tahunan untuk "
        "memeriksanya. Isi capaian di kolom triwulannya.",
        "Only the year's column ('{found}') is filled; its triwulan columns are empty. radtrack "
        "loads each triwulan's K column and uses the year's column to check them. Fill the "
        "triwulan columns.",
    ),
    "merged-figure": (
        "Sel angka '{found}' digabung (merge) dengan sel lain, melintasi beberapa kolom periode "
        "atau beberapa baris: untuk periode atau indikator mana angkanya tidak pasti. Pisahkan "
        "selnya dan isi angka masing-masing (atau angka tahunan di satu kolom).",
        "The figure cell '{found}' is merged with other cells, across several period columns "
        "or several rows: which period or indicator it belongs to is not certain. Unmerge the "
        "cells and give each its figure (or the year's figure in one column).",
    ),
    "quarter-unclear": (
        "{found} menyebut triwulan, tetapi tidak jelas satu triwulan yang mana (tanpa nomor, "
        "atau lebih dari satu). Tulis satu TW I, II, III atau IV di judul atau nama berkas "
        "(dua triwulan: Semester I atau II), atau sebutkan dengan opsi --quarter.",
        "{found} names a triwulan, but not one clearly (no number, or more than one). Write "
        "one of TW I, II, III or IV in the title or the file name (two: Semester I or II), or "
        "give it with --quarter.",
    ),
    "column-period-not-held": (
        "Kolom {found} memuat angka satu bulan atau rentang bulan yang bukan triwulan: radtrack "
        "menyimpan capaian per triwulan, semester atau tahun. Jumlahkan bulan-bulannya menjadi "
        "kolom triwulan (mis. 'Realisasi TW III').",
        "Column {found} holds a month's figures, or a range of months that is no triwulan: "
        "radtrack holds figures per triwulan, semester or year. Add the months up into a "
        "triwulan column (for example 'Realisasi TW III').",
    ),
    "to-date-unclear": (
        "Judul berkas menyebut angka kumulatif (s.d.), tetapi kolom {found} tidak: tidak pasti "
        "apakah angka tiap kolom adalah capaian periode kolom itu sendiri atau jumlah sampai "
        "akhir periodenya. Tulis 's.d.' pada judul kolom (mis. 'Realisasi s.d. TW II') bila "
        "kumulatif, atau hapus kata kumulatif/s.d. dari judul bila tidak.",
        "The file's title says its figures are to date (cumulative), but column {found} does "
        "not: whether each column holds its own period's figures or the total up to its end is "
        "not certain. Write 's.d.' in the column headers (for example 'Realisasi s.d. TW II') "
        "if they are to date, or take 'kumulatif'/'s.d.' out of the title if not.",
    ),
    "agency-not-member": (
        "Kop berkas ini menyebut {found}, yang bukan instansi anggota di radtrack{detail}: "
        "laporannya tidak dimuat atas nama instansi lain. Tambahkan instansinya (radtrack agency "
        "add) atau namanya sebagai alias instansi yang benar (radtrack agency alias), atau "
        "sebutkan instansinya dengan opsi --agency.",
        "This file's heading names {found}, which is no member agency in radtrack{detail}: its "
        "report is not loaded under another agency's name. Add the agency (radtrack agency add) "
        "or its name as an alias of the right one (radtrack agency alias), or give the agency "
        "with --agency.",
    ),
    "agency-not-in-plan": (
        "Instansi {found} bukan dari wilayah RAD {expected}: laporannya tidak dimuat ke RAD "
        "wilayah lain. Periksa RAD yang dipilih (opsi --plan atau lembar radtrack).",
        "Agency {found} is not of the region of plan {expected}: its report is not loaded into "
        "another region's plan. Check the plan chosen (--plan, or the radtrack sheet).",
    ),
    "year-disagrees": (
        "Berkas ini menyebut tahun {expected}, tetapi kolom angkanya menyebut tahun lain: "
        "{found}. Periksa judul, nama berkas dan judul kolom, atau sebutkan tahunnya dengan "
        "opsi --year.",
        "This file names the year {expected}, but its figure columns name another: {found}. "
        "Check the title, the file name and the column headers, or give the year with --year.",
    ),
    "percent-for-count": (
        "'{found}' adalah persen, tetapi indikator {expected} dihitung dalam jumlah, bukan "
        "persen. Isi jumlah yang dicapai.",
        "'{found}' is a percentage, but indicator {expected} is counted, not a percentage. "
        "Give the count achieved.",
    ),
    "total-mismatch": (
        "Baris jumlah berisi {found}, tetapi baris-baris {detail} di atasnya berjumlah "
        "{expected}; yang dimuat adalah baris-barisnya. Periksa mana yang salah ketik.",
        "The total row says {found}, but the {detail} rows above it add up to {expected}; the "
        "rows are loaded. Check which one is mistyped.",
    ),
    "agencies-disagree": (
        "Berkas ini (lembar, judul, nama berkas atau templat) menyebut instansi yang berbeda: "
        "{found}. Setiap instansi melapor dalam berkasnya sendiri (atau satu lembar per "
        "berkas); angka satu instansi tidak dimuat atas nama instansi lain. Pakai templat "
        "instansi yang melapor, atau sebutkan instansinya dengan opsi --agency.",
        "This file (its sheets, titles, name or template) names different agencies: {found}. "
        "Each agency reports in a file of its own (or one sheet per file); one agency's "
        "figures are never loaded under another's name. Use the reporting agency's template, "
        "or give the agency with --agency.",
    ),
    "hidden-columns": (
        "Kolom tersembunyi tidak dibaca (seperti Excel menampilkannya): kolom {found}. "
        "Tampilkan kolomnya bila angkanya memang harus dimuat.",
        "Hidden columns are not read (as Excel shows the sheet): columns {found}. Unhide them "
        "if their figures are meant to be loaded.",
    ),
    "hidden-rows": (
        "Baris tersembunyi tidak dibaca (seperti Excel menampilkannya): baris {found}. "
        "Tampilkan barisnya bila angkanya memang harus dimuat.",
        "Hidden rows are not read (as Excel shows the sheet): rows {found}. Unhide them if "
        "their figures are meant to be loaded.",
    ),
    "code-statement-disagree": (
        "Kode '{found}' menunjuk indikator yang berbeda dari pernyataan di baris ini, yang "
        "jelas sama dengan indikator {expected}; mungkin templat lama dari sebelum RAD "
        "direvisi. Pakai templat baru, atau perbaiki kode atau pernyataannya.",
        "Code '{found}' names another indicator than this row's statement, which is clearly "
        "indicator {expected}; perhaps an old template from before the RAD was revised. Use a "
        "new template, or correct the code or the statement.",
    ),
    "period-disagrees": (
        "Berkas ini menyebut periode yang berbeda: {found}. Perbaiki judul, nama lembar atau "
        "nama berkas, atau sebutkan periodenya dengan --year/--quarter.",
        "The file names different periods: {found}. Correct the title, the sheet name or the "
        "file name, or give the period with --year/--quarter.",
    ),
    "period-not-ended": (
        "Periode {found} belum berakhir pada {expected} (tanggal di berkas, atau hari ini); "
        "angka periode yang belum selesai tidak dimuat. Periksa tahun dan triwulannya.",
        "The period {found} had not ended on {expected} (a date in the file, or today); "
        "figures of a period not yet over are not loaded. Check its year and triwulan.",
    ),
    "superseded-file": (
        "Berkas ini pernah dimuat untuk {found} lalu digantikan oleh {expected}; tidak dimuat "
        "lagi agar riwayat tidak mundur. Bila berkas ini memang yang benar, muat dengan "
        "--reinstate.",
        "This file was loaded for {found} before and then replaced by {expected}; it is not "
        "loaded again, so history never runs backwards. If this file is the right one, load it "
        "with --reinstate.",
    ),
    "withdrawn-file": (
        "Berkas ini pernah dimuat untuk {found} lalu ditarik oleh sekretariat; tidak dimuat lagi "
        "diam-diam. Bila berkas ini memang yang benar, muat dengan --reinstate.",
        "This file was loaded for {found} before and then withdrawn by the secretariat; it is "
        "not loaded again silently. If this file is the right one, load it with --reinstate.",
    ),
    "annual-counts": (
        "Laporan instansi ini untuk periode yang lebih panjang, {expected}, sudah dihitung; "
        "laporan {found} tidak ditambahkan di atasnya, karena kegiatan yang sama akan terhitung "
        "dua kali. Bila laporan periode pendek yang benar, tarik dulu laporan itu "
        "(radtrack withdraw).",
        "This agency's report for a longer period, {expected}, already counts; the {found} "
        "report is not added on top of it, as the same activities would count twice. If the "
        "shorter reports are the right ones, withdraw that report first (radtrack withdraw).",
    ),
    "annual-and-quarters": (
        "Berkas ini memuat periode yang tumpang tindih ({found}); kegiatan yang sama akan "
        "terhitung dua kali. Kirim salah satunya saja.",
        "This file holds periods that overlap ({found}); the same activities would count "
        "twice. Send one of them only.",
    ),
    "to-date-without-earlier": (
        "Angka {found} adalah angka kumulatif (s.d.), tetapi laporan {expected} belum ada, "
        "sehingga angka triwulan ini sendiri tidak dapat dihitung. Muat dulu laporan triwulan "
        "sebelumnya, atau isi angka triwulan ini saja.",
        "The {found} figures are to-date (cumulative) figures, but the {expected} report is "
        "missing, so this triwulan's own figures cannot be worked out. Load the earlier "
        "triwulan first, or give this triwulan's own figures.",
    ),
    "unknown-plan": (
        "RAD '{found}' tidak dikenal; yang ada: {expected}.",
        "Plan '{found}' is unknown; known plans: {expected}.",
    ),
    "plan-ambiguous": (
        "Berkas ini tidak menyebut RAD-nya, dan wilayah {found} punya lebih dari satu RAD yang "
        "mencakup periodenya: {expected}. Sebutkan RAD dengan --plan.",
        "The file names no plan, and {found}'s region has more than one plan covering its "
        "period: {expected}. Name the plan with --plan.",
    ),
    "unknown-agency": (
        "Kode instansi '{found}' tidak dikenal; yang ada: {expected}. Instansi baru ditambahkan "
        "sekretariat di halaman Instansi atau dengan: radtrack agency add.",
        "Agency code '{found}' is unknown; known codes: {expected}. The secretariat adds a new "
        "agency on the Agencies page or with: radtrack agency add.",
    ),
    "agency-retired": (
        "Instansi {found} sudah tidak aktif sejak {expected}, sebelum periode berkas ini. Bila "
        "laporannya benar, aktifkan kembali (radtrack agency retire {found} --undo); bila "
        "instansi ini kini bernama lain, pindahkan namanya ke instansi penggantinya.",
        "Agency {found} retired on {expected}, before this file's period. If the report is "
        "right, reactivate it (radtrack agency retire {found} --undo); if the agency now goes "
        "by another name, move the name to its successor.",
    ),
    "outside-responsibility": (
        "{found} melaporkan indikator yang bukan tanggung jawabnya menurut matriks: {detail}. "
        "Nilainya tetap dimuat; perbarui matriks bila perlu.",
        "{found} reported indicators the matrix does not give it: {detail}. The figures are "
        "loaded; update the matrix if it should.",
    ),
    "narrative-bidang": (
        "Bidang '{found}' tidak dikenal di lembar narasi; yang ada: {expected}.",
        "Bidang '{found}' on the narrative sheet is unknown; known: {expected}.",
    ),
    "narrative-indicator": (
        "Kode indikator '{found}' bukan indikator bidang {expected} RAD ini.",
        "Indicator code '{found}' is not an indicator of bidang {expected} of this plan.",
    ),
    "narrative-too-long": (
        "Teks narasi lebih dari {expected} karakter; ringkas atau lampirkan sebagai dokumen.",
        "The narrative text is longer than {expected} characters; shorten it.",
    ),
    "narrative-period": (
        "Berkas ini memuat beberapa periode ({found}); narasinya tidak dapat ditempatkan pada "
        "satu periode. Kirim narasi bersama laporan satu periode.",
        "This file holds several periods ({found}); its narrative cannot be placed in one. "
        "Send the narrative with a one-period report.",
    ),
    "matrix-no-header": (
        "Tidak ada baris judul dengan kolom kode (salah satu dari: {detail}).",
        "No header row with a code column (one of: {detail}).",
    ),
    "matrix-unknown-code": (
        "Kode '{found}' bukan indikator atau kegiatan RAD {expected}.",
        "Code '{found}' is neither an indicator nor an activity of plan {expected}.",
    ),
    "matrix-unknown-agency": (
        "Instansi '{found}' tidak dikenal (atau menunjuk lebih dari satu); yang ada: "
        "{expected}. Pisahkan beberapa instansi dengan koma; tambahkan instansi baru dulu "
        "(radtrack agency add).",
        "Agency '{found}' is unknown (or names more than one); known: {expected}. Separate "
        "several agencies with commas; add a new agency first (radtrack agency add).",
    ),
    "matrix-no-agency": ("Baris ini tidak menyebut instansi.", "This row names no agency."),
    "matrix-bad-mark": (
        "Isian '{found}' tidak dapat dibaca: isi U (utama), x (anggota) atau kosongkan.",
        "'{found}' cannot be read: write U (lead), x (member) or leave it empty.",
    ),
    "matrix-two-leads": (
        "{found} punya dua instansi utama: yang ini dan {expected}. Satu saja yang utama.",
        "{found} has two lead agencies: this one and {expected}. Mark one lead only.",
    ),
    "matrix-no-code": (
        "Baris ini menyebut '{found}' tanpa kode indikator/kegiatan: milik siapa? Isi kodenya "
        "atau hapus barisnya.",
        "This row says '{found}' but has no indicator/activity code: whose is it? Give the code "
        "or delete the row.",
    ),
    "matrix-demo": (
        "Baris ini berasal dari matriks DEMO (sumber: demo). Matriks Gugus Tugas ditulis "
        "sendiri, bukan dari demo.",
        "This row comes from the DEMO matrix (sumber: demo). Write the task force's own matrix, "
        "not the demo's.",
    ),
    "matrix-lead-of-many": (
        "Kolom utama berisi ya, tetapi sel instansinya menyebut beberapa instansi ('{found}'): "
        "tandai instansi utamanya dengan (koordinator).",
        "The lead column says yes but the agency cell names several ('{found}'): mark the lead "
        "with (koordinator).",
    ),
    "matrix-empty": (
        "Matriks tidak memberi tanggung jawab apa pun.",
        "The matrix assigns nothing.",
    ),
    "bad-year": (
        "Tahun '{found}' tidak valid; harus dalam periode RAD {expected}.",
        "Year '{found}' is not valid; it must lie in the plan period {expected}.",
    ),
    "bad-quarter": (
        "Triwulan '{found}' tidak valid; harus 1, 2, 3, 4 atau kosong (tahunan).",
        "Quarter '{found}' is not valid; it must be 1, 2, 3, 4 or empty (annual).",
    ),
    "missing-code": (
        "Baris berisi nilai tetapi kode indikator kosong.",
        "The row has values but no indicator code.",
    ),
    "password-protected": (
        "Berkas dilindungi kata sandi; simpan ulang tanpa kata sandi lalu unggah lagi.",
        "The file is password-protected; save it again without a password and re-upload.",
    ),
    "zip-bomb": (
        "Berkas ditolak: isinya mengembang menjadi {found} saat dibuka (batas {expected}); "
        "kemungkinan berkas berbahaya.",
        "File refused: it expands to {found} when opened (limit {expected}); likely hostile.",
    ),
    "xml-entities": (
        "Berkas ditolak: bagian {found} memuat deklarasi DTD/ENTITY yang tidak diizinkan.",
        "File refused: part {found} holds a DTD/ENTITY declaration, which is not allowed.",
    ),
    "sheet-too-large": (
        "Lembar terlalu besar ({found}; batas {expected}): mungkin ada sel terisi jauh di luar "
        "tabel. Hapus baris dan kolom kosong di luar tabel, lalu simpan lagi.",
        "The sheet is too large ({found}; limits {expected}): perhaps a cell is filled far "
        "outside the table. Delete the empty rows and columns outside it, then save again.",
    ),
    "too-many-rows": (
        "Lembar terlalu panjang ({found} baris; batas {expected}).",
        "The sheet is too long ({found} rows; limit {expected}).",
    ),
    "formula-without-value": (
        "Sel {found} berisi rumus yang belum dihitung; buka dan simpan berkas di Excel/"
        "LibreOffice, atau ketik nilainya.",
        "Cell {found} holds a formula that was never calculated; open and save the file in "
        "Excel/LibreOffice, or type the value.",
    ),
    "ambiguous-indicator": (
        "Indikator '{found}' tidak dapat dicocokkan dengan pasti; yang paling mirip: {expected}. "
        "Tambahkan kolom Kode.",
        "Indicator '{found}' cannot be matched with certainty; closest: {expected}. "
        "Add a Kode column.",
    ),
    "no-period": (
        "Tahun laporan tidak ditemukan di berkas (metadata, judul, nama lembar, kolom) untuk "
        "baris ini; sebutkan dengan --year.",
        "The report's year is not in the file (metadata, title, sheet name, columns) for this "
        "row; give it with --year.",
    ),
    "bad-disaggregation": (
        "'{found}' bukan nilai {expected} yang dikenal.",
        "'{found}' is not a known {expected} value.",
    ),
    "far-above-target": (
        "Nilai {found} jauh di atas target tahun ini ({expected}); periksa satuan atau salah "
        "ketik.",
        "Value {found} is far above this year's target ({expected}); check the unit or typing.",
    ),
    "cumulative-falls": (
        "Nilai kumulatif (s.d.) {found} lebih kecil dari total periode sebelumnya {expected}; "
        "baris ini tidak dimuat.",
        "Cumulative (to-date) value {found} is below the earlier periods' total {expected}; "
        "this row is not loaded.",
    ),
    "rad-no-subgroup": (
        "Program tanpa bidang: tulis bidang dalam kurung sebelum program pertamanya, atau isi "
        "kolom Bidang.",
        "A programme without a bidang: put the bidang in brackets before its first programme, "
        "or fill a Bidang column.",
    ),
    "rad-no-programme": (
        "Kegiatan tanpa program (program ditulis 'a. ...').",
        "An activity without a programme (programmes are written 'a. ...').",
    ),
    "rad-no-activity": ("Indikator tanpa kegiatan.", "An indicator without an activity."),
    "rad-unpaired": (
        "{found} indikator untuk {expected} kegiatan dalam satu sel: tidak dapat dipasangkan; "
        "pisahkan ke baris sendiri.",
        "{found} indicators for {expected} activities in one cell cannot be paired; put them "
        "on rows of their own.",
    ),
    "rad-invalid": (
        "Isian {found} tidak valid: {expected}.",
        "Entry {found} is invalid: {expected}.",
    ),
    "bad-catalogue": (
        "Katalog tidak valid: '{found}' {expected}.",
        "The catalogue is not valid: '{found}' {expected}.",
    ),
    "unknown-region": (
        "Kode wilayah '{found}' tidak dikenal (kode Kemendagri, mis. 53.03).",
        "Region code '{found}' is unknown (Kemendagri code, e.g. 53.03).",
    ),
    "unknown-indicator": (
        "Kode indikator '{found}' tidak ada dalam RAD {expected}.",
        "Indicator code '{found}' is not in plan {expected}.",
    ),
    "unknown-statement": (
        "Pernyataan '{found}' tidak cocok dengan indikator mana pun dalam RAD; yang paling "
        "mirip: {expected}. Periksa pernyataannya, atau tambahkan kolom Kode.",
        "The statement '{found}' matches no indicator of the plan; the closest: {expected}. "
        "Check the statement, or add a Kode column.",
    ),
    "duplicate-indicator": (
        "Indikator '{found}' sudah diisi di baris {expected}; satu indikator satu baris.",
        "Indicator '{found}' was already filled in row {expected}; one row per indicator.",
    ),
    "not-a-number": (
        "'{found}' bukan angka; diharapkan {expected}.",
        "'{found}' is not a number; expected {expected}.",
    ),
    "negative-value": (
        "Nilai negatif '{found}' tidak boleh; diharapkan {expected}.",
        "Negative value '{found}' is not allowed; expected {expected}.",
    ),
    "percentage-out-of-range": (
        "Persentase '{found}' di luar rentang 0-100.",
        "Percentage '{found}' is outside 0-100.",
    ),
    "bad-milestone": (
        "'{found}' bukan jawaban untuk indikator tonggak; diharapkan Sudah atau Belum.",
        "'{found}' is not an answer for a milestone indicator; expected Sudah or Belum.",
    ),
    "spent-over-budget": (
        "Realisasi anggaran {found} melebihi pagu {expected}.",
        "Spending {found} exceeds the budget {expected}.",
    ),
}

# What a value column expects, for the {expected} placeholder: (Indonesian, English).
EXPECTED: dict[str, tuple[str, str]] = {
    "count": ("bilangan 0 atau lebih", "a number of 0 or more"),
    "percentage": ("persentase 0-100", "a percentage 0-100"),
    "money": ("jumlah rupiah 0 atau lebih", "an amount in rupiah of 0 or more"),
    "milestone": ("Sudah atau Belum", "Sudah or Belum"),
}


_INDONESIAN_MARKS = str.maketrans({",": ".", ".": ","})


class Shown(str):
    """Text the loader writes around numbers of its own (a total it added up, a size, a limit):
    the string is the Indonesian form (1.234,5), `.en` the English one (1,234.5). A Problem's
    message picks the form of its language; a value quoted from the file stays a plain str, as
    the file wrote it."""

    en: str

    def __new__(cls, id_text: str, en_text: str):
        text = super().__new__(cls, id_text)
        text.en = en_text
        return text

    def __getnewargs__(self):  # a worker's report crosses to the writing process by pickle
        return str(self), self.en


def shown(template: str, *numbers: float, spec: str | tuple[str, ...] = ",") -> Shown:
    """`template` with each {} one of `numbers` formatted by `spec` (a format() spec written
    the English way, "," grouping and "." decimals; one per number as a tuple), in both
    languages' marks."""
    specs = spec if isinstance(spec, tuple) else (spec,) * len(numbers)
    english = [format(number, each) for number, each in zip(numbers, specs, strict=True)]
    return Shown(
        template.format(*(text.translate(_INDONESIAN_MARKS) for text in english)),
        template.format(*english),
    )


def _in(text: str, lang: str) -> str:
    return getattr(text, "en", text) if lang == "en" else str(text)


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in one place of one file."""

    code: str
    file: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    found: str = ""
    expected: str = ""
    detail: str = ""
    severity: str = ERROR

    def message(self, lang: str = "id") -> str:
        """The message in Indonesian ('id') or English ('en')."""
        id_text, en_text = MESSAGES[self.code]
        template = en_text if lang == "en" else id_text
        found, expected, detail = (_in(t, lang) for t in (self.found, self.expected, self.detail))
        return template.format(found=found, expected=expected, detail=detail)

    def place(self, lang: str = "id") -> str:
        """'file, sheet X, row N, column C' in the chosen language."""
        words = ("sheet", "row", "column") if lang == "en" else ("lembar", "baris", "kolom")
        parts = [self.file]
        if self.sheet:
            parts.append(f"{words[0]} {self.sheet}")
        if self.row is not None:
            parts.append(f"{words[1]} {self.row}")
        if self.column:
            parts.append(f"{words[2]} {self.column}")
        return ", ".join(parts)

    def to_dict(self, lang: str = "id") -> dict:
        """A JSON-ready dict with the localised message."""
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "found": _in(self.found, lang),
            "expected": _in(self.expected, lang),
            "message": self.message(lang),
        }


@dataclass
class Report:
    """What loading one file did, or would do, and everything found wrong with it."""

    file: str
    sha256: str = ""
    plan: str = ""
    agency: str = ""
    year: int | None = None
    quarter: int | None = None
    semester: int | None = None
    sheet: str = ""
    status: str = "rejected"  # loaded, replaced, unchanged, dry-run, rejected
    problems: list[Problem] = field(default_factory=list)
    mapping: list[dict] = field(default_factory=list)  # source row -> indicator code
    periods: list[dict] = field(default_factory=list)  # per period: status, rows, changes
    rows_loaded: int = 0
    replaced_submission: int | None = None
    submission_id: int | None = None

    @property
    def errors(self) -> list[Problem]:
        """Problems that reject the file."""
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """Problems shown but not blocking."""
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def ok(self) -> bool:
        """True unless the file was rejected."""
        return not self.errors

    def places(self) -> list[tuple[str, int | None, str, str]]:
        """(sheet, row, column, code) of every error, the shape tests compare."""
        return [(p.sheet, p.row, p.column, p.code) for p in self.errors]

    def to_dict(self, lang: str = "id") -> dict:
        """A JSON-ready dict: {"ok": ..., "status": ..., "errors": [...], ...}."""
        return {
            "ok": self.ok,
            "file": self.file,
            "status": self.status,
            "sha256": self.sha256,
            "plan": self.plan,
            "agency": self.agency,
            "year": self.year,
            "quarter": self.quarter,
            "semester": self.semester,
            "sheet": self.sheet,
            "rows_loaded": self.rows_loaded,
            "submission_id": self.submission_id,
            "replaced_submission": self.replaced_submission,
            "errors": [p.to_dict(lang) for p in self.errors],
            "warnings": [p.to_dict(lang) for p in self.warnings],
            "mapping": self.mapping,
            "periods": self.periods,
        }
