"""Stable download URLs and a read-only JSON API over the export tables.

    /download/<table>.csv    /download/<table>.json    /download/radtrack.xlsx
    /download/datapackage.zip    /api    /api/<table>

Query parameters: plan, year, subgroup, agency, include_demo (1/0), labels (id/en, xlsx),
bom (1, csv). Errors answer {"ok": false, "error": ..., "errors": [...]} with a 4xx status.
"""

import json
import tempfile
from pathlib import Path

from flask import Flask, Response, request

from dashboard import store
from dashboard.auth import PUBLIC, current_actor, public_view, visible_codes
from indicators import audit, export
from indicators.audit import audit_table
from indicators.queries import get_plan
from indicators.responsibility import matrix_table
from loaders.template import zip_all
from reports import annual
from reports.evaluasi import EvaluasiError, write_form

MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
REPORTS = {"laporan_tahunan", "laporan_lima_tahunan"}
TRUE = {"1", "true", "yes", "ya"}


class BadRequest(ValueError):
    """A query parameter the API cannot use."""

    def __init__(self, param: str, message: str):
        super().__init__(message)
        self.param = param


def _json(body: dict, status: int = 200) -> Response:
    """JSON in the order written (Flask's jsonify would sort the keys)."""
    return Response(json.dumps(body, ensure_ascii=False), status, mimetype=MEDIA["json"])


def _error(message: str, status: int, errors: list | None = None) -> Response:
    return _json({"ok": False, "error": message, "errors": errors or []}, status)


def _int(name: str) -> int | None:
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 6:
        raise BadRequest(name, f"{name} must be a whole number, got '{raw[:20]}'")
    return int(raw)


def _quarter() -> int | None:
    quarter = _int("tw")
    if quarter is not None and not 1 <= quarter <= 4:
        raise BadRequest("tw", "tw must be 1-4")
    return quarter


def _filters() -> export.Filters:
    return export.Filters(
        plan=request.args.get("plan") or None,
        year=_int("year"),
        subgroup=_int("subgroup"),
        agency=request.args.get("agency") or None,
        include_demo=request.args.get("include_demo", "").lower() in TRUE,
        quarter=_quarter(),
        allowed=None if (codes := visible_codes()) is None else frozenset(codes),
        public=public_view(),
    )


def _plan(session, filters: export.Filters):
    """The plan a document is asked for, if the reader may read it (else as if unknown)."""
    plan = get_plan(session, filters.plan)
    if plan is None or (filters.allowed is not None and plan.code not in filters.allowed):
        raise LookupError(f"unknown plan '{filters.plan}'")
    return plan


