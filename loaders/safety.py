"""Checks on a file's bytes before any parser sees them: size, format, encryption, zip bombs,
XML entity tricks and formulas without values. Each refusal is a Problem, never an exception.

Limits are generous for agency reports (tens to a few thousand rows) and small enough that a
hostile file is refused in bounded time and memory.
"""

import io
import re
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from xml.etree import ElementTree

from loaders.report import Problem, Shown, shown

MAX_FILE_BYTES = 20 * 1024 * 1024  # what may be uploaded
MAX_UNZIPPED_BYTES = 60 * 1024 * 1024  # all parts of an .xlsx together, uncompressed
MAX_RATIO = 200  # uncompressed / compressed for the whole archive
MAX_ZIP_MEMBERS = 2_000
MAX_ROWS = 20_000  # rows on one sheet
# The reader builds a sheet as a full grid (rows x columns) before anything can look at it: a
# sheet holding only A1 and XFD20000 is 327 million cells. Both sides are bounded from the
# sheet's own XML first.
MAX_COLUMNS = 500
MAX_CELLS = 2_000_000
# Where the reader puts a worksheet's cells (python-calamine 0.9.1: quick-xml, elements matched
# by local name, its own attribute parser, the last `r` of a cell winning): a cell at its `r`;
# without one after the cell before in its row; a row's number from its `r`, else one more than
# the last (the count moves at every row end tag). Quick searches prove that every row and cell
# tag of a part has the plain form spreadsheet programs write: the reference first, then only
# well-formed attributes in double quotes (a cell's only those its schema gives it: s, t, cm,
# vm, ph) — below row 10,000 and within column Z (the FAST form: FAST_BOUND), or anywhere (the
# extent is the largest reference). Any other part is read token by token (`placed`) and
# refused where it is not plain XML.
ROW_ATTRIBUTES = rb'(?: (?!r=)[^\s="<>/]++="[^"<]*+")*+/?>'
CELL_ATTRIBUTES = rb'(?: (?:s|t|cm|vm|ph)="[^"<]*+")*+/?>'
FAST_ROW_NOT = re.compile(rb'<row(?! r="\d{1,4}"' + ROW_ATTRIBUTES + rb")[\s/>]")
FAST_CELL_NOT = re.compile(rb'<c(?! r="[A-Z]\d{1,4}"' + CELL_ATTRIBUTES + rb")[\s/>]")
PLAIN_ROW_NOT = re.compile(rb'<row(?! r="\d+"' + ROW_ATTRIBUTES + rb")[\s/>]")
PLAIN_CELL_NOT = re.compile(rb'<c(?! r="[A-Z]{1,3}\d+"' + CELL_ATTRIBUTES + rb")[\s/>]")
# a row or cell tag (start or end) with any prefix at all, `<x:c`, `<:c`, `</1:row`: the reader
# takes everything after the colon as the name
PREFIXED = re.compile(rb":(?:row|c)[\s/>]")
FAST_BOUND = (9_999, 26)  # what a part of the FAST form reaches at most
REF = re.compile(rb' r="([A-Z]{0,3})(\d+)"')
CELL_REFERENCE = re.compile(rb"([A-Za-z]{1,3})(\d+)")
# One token of a worksheet read as plain XML: text, a comment, CDATA, a processing instruction,
# or a tag whose attributes are name="value" (or 'value') pairs.
TOKEN = re.compile(
    rb"""[^<]+|<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>"""
    rb"""|<(/?)([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)"""
    rb"""((?:\s+[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(/?)>""",
    re.S,
)
ATTRIBUTE = re.compile(rb"""([A-Za-z_][\w.\-:]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')""")
MAX_TOKENS = 4_000_000  # a part of more tokens than a sheet at the limits holds: refused
FORMULA = re.compile(rb"<f[ >]")  # a worksheet's formula element (one regex: half of two `in`)
PREFIXED_FORMULA = re.compile(rb":f[\s/>]")  # `<x:f>`, as the Open XML SDK writes it
HIDES = re.compile(rb"""hidden\s*=\s*["']\s*(?:1|true)""")  # a row or column Excel hides