def _file(data: bytes, name: str, kind: str) -> Response:
    return Response(
        data,
        mimetype=MEDIA[kind],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


ADMIN_FILES = {("templates", "zip"), ("responsibility", "csv")}


def _admin_file(name: str, filters: export.Filters) -> Response:
    """Every member's template for a period (year, tw) as one zip, audited; or the plan's
    responsibility matrix as CSV (what `radtrack responsibility import` reads back)."""
    with store.session() as s:
        plan = _plan(s, filters)
        if name == "responsibility":
            table = matrix_table(s, plan).drop(columns=["demo"])
            return _file(export.to_csv(table), f"{plan.code}_tanggung_jawab.csv", "csv")
        year, quarter = filters.year, _int("tw")
        if year is None or not plan.start_year <= year <= plan.end_year:
            raise BadRequest("year", f"year must lie in {plan.start_year}-{plan.end_year}")
        if quarter is not None and not 1 <= quarter <= 4:
            raise BadRequest("tw", "tw must be 1-4")
        data = zip_all(s, plan, year, quarter)
        audit.record(
            s,
            current_actor().audit_name,
            "templates.downloaded",
            plan.code,
            plan.id,
            period=f"{year}" + (f" TW {quarter}" if quarter else ""),
        )
        s.commit()
    period = f"{year}" + (f"_TW{quarter}" if quarter else "")
    return _file(data, f"templat_{plan.code}_{period}.zip", "zip")


def _evaluasi(filters: export.Filters) -> Response:
    """The Permendagri 86/2017 form of a year (tw: up to that triwulan; agency: its own)."""
    with store.session() as s:
        plan = _plan(s, filters)
        year, quarter = filters.year, _int("tw")
        if year is None or not plan.start_year <= year <= plan.end_year:
            raise BadRequest("year", f"year must lie in {plan.start_year}-{plan.end_year}")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "evaluasi.xlsx"
            try:
                write_form(s, plan, year, path, filters.agency, quarter, filters.include_demo)
            except EvaluasiError as exc:
                raise BadRequest("agency", str(exc)) from None
            data = path.read_bytes()
    who = f"_{filters.agency.upper()}" if filters.agency else ""
    return _file(data, f"evaluasi_{plan.code}_{year}{who}.xlsx", "xlsx")


def _report(name: str, fmt: str, filters: export.Filters) -> Response:
    """The annual report of `year` or the five-year report, as DOCX or PDF."""
    year = filters.year if name == "laporan_tahunan" else None
    lang = "en" if request.args.get("lang") == "en" else "id"
    with store.session() as s:
        plan = _plan(s, filters)
        if name == "laporan_tahunan" and year is None:
            raise BadRequest("year", "the annual report needs a year")
        try:
            content = annual.build(s, plan, year, filters.include_demo, lang)
        except annual.ReportError as exc:
            raise BadRequest("year", str(exc)) from None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"laporan.{fmt}"
        try:
            (annual.to_docx if fmt == "docx" else annual.to_pdf)(content, path)
        except annual.ReportError as exc:
            return _error(str(exc), 503)
        data = path.read_bytes()
    stem = f"{name}_{plan.code}" + (f"_{year}" if year else "") + ("_DEMO" if content.demo else "")
    return _file(data, f"{stem}.{fmt}", fmt)


def _guarded(view):
    def wrapper(*args, **kwargs):
        try:
            response = view(*args, **kwargs)
        except BadRequest as exc:
            response = _error(str(exc), 400, [{"param": exc.param, "message": str(exc)}])
        except LookupError as exc:
            response = _error(str(exc), 404)
        if current_actor().role != PUBLIC and isinstance(response, Response):
            # what a signed-in reader downloads (unpublished figures, documents) stays out of
            # shared caches and off the disk of a shared computer's browser
            response.headers["Cache-Control"] = "private, no-store"
        return response

    wrapper.__name__ = view.__name__
    return wrapper


def register(server: Flask) -> None:
    """Add the download and API routes to the dashboard's Flask server."""

    @server.get("/download/<name>.<fmt>")
    @_guarded
    def download(name: str, fmt: str):
        filters = _filters()
        if name == "audit" and fmt == "csv":  # the audit log: admins only
            if not current_actor().is_admin:
                return _json({"ok": False, "error": "admins only"}, 403)
            with store.session() as s:
                frame = audit_table(s)
            return _file(export.to_csv(frame), "audit.csv", "csv")
        if name in REPORTS and fmt in ("docx", "pdf"):  # internal documents: signed in
            if public_view():
                return _json({"ok": False, "error": "sign in to download this report"}, 403)
            return _report(name, fmt, filters)
        if (name, fmt) == ("evaluasi", "xlsx"):  # an internal planning form: signed in
            if public_view():
                return _json({"ok": False, "error": "sign in to download this form"}, 403)
            return _evaluasi(filters)
        if (name, fmt) in ADMIN_FILES:  # the secretariat's working files: admins only
            if not current_actor().is_admin:
                return _json({"ok": False, "error": "admins only"}, 403)
            return _admin_file(name, filters)
        with store.session() as s:
            if name == "radtrack" and fmt == "xlsx":
                frames = {t: export.table(s, t, filters) for t in export.TABLES}
                lang = "en" if request.args.get("labels") == "en" else "id"
                return _file(export.to_xlsx(frames, lang), "radtrack.xlsx", "xlsx")
            if name == "datapackage" and fmt == "zip":
                with tempfile.TemporaryDirectory() as folder:
                    export.write_datapackage(s, Path(folder), filters)
                    data = export.zip_directory(Path(folder))
                return _file(data, "radtrack-datapackage.zip", "zip")
            if fmt not in ("csv", "json"):
                raise LookupError(f"unknown format '{fmt}': csv, json, radtrack.xlsx")
            frame = export.table(s, name, filters)
        if fmt == "csv":
            bom = request.args.get("bom", "").lower() in TRUE
            return _file(export.to_csv(frame, bom=bom), f"{name}.csv", "csv")
        return _file(export.to_json(name, frame, filters), f"{name}.json", "json")

    @server.get("/api")
    def api_index():
        return _json(
            {
                "ok": True,
                "tables": {
                    name: {
                        "url": f"/api/{name}",
                        "csv": f"/download/{name}.csv",
                        "columns": [c.name for c in cols],
                    }
                    for name, cols in export.TABLES.items()
                },
                "parameters": ["plan", "year", "subgroup", "agency", "include_demo"],
            }
        )

    @server.get("/api/<name>")
    @_guarded
    def api_table(name: str):
        filters = _filters()
        with store.session() as s:
            frame = export.table(s, name, filters)
        return Response(export.to_json(name, frame, filters), mimetype=MEDIA["json"])