# Shared strings: each item's length (an upper bound on its text) and the cells that refer to
# one (see shared_text): what the reader copies is bounded by MAX_TEXT_BYTES.
SHARED_ITEM = re.compile(rb"<(?:\w+:)?si[\s>/]")
STRING_CELL = re.compile(rb"""=\s*["']\s*s\s*["']""")  # t="s", however spaced: at least
PLAIN_STRING_CELL = re.compile(rb'<c [^>]*?t="s"[^>]*><v>(\d+)</v>')
MAX_TEXT_BYTES = 256 * 1024 * 1024
MAX_SHARED_ITEM = 32_767 * 6  # Excel's longest cell text, each character escaped at its longest


def safe_file_name(name: str) -> str:
    """A file name as it can be stored and shown: no lone surrogates (a name that is not valid
    Unicode, from a browser or a file system), no NUL or control characters, at most 200
    characters."""
    text = name.encode("utf-8", "replace").decode("utf-8")
    # control characters (C0 and C1: a terminal's escapes), format characters (a right-to-left
    # override shows "POLRES\u202ecsv.exe" as "POLRESexe.vsc"; zero-width spaces) and line
    # separators: each made "_"
    text = "".join(
        "_" if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text
    ).strip()
    return text[:200] or "berkas"


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


class Unmeasurable(ValueError):
    """A worksheet part that is not plain XML, or places a row or cell by a reference the reader
    cannot read: what the reader would make of it is not certain, so it is not read at all."""


def sheet_extent(body: bytes) -> tuple[int, int]:
    """(rows, columns) a worksheet part reaches at most, as the reader would place its rows and
    cells: exactly when the part reaches beyond row 9,999 or column Z or is not of the plain
    form, else FAST_BOUND. Raises Unmeasurable (see there)."""
    if not PREFIXED.search(body):
        if not (FAST_ROW_NOT.search(body) or FAST_CELL_NOT.search(body)):
            return FAST_BOUND
        if not (PLAIN_ROW_NOT.search(body) or PLAIN_CELL_NOT.search(body)):
            refs = REF.findall(body)
            letters = {letters for letters, _row in refs}
            return max((int(row) for _letters, row in refs), default=0), max(
                map(_column_number, letters), default=0
            )
    rows = columns = 0
    for row, column, _attributes in placed(body):
        rows, columns = max(rows, row), max(columns, column)
        if rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
            break  # past a limit: refused, however much more the part holds
    return rows, columns


def placed(body: bytes):
    """Each row and cell of a worksheet part where the reader puts it, in order: (row, column,
    attributes), 1-based, column 0 for a row itself; attributes as a dict of the tag's own
    (names as written). Raises Unmeasurable for anything but plain XML (every tag closed by its
    own name, attributes name="value" once each) or a reference that is not a cell's."""
    start = root_start(body) or 0
    row = column = 0  # the reader's count: the row a cell without `r` goes to, and the column
    depth: list[tuple[bytes, bytes]] = []  # the open elements: (name as written, local name)
    at, end, tokens = start, len(body), 0
    while at < end:
        token = TOKEN.match(body, at)
        tokens += 1
        if token is None or tokens > MAX_TOKENS:
            raise Unmeasurable(f"XML at byte {at}")
        at = token.end()
        closing, prefix, name, raw, empty = token.groups()
        if name is None:
            continue  # text, a comment, CDATA, an instruction
        qualified = (prefix or b"") + name
        if closing:
            if not depth or depth.pop()[0] != qualified or raw or empty:
                raise Unmeasurable(f"</{qualified.decode('latin-1')[:40]}>")
            if name == b"row":
                row += 1
            continue
        if name in (b"row", b"c") and any(
            local == b"c" or (name == b"row" and local == b"row") for _written, local in depth
        ):
            # inside a cell the reader reads no tags (a value, formula or string is skipped
            # whole), and no spreadsheet program writes a row in a row
            raise Unmeasurable(f"<{qualified.decode('latin-1')[:40]}> inside a cell or row")
        attributes: dict[bytes, bytes] = {}
        for key, double, single in ATTRIBUTE.findall(raw):
            if key in attributes:
                raise Unmeasurable(f"{key.decode('latin-1')[:40]} twice")
            attributes[key] = double or single
        if name == b"row":
            ref = attributes.get(b"r")
            if ref is not None:
                if not ref.strip().isdigit():
                    raise Unmeasurable(f"row r={ref.decode('latin-1')[:40]}")
                row = int(ref) - 1
            column = 0
            yield row + 1, 0, attributes
        elif name == b"c":
            ref = attributes.get(b"r")
            if ref is None:
                yield row + 1, column + 1, attributes
                column += 1
            elif (parts := CELL_REFERENCE.fullmatch(ref.strip())) is not None:
                column = _column_number(parts.group(1).upper())
                yield int(parts.group(2)), column, attributes
            else:
                raise Unmeasurable(f"c r={ref.decode('latin-1')[:40]}")
        if empty:
            if name == b"row":
                row += 1
        else:
            depth.append((qualified, name))
    if depth:
        raise Unmeasurable(f"<{depth[-1][0].decode('latin-1')[:40]}> not closed")


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
DTD_PATTERN = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


@dataclass
class Sniffed:
    """What the bytes are: 'zip' (xlsx, xlsm, ods), 'ole' (xls), 'text' (csv) or 'unknown';
    for an .xlsx, also which worksheet parts hold formulas (found in the same pass)."""

    kind: str
    problems: list[Problem]
    formula_parts: set[str] = field(default_factory=set)
    hidden_parts: set[str] = field(default_factory=set)  # worksheets that hide rows or columns
    small_parts: dict[str, bytes] = field(default_factory=dict)  # see SMALL_PARTS


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # Excel's "Unicode Text": UTF-16, tab-separated


def _looks_like_text(data: bytes) -> bool:
    sample = data[:4096]
    if sample.startswith(UTF16_BOMS):
        try:
            sample[: len(sample) // 2 * 2].decode("utf-16")
            return True
        except UnicodeDecodeError:
            return False
    if b"\x00" in sample:
        return False
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            sample.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


# Parts loaders.excel_view reads (styles, the sheet list, when the file was saved), kept from
# this pass so that reading a workbook as Excel shows it needs no second look into the archive.
SMALL_PARTS = (
    "xl/styles.xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "docProps/core.xml",
)


def _is_worksheet(name: str) -> bool:
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


ODS_CONTENT = "content.xml"  # an OpenDocument spreadsheet's sheets, all in one part
# a row or column LibreOffice hides (collapsed in a group, or filtered out)
ODS_HIDES = re.compile(rb"""visibility\s*=\s*["']\s*(?:collapse|filter)""")


def _local(name: str) -> str:
    """An element's or attribute's local name: '{urn:...table:1.0}table-row' -> 'table-row'.
    Matched whatever the namespace: a prefix the reader does not read is overcounted, never
    missed."""
    return name.rpartition("}")[2]


def _repeat(element, name: str) -> int:
    """A number-rows/columns-repeated attribute, however written ("+16000", ' 1000 ')."""
    for key, value in element.attrib.items():
        if _local(key) == name:
            try:
                return max(1, int(value.strip()))
            except ValueError:
                raise Unmeasurable(f"{name}={value[:20]!r}") from None
    return 1


def ods_extent(content: bytes) -> tuple[int, int]:
    """(rows, columns) of the largest table of an OpenDocument content.xml, as a reader would
    spread them out: repeated rows and cells that hold something count as often as they repeat
    (an 850-byte file can ask for 16,000 columns x 1,000 rows); the empty repeats LibreOffice
    writes after the last cell do not. Read as XML, element by element (any spelling of an
    attribute, any order), in one pass; a part that is not XML raises Unmeasurable. Stops as
    soon as a table is past a limit."""
    worst_rows = worst_columns = 0
    rows = columns = row = width = used = 0
    row_repeat = 1
    depth = 0  # open table elements: a table inside a table is counted with its parent
    in_cell = 0  # open cells: their text is looked at when they end
    open_elements: list = []  # each element is dropped from its parent once read: the memory
    # used follows the nesting, not the length of the part
    parser = ElementTree.XMLPullParser(events=("start", "end"))
    try:
        for at in range(0, len(content), 1 << 16):
            parser.feed(content[at : at + (1 << 16)])
            for event, element in parser.read_events():
                name = _local(element.tag)
                if event == "end":
                    open_elements.pop()
                    if name in ("table-cell", "covered-table-cell"):
                        in_cell -= 1
                    if not in_cell and open_elements and len(open_elements[-1]):
                        del open_elements[-1][-1]  # this element, read below, then forgotten
                else:
                    open_elements.append(element)
                    if name in ("table-cell", "covered-table-cell"):
                        in_cell += 1
                if event == "start":
                    if name == "table":
                        if depth == 0:
                            rows = columns = row = 0
                        depth += 1
                    elif name == "table-row":
                        row_repeat, width, used = _repeat(element, "number-rows-repeated"), 0, 0
                    continue
                if name in ("table-cell", "covered-table-cell"):
                    width += _repeat(element, "number-columns-repeated")
                    holds = any(_local(k) == "value-type" for k in element.attrib) or any(
                        text.strip() for text in element.itertext()
                    )
                    if holds:
                        used = width
                    element.clear()
                elif name == "table-row":
                    row += row_repeat
                    if used:
                        rows, columns = row, max(columns, used)
                    element.clear()
                    if rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
                        return rows, columns  # past a limit: refused, whatever follows
                elif name == "table":
                    depth -= 1
                    if depth == 0:
                        worst_rows, worst_columns = (
                            max(worst_rows, rows),
                            max(worst_columns, columns),
                        )
                    element.clear()
        parser.close()
    except ElementTree.ParseError as exc:
        raise Unmeasurable(str(exc)) from None
    return max(worst_rows, rows), max(worst_columns, columns)


def too_many_rows(rows: int, file: str, sheet: str = "", more: bool = False) -> Problem:
    """A sheet longer than MAX_ROWS (`more`: at least `rows`, where reading stopped)."""
    found = shown("> {}" if more else "{}", rows)
    return Problem("too-many-rows", file, sheet, found=found, expected=shown("{}", MAX_ROWS))


def sheet_too_large(rows: int, columns: int, file: str, sheet: str = "") -> Problem:
    """A sheet wider than MAX_COLUMNS, or of more than MAX_CELLS cells."""
    english = shown("{} columns, {} cells", MAX_COLUMNS, MAX_CELLS).en
    expected = Shown(shown("{} kolom, {} sel", MAX_COLUMNS, MAX_CELLS), english)
    return Problem(
        "sheet-too-large", file, sheet, found=shown("{} × {}", rows, columns), expected=expected
    )


def _too_large(rows: int, columns: int, file: str) -> Sniffed | None:
    if rows > MAX_ROWS:
        return Sniffed("zip", [too_many_rows(rows, file)])
    if columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
        return Sniffed("zip", [sheet_too_large(rows, columns, file)])
    return None


# A zip member's local header (PKWARE APPNOTE 4.3.7): signature, version, flags, compression,
# time, date, CRC-32, compressed size, size, name length, extra field length.
LOCAL_HEADER = struct.Struct("<4s5H3L2H")
LOCAL_SIGNATURE = b"PK\x03\x04"


def _head(data: bytes, member: zipfile.ZipInfo) -> bytes | None:
    """A plainly stored or deflated member, read straight from the archive's bytes: an order of
    magnitude cheaper than opening the member with zipfile, which matters for the ten small parts
    of every agency workbook. Never more than the size the archive declares (checked against the
    limits already). None for anything else (encrypted, other compression, an odd header, more
    than declared): the caller uses zipfile, with its checks."""
    offset = member.header_offset
    header = data[offset : offset + LOCAL_HEADER.size]
    if len(header) < LOCAL_HEADER.size or member.flag_bits & 0x1:
        return None
    signature, *_rest, name_length, extra_length = LOCAL_HEADER.unpack(header)
    if signature != LOCAL_SIGNATURE:
        return None
    start = offset + LOCAL_HEADER.size + name_length + extra_length
    raw = memoryview(data)[start : start + member.compress_size]
    if member.compress_type == zipfile.ZIP_STORED:
        return bytes(raw[: member.file_size])
    if member.compress_type == zipfile.ZIP_DEFLATED:
        stream = zlib.decompressobj(-zlib.MAX_WBITS)
        body = stream.decompress(raw, member.file_size)
        if not stream.eof:
            return None  # more than the archive declares: zipfile's reader (and its CRC) decides
        return body
    return None


END_RECORD = struct.Struct("<4s4H2LH")  # signature, disks, entries, directory size and offset
ZIP64_LOCATOR = struct.Struct("<4sLQL")  # signature, disk, end record's offset, disks
ZIP64_END = struct.Struct("<4sQ2H2L4Q")  # ..., entries on disk, entries, size, offset


def _zip_layout_problem(data: bytes, members: list[zipfile.ZipInfo]) -> str | None:
    """Why the archive is not laid out plainly (None when it is): its parts one after another
    from the first byte, then its one directory, then its end record as the last bytes, with no
    comment. Python's zipfile and the reader's zip library look for the directory differently
    (an end record with a comment running past the end, a second directory, a ZIP64 locator):
    only where there is one place to look do they read the same parts."""
    end = len(data) - END_RECORD.size
    if end < 0:
        return "no end record"
    signature, disk, start_disk, on_disk, entries, size, offset, comment = END_RECORD.unpack_from(
        data, end
    )
    if signature != b"PK\x05\x06" or comment or disk or start_disk:
        return "the end record is not the archive's last bytes"
    directory_end = end
    if data[end - ZIP64_LOCATOR.size : end - ZIP64_LOCATOR.size + 4] == b"PK\x06\x07":
        # ZIP64: its end record must say what the plain one says, right before the locator
        zip64_at = end - ZIP64_LOCATOR.size - ZIP64_END.size
        if zip64_at < 0:
            return "ZIP64 records cut short"
        _sig, at64 = ZIP64_LOCATOR.unpack_from(data, end - ZIP64_LOCATOR.size)[:2]
        found = ZIP64_END.unpack_from(data, zip64_at)
        says = (on_disk, entries, size, offset)
        if at64 != zip64_at or found[0] != b"PK\x06\x06" or found[-4:] != says:
            return "ZIP64 records that disagree with the end record"
        directory_end = zip64_at
    if on_disk != entries or entries != len(members) or offset + size != directory_end:
        return "a directory that is not the one just before the end record"
    at = 0
    for member in sorted(members, key=lambda m: m.header_offset):
        header = data[at : at + LOCAL_HEADER.size]
        if member.header_offset != at or len(header) < LOCAL_HEADER.size:
            return f"{member.filename}: not where the part before it ends"
        local_signature, *_rest, name_length, extra_length = LOCAL_HEADER.unpack(header)
        name = data[at + LOCAL_HEADER.size : at + LOCAL_HEADER.size + name_length]
        if local_signature != LOCAL_SIGNATURE or name != member.orig_filename.encode(
            "utf-8" if member.flag_bits & 0x800 else "cp437", "replace"
        ):
            return f"{member.filename}: its header names another part"
        at += LOCAL_HEADER.size + name_length + extra_length + member.compress_size
        if member.flag_bits & 0x08:  # sizes after the data (a data descriptor)
            at += 16 if data[at : at + 4] == b"PK\x07\x08" else 12
    if at != offset:
        return "bytes between the last part and the directory"
    return None


def root_start(body: bytes) -> int | None:
    """Where the root element of an XML part starts: after the declaration, comments,
    processing instructions and any DTD of the prolog. None when `body` ends first (a prolog
    padded past what was read: the caller reads on)."""
    at = 0
    while True:
        at = body.find(b"<", at)
        if at < 0:
            return None
        if body.startswith(b"<!--", at):
            end = body.find(b"-->", at + 4)
            if end < 0:
                return None
            at = end + 3
        elif body.startswith(b"<?", at):
            end = body.find(b"?>", at + 2)
            if end < 0:
                return None
            at = end + 2
        elif body.startswith(b"<!", at):
            return at  # a DTD: the caller finds it before the "root"
        else:
            return at


def _has_dtd(body: bytes) -> bool:
    """Whether the prolog of `body` (all of it up to the root element) declares a DTD."""
    root = root_start(body)
    return DTD_PATTERN.search(body, 0, len(body) if root is None else root + 9) is not None


def _check_zip(data: bytes, file: str) -> Sniffed:
    """Bounds, then every part: DTDs refused, worksheets measured (sheet_extent) and noted when
    they hold formulas or hide rows."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return Sniffed("zip", [Problem("unreadable-file", file, detail=f"zip: {exc}")])
    layout = _zip_layout_problem(data, members)
    if layout is not None:
        return Sniffed("zip", [Problem("unreadable-file", file, detail=f"zip: {layout}")])
    if len(members) > MAX_ZIP_MEMBERS:
        return Sniffed("zip", [Problem("zip-bomb", file, found=f"{len(members)} parts")])
    unzipped = sum(m.file_size for m in members)
    compressed = max(1, sum(m.compress_size for m in members))
    if unzipped > MAX_UNZIPPED_BYTES or unzipped / compressed > MAX_RATIO:
        bomb = Problem(
            "zip-bomb",
            file,
            found=shown("{} MB", unzipped / 1e6, spec=",.0f"),
            expected=shown("{} MB", MAX_UNZIPPED_BYTES / 1e6, spec=",.0f"),
        )
        return Sniffed("zip", [bomb])
    if any(m.filename.replace("\\", "/").lower() == "xl/workbook.bin" for m in members):
        # Excel's binary workbook (.xlsb): its sheets are not measured here, so not read at all
        # (the reader finds parts by their name in lower case, `\\` read as `/`)
        detail = "Excel Binary Workbook (.xlsb); simpan sebagai .xlsx / save it as .xlsx"
        return Sniffed("zip", [Problem("unreadable-file", file, detail=detail)])
    formula_parts, hidden_parts, small_parts = set(), set(), {}
    items: list[int] = []  # each shared string's length, in bytes (an upper bound on its text)
    sheets: list[bytes] = []  # the worksheet parts, read again below only if there are items
    for member in members:
        name = member.filename
        # Every part is read whole (the sizes are bounded by now): the reader finds a worksheet
        # under whatever name the workbook's relationships give it (`foo.dat`, `xl\\s.xml`), so a
        # part is measured as a worksheet by what it holds, not by its name.
        try:
            body = _head(data, member)
            if body is None:  # anything unusual: zipfile's own reader, with its checks
                with archive.open(member) as part:
                    body = part.read()
        except (
            zipfile.BadZipFile,
            OSError,
            EOFError,
            ValueError,
            zlib.error,
            NotImplementedError,  # a compression zipfile does not read: nor is it measured
            RuntimeError,  # a member marked encrypted
        ) as exc:
            return Sniffed("zip", [Problem("unreadable-file", file, detail=f"{name}: {exc}")])
        worksheet = _is_worksheet(name) or b"sheetData" in body
        if (worksheet or name.endswith((".xml", ".rels", ".vml"))) and _has_dtd(body):
            return Sniffed("zip", [Problem("xml-entities", file, found=name)])
        if worksheet or name == ODS_CONTENT:
            try:
                extent = ods_extent(body) if name == ODS_CONTENT else sheet_extent(body)
            except Unmeasurable as exc:
                detail = f"{name}: {exc}"
                return Sniffed("zip", [Problem("unreadable-file", file, detail=detail)])
            refused = _too_large(*extent, file)
            if refused is not None:
                return refused
        if worksheet and (FORMULA.search(body) or PREFIXED_FORMULA.search(body)):
            formula_parts.add(name)
        if (worksheet and HIDES.search(body)) or (name == ODS_CONTENT and ODS_HIDES.search(body)):
            hidden_parts.add(name)
        if name in SMALL_PARTS:
            small_parts[name] = body
        if worksheet:
            sheets.append(body)
        elif b"si" in body and SHARED_ITEM.search(body):
            # shared strings, whatever the part's name or root: the reader reads its items
            items += [len(item) for item in SHARED_ITEM.split(body)[1:]]
    text = shared_text(items, sheets) if items else 0
    if text > MAX_TEXT_BYTES:
        # one 1 MB string in a 650 KB workbook, referenced by 2,000 cells, became 4 GB of
        # copies in the reader
        found = shown("{} MB", text / 1e6, spec=",.0f")
        limit = shown("{} MB", MAX_TEXT_BYTES / 1e6, spec=",.0f")
        return Sniffed("zip", [Problem("zip-bomb", file, found=found, expected=limit)])
    return Sniffed("zip", [], formula_parts, hidden_parts, small_parts)


def shared_text(items: list[int], sheets: list[bytes]) -> int:
    """At most how many bytes of text the reader builds from shared strings: each cell that
    refers to one gets a copy. Cheap first (every cell given the longest item); where that
    passes the limit, each plainly written string cell's own item is added up, and a sheet
    referring to strings in any other way counts every cell at the longest (MAX_TEXT_BYTES + 1
    when that is too much, whatever the rest)."""
    longest = max(items)
    if longest > MAX_SHARED_ITEM:  # Excel holds 32,767 characters in a cell at most
        return MAX_TEXT_BYTES + 1
    cells = sum(body.count(b"<c") + body.count(b":c") for body in sheets)  # every cell, at least
    if cells * longest <= MAX_TEXT_BYTES:
        return cells * longest
    total = 0
    for body in sheets:
        plain = PLAIN_STRING_CELL.findall(body)
        if len(plain) < len(STRING_CELL.findall(body)):
            return MAX_TEXT_BYTES + 1  # string cells written otherwise: not measured, refused
        total += sum(items[int(index)] if int(index) < len(items) else 0 for index in plain)
    return total


# BIFF5/8 records that place a cell (a 2-byte type and a 2-byte length, then the row and the
# column as the record's first two 16-bit values): NUMBER, RK, LABELSST, LABEL, BOOLERR, FORMULA,
# RSTRING; MULRK places a run of columns up to the last 16-bit value of its record. The reader
# places no BLANK or MULBLANK (formatting only).
BIFF_CELLS = frozenset((0x0203, 0x027E, 0x00FD, 0x0204, 0x0205, 0x0006, 0x00D6))
BIFF_MULRK = 0x00BD
BIFF_BOF, BIFF_FILEPASS = 0x0809, 0x002F
TWO_WORDS = struct.Struct("<HH")  # a record's type and length; a cell's row and column


def xls_extent(stream: bytes) -> tuple[int, int] | None:
    """(rows, columns) of the largest sheet of an .xls workbook stream, as the reader places its
    cells (it builds each sheet as a full grid: one cell at IV65536 in a 5 KB file is a 1 GB
    grid); None when the stream is encrypted (FILEPASS)."""
    worst_rows = worst_columns = rows = columns = 0
    at, end = 0, len(stream)
    while at + 4 <= end:
        kind, size = TWO_WORDS.unpack_from(stream, at)
        body = at + 4
        at = body + size
        if kind in BIFF_CELLS and size >= 4:
            row, column = TWO_WORDS.unpack_from(stream, body)
            rows, columns = max(rows, row + 1), max(columns, column + 1)
        elif kind == BIFF_MULRK and size >= 6 and at <= end:
            row, _first = TWO_WORDS.unpack_from(stream, body)
            (last,) = struct.unpack_from("<H", stream, at - 2)
            rows, columns = max(rows, row + 1), max(columns, last + 1)
        elif kind == BIFF_BOF:  # a sheet (or the workbook globals) begins
            worst_rows, worst_columns = max(worst_rows, rows), max(worst_columns, columns)
            rows = columns = 0
        elif kind == BIFF_FILEPASS:
            return None
    return max(worst_rows, rows), max(worst_columns, columns)


def _check_ole(data: bytes, file: str) -> Sniffed:
    """An .xls: its cells' reach measured from the workbook stream's records before the reader
    builds any grid."""
    import olefile  # as msoffcrypto-tool (the encryption check's library) reads OLE files

    try:
        with olefile.OleFileIO(data) as ole:
            name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
            if name is None:
                return Sniffed("ole", [])  # not a workbook: the reader says what it is
            # The reader takes the first entry of the container's directory named Workbook or
            # Book anywhere (any storage, even one no storage lists), olefile the root's own:
            # only a container with one such entry, and the standard small-stream cutoff, is
            # read the same by both.
            ole.directory_fp.seek(0)
            directory = ole.directory_fp.read()
            books = sum(
                directory[at : at + 64].decode("utf-16-le", "replace").split("\0")[0].lower()
                in ("workbook", "book")
                for at in range(0, len(directory) - 127, 128)
            )
            if books != 1 or ole.mini_stream_cutoff_size != 4096:
                detail = "OLE: not exactly one Workbook stream"
                return Sniffed("ole", [Problem("unreadable-file", file, detail=detail)])
            stream = ole.openstream(name).read(MAX_FILE_BYTES)
    except Exception as exc:  # olefile raises several types for broken containers
        detail = f"OLE: {str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__}"
        return Sniffed("ole", [Problem("unreadable-file", file, detail=detail)])
    extent = xls_extent(stream)
    if extent is None:
        return Sniffed("ole", [Problem("password-protected", file)])
    refused = _too_large(*extent, file)
    if refused is not None:
        return Sniffed("ole", refused.problems)
    return Sniffed("ole", [])


def sniff(data: bytes, file: str) -> Sniffed:
    """Refuse what must not be parsed; say what the rest is."""
    if not data:
        return Sniffed("unknown", [Problem("empty-file", file)])
    if len(data) > MAX_FILE_BYTES:
        found = shown("{} MB", len(data) / 1e6, spec=",.1f")
        limit = shown("{} MB", MAX_FILE_BYTES / 1e6, spec=",.0f")
        return Sniffed("unknown", [Problem("file-too-large", file, found=found, expected=limit)])
    if data.startswith(OLE_MAGIC):
        if ENCRYPTION_STREAM in data:
            return Sniffed("ole", [Problem("password-protected", file)])
        return _check_ole(data, file)
    if data.startswith(ZIP_MAGIC):
        return _check_zip(data, file)
    if data[:5] == b"%PDF-":
        return Sniffed("unknown", [Problem("unreadable-file", file, detail="PDF, not a workbook")])
    if _looks_like_text(data):
        return Sniffed("text", [])
    return Sniffed("unknown", [Problem("unreadable-file", file, detail="unknown file format")])


def formulas_without_values(data: bytes, sheet: str) -> list[str]:
    """Cells of `sheet` holding a formula whose result was never calculated (no cached value).

    Such a cell reads as empty and would pass for "not reported"; the user must open and save
    the file in a spreadsheet program, or type the value.
    """
    import openpyxl  # defusedxml-backed when defusedxml is installed, as radtrack installs it

    formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    missing = []
    try:
        if sheet not in formulas.sheetnames:
            return []
        for f_row, v_row in zip(
            formulas[sheet].iter_rows(), values[sheet].iter_rows(), strict=False
        ):
            for f_cell, v_cell in zip(f_row, v_row, strict=False):
                is_formula = isinstance(f_cell.value, str) and f_cell.value.startswith("=")
                if is_formula and v_cell.value is None:
                    missing.append(f_cell.coordinate)
    finally:
        formulas.close()
        values.close()
    return missing
