"""The `radtrack` command: one entry point for init, demo, catalogue, template, ingest, export and
serve. Errors print as `Error: ...` and exit 1; nothing prints a traceback at a user."""

import json
import os
import sys
from pathlib import Path

import click
import yaml
from pydantic import ValidationError
from sqlalchemy.exc import OperationalError
from sqlmodel import select

from indicators import audit, export, schema
from indicators.accounts import AccountError, add_user, list_users, remove_user, set_password
from indicators.audit import audit_table
from indicators.backup import BackupError, default_path
from indicators.backup import backup as backup_store
from indicators.backup import restore as restore_store
from indicators.catalogue import (
    BUNDLED_PLANS,
    catalogue_tree,
    load_bundled,
    load_plan,
    read_catalogue,
)
from indicators.db import ROOT, database_url, drop_schema, get_engine, session
from indicators.models import Agency, Kind, Plan, Region
from indicators.queries import get_plan
from indicators.revision import plan_revision
from indicators.summary import refresh_stale
from loaders.counting import period_label
from loaders.demo import DemoRemoved, load_demo, remove_demo
from loaders.ingest import DEFAULT_JOBS, Batch, Overrides
from loaders.rad_table import read_rad_table
from loaders.report import Problem
from loaders.review import ReviewError
from loaders.review import withdraw as withdraw_report
from loaders.template import write_all, write_template

LANG = click.option(
    "--lang",
    type=click.Choice(["id", "en"]),
    default=lambda: os.environ.get("RADTRACK_LANG", "id"),
    show_default="id",
    help="Language of messages.",
)


def _engine():
    """The store, made at the newest schema revision when empty; a store that is behind or
    ahead of this code is refused with what to do (`radtrack init` upgrades)."""
    engine = get_engine(database_url())
    try:
        schema.ensure(engine)
    except schema.SchemaError as exc:
        raise click.ClickException(str(exc)) from None
    return engine


def _backup_first(engine, label: str) -> None:
    try:
        path = backup_store(engine, default_path(engine, label))
    except BackupError as exc:
        raise click.ClickException(f"no backup, nothing changed: {exc}") from None
    click.echo(f"Cadangan dibuat: {path}")


def _upgrade(engine, no_backup: bool, reset: bool = False) -> bool:
    """Back up a store that has data, then (after a reset, when asked) bring it to the newest
    schema revision in one transaction; say what happened."""
    found = schema.state(engine)
    if found.kind == "ahead":
        raise click.ClickException(schema.behind_message(found))
    changing = reset or found.kind in ("legacy", "behind")
    backed_up = changing and not no_backup and schema.has_data(engine)
    if backed_up:
        _backup_first(
            engine, "before-reset" if reset else f"before-{found.revision or 'migrations'}"
        )
    if reset:
        drop_schema(engine)
    try:
        done = schema.upgrade(engine)
    except schema.SchemaError as exc:
        raise click.ClickException(str(exc)) from None
    if done.adopted:
        click.echo("Penyimpanan dari radtrack sebelum migrasi dikenali (revisi 0001).")
    if done.changed:
        was = done.before or ("0001" if done.adopted else "kosong")
        click.echo(f"Skema: {was} -> {done.after}.")
    return backed_up


class _Main(click.Group):
    """The command group: a store that cannot be reached is an `Error:` line, not a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except OperationalError as exc:
            reason = str(exc.orig or exc).strip().splitlines()[0]
            raise click.ClickException(f"the store cannot be reached: {reason}") from None


@click.group(cls=_Main)
@click.version_option(package_name="radtrack")
def main() -> None:
    """radtrack: target versus achievement of a task force's RAD PP-TPPO."""


NO_BACKUP = click.option(
    "--no-backup",
    is_flag=True,
    help="Upgrade without the automatic backup (only when you have one of your own).",
)


@main.command()
@click.option(
    "--reset", is_flag=True, help="Drop every table first (deletes all data; backed up first)."
)
@NO_BACKUP
def init(reset: bool, no_backup: bool) -> None:
    """Create the store or upgrade it (after a backup), then load the bundled catalogue
    (idempotent; a revised catalogue keeps every figure)."""
    engine = get_engine(database_url())
    backed_up = _upgrade(engine, no_backup, reset)
    if not backed_up and not no_backup:
        # A revised bundled catalogue retires, renumbers or deletes indicators: keep a copy of
        # the store as it was, as for a schema upgrade.
        with session(engine) as s:
            revising = any(not plan_revision(s, read_catalogue(p)).empty for p in BUNDLED_PLANS)
        if revising and schema.has_data(engine):
            _backup_first(engine, "before-catalogue")
    revisions = []
    with session(engine) as s:
        counts = load_bundled(s, revisions)
        audit.record(s, "command line", "catalogue.loaded", "bundled catalogue", **counts)
        s.commit()
    refresh_stale(engine)
    for revision in revisions:
        for line in revision.lines():
            click.echo(f"  {line}")
    click.echo(
        "Katalog dimuat: {plans} RAD, {agencies} instansi, {regions} wilayah, "
        "{context_figures} angka konteks.".format(**counts)
    )


@main.group()
def db() -> None:
    """The store's schema version: current, upgrade, history."""


@db.command("current")
def db_current() -> None:
    """Print the store's schema revision and whether it is up to date."""
    found = schema.state(get_engine(database_url()))
    words = {
        "empty": "kosong (empty)",
        "legacy": "dibuat sebelum migrasi (made before migrations)",
        "behind": "perlu diperbarui: radtrack init (behind)",
        "current": "terbaru (up to date)",
        "ahead": "dibuat radtrack yang lebih baru (ahead)",
    }
    click.echo(f"{found.revision or '-'} (head {found.head}): {words[found.kind]}")


@db.command("upgrade")
@NO_BACKUP
def db_upgrade(no_backup: bool) -> None:
    """Back up the store, then upgrade it to the newest revision (the catalogue is untouched)."""
    engine = get_engine(database_url())
    _upgrade(engine, no_backup)
    click.echo(f"Skema terbaru: {schema.head()}.")


@db.command("history")
def db_history() -> None:
    """List every schema revision, oldest first; `*` marks the store's."""
    found = schema.state(get_engine(database_url()))
    for revision, text in schema.history():
        mark = "*" if revision == found.revision else " "
        click.echo(f"{mark} {revision}  {text}")


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File.")
def backup(output: Path | None) -> None:
    """Copy the whole store to a file (SQLite: a database file; PostgreSQL: a pg_dump archive).
    Without -o, into var/backups (or RADTRACK_BACKUP_DIR)."""
    engine = get_engine(database_url())
    try:
        path = backup_store(engine, output or default_path(engine, "manual"))
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Cadangan dibuat: {path}")


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the store.")
def restore(file: Path, yes: bool) -> None:
    """Replace the whole store with a backup (what it held is backed up first). Run
    `radtrack init` afterwards when the backup is older than this radtrack."""
    engine = get_engine(database_url())
    if not yes:
        click.confirm(f"Ganti seluruh isi penyimpanan dengan {file.name}?", abort=True)
    try:
        before = restore_store(engine, file)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    found = schema.state(engine)
    click.echo(f"Dipulihkan dari {file}. Isi sebelumnya dicadangkan di {before}.")
    if found.kind != "current":
        click.echo(schema.behind_message(found))


@main.command()
@click.option("--plan", "plan_code", help="Plan code (default: the first plan).")
@click.option(
    "--remove",
    is_flag=True,
    help="Remove every demo report, figure, waiting upload and the demo's responsibility "
    "matrix (of --plan, or of every plan); real data stays as it is.",
)
@click.option("--again", is_flag=True, help="Load the demo again after it was removed.")
def demo(plan_code: str | None, remove: bool, again: bool) -> None:
    """Load illustrative demo achievements, marked as demo everywhere (or remove them)."""
    engine = _engine()
    if remove:
        try:
            done = remove_demo(engine, "command line", plan_code)
        except LookupError as exc:
            raise click.ClickException(str(exc)) from None
        if not any(done.values()):
            click.echo("Tidak ada data demo; tidak ada yang berubah.")
        else:
            click.echo(
                f"Data demo dihapus: {done['submissions']} laporan, {done['figures']} nilai, "
                f"{done['pending']} unggahan tertunda, {done['responsibilities']} baris matriks "
                "tanggung jawab. Data nyata tidak berubah."
            )
        return
    workdir = ROOT / "var" / "demo"
    try:
        reports = load_demo(engine, workdir, plan_code, again)
    except LookupError as exc:
        raise click.ClickException(str(exc)) from None
    except DemoRemoved as exc:
        click.echo(
            f"Data demo sudah dihapus ({exc.at:%Y-%m-%d}); tidak dimuat lagi "
            "(radtrack demo --again untuk memuatnya kembali)."
        )
        return
    if not reports:
        click.echo("Data demo sudah dimuat; tidak ada yang berubah.")
        return
    bad = [r for r in reports if not r.ok]
    if bad:
        raise click.ClickException(f"{len(bad)} berkas demo ditolak: {bad[0].file}")
    rows = sum(r.rows_loaded for r in reports)
    click.echo(f"Data DEMO dimuat: {len(reports)} berkas, {rows} nilai (ilustrasi, bukan nyata).")


@main.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print the plan tree as JSON.")
@click.option("--plan", "plan_code", help="Plan code (default: the first plan).")
@click.pass_context
def catalogue(ctx, as_json: bool, plan_code: str | None) -> None:
    """Show the plan: sub-groups, programmes, activities, indicators, and the agencies."""
    if ctx.invoked_subcommand is not None:
        return
    with session(_engine()) as s:
        tree = catalogue_tree(s, plan_code)
    if not tree["plans"]:
        raise click.ClickException("no plan in the store: run `radtrack init` first")
    if as_json:
        click.echo(json.dumps(tree, ensure_ascii=False, indent=2))
        return
    click.echo(f"{tree['plan']['code']}: {tree['plan']['title']}")
    for sg in tree["subgroups"]:
        click.echo(f"{sg['number']}. {sg['name']}")
        for pr in sg["programmes"]:
            click.echo(f"   {pr['letter']}. {pr['name'][:90]}")
            for ac in pr["activities"]:
                for ind in ac["indicators"]:
                    target = "" if ind["target"] is None else f"{ind['target']:g} {ind['unit']}"
                    click.echo(
                        f"      {ind['code']:<9} {ind['kind']:<11} {target:<16} "
                        f"{ind['statement'][:70]}"
                    )
    click.echo("Instansi: " + ", ".join(a["code"] for a in tree["agencies"]))


@catalogue.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--code", help="Plan code, e.g. SIKKA-2021-2025.")
@click.option("--region", help="Kemendagri region code, e.g. 53.07.")
@click.option("--title", help="Plan title.")
@click.option("--start-year", type=int)
@click.option("--end-year", type=int)
@click.option("--legal-basis", default="")
@click.option("--citation", default="", help="Where the RAD was published or adopted.")
@click.option("--dry-run", is_flag=True, help="Check and show the plan; write nothing.")
@LANG
def catalogue_import(file: Path, dry_run: bool, lang: str, **meta) -> None:
    """Load another task force's RAD from a spreadsheet laid out like Tabel 1.1, or a revised
    catalogue (a spreadsheet or a YAML file like data/catalogue/*.yaml): what changes in a plan
    already in the store is listed, and every figure is kept."""
    if file.suffix.lower() in (".yaml", ".yml"):
        parsed, problems = _read_yaml(file)
    else:
        parsed, problems = read_rad_table(file.read_bytes(), file.name, meta)
    engine = _engine()
    if parsed is not None:
        with session(engine) as s:
            if s.get(Region, parsed.plan.region) is None:
                problems = [Problem("unknown-region", file.name, found=parsed.plan.region)]
    if problems:
        for p in problems:
            click.echo(f"Error: {p.place(lang)}: {p.message(lang)}", err=True)
        sys.exit(1)
    leaves = [
        i
        for sg in parsed.subgroups
        for pr in sg.programmes
        for a in pr.activities
        for i in a.indicators
    ]
    kinds = ", ".join(f"{k.value} {sum(1 for i in leaves if i.kind == k)}" for k in Kind)
    with session(engine) as s:
        if dry_run:
            revision = plan_revision(s, parsed)
        else:
            revision = load_plan(s, parsed)
            audit.record(s, "command line", "catalogue.imported", file.name, revision.stored.id)
            s.commit()
    if not dry_run:
        refresh_stale(engine)
    for line in revision.lines(lang):
        click.echo(f"  {line}")
    word = "checked" if dry_run else "loaded"
    if lang != "en":
        word = "diperiksa" if dry_run else "dimuat"
    click.echo(
        f"RAD {word}: {parsed.plan.code} ({parsed.plan.region}), {len(parsed.subgroups)} bidang, "
        f"{len(leaves)} indikator ({kinds})."
    )


def _read_yaml(file: Path):
    """A catalogue YAML file, or the problems that keep it from loading."""
    try:
        return read_catalogue(file), []
    except ValidationError as exc:
        return None, [
            Problem(
                "bad-catalogue",
                file.name,
                column=".".join(str(x) for x in error["loc"]),
                found=str(error.get("input", ""))[:80],
                expected=error["msg"],
            )
            for error in exc.errors()
        ]
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return None, [Problem("bad-catalogue", file.name, found=str(exc).splitlines()[0])]


@main.command()
@click.option("--agency", help="Agency code, e.g. DINSOS.")
@click.option("--all", "every", is_flag=True, help="One workbook per active agency, into -o DIR.")
@click.option("--year", required=True, type=int)
@click.option("--quarter", type=click.IntRange(1, 4), help="Triwulan 1-4 (default: annual).")
@click.option("--plan", "plan_code", help="Plan code (default: the first plan).")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path))
def template(
    agency: str | None,
    every: bool,
    year: int,
    quarter: int | None,
    plan_code: str | None,
    output: Path,
):
    """Write an agency's reporting workbook for a year (or triwulan); with --all, one for every
    agency that is a member in the period, into the directory -o."""
    if bool(agency) == every:
        raise click.UsageError("give --agency CODE or --all")
    with session(_engine()) as s:
        plan = get_plan(s, plan_code)
        if plan is None:
            raise click.ClickException("no plan in the store: run radtrack init first")
        if not plan.start_year <= year <= plan.end_year:
            raise click.ClickException(
                f"year {year} is outside {plan.code} ({plan.start_year}-{plan.end_year})"
            )
        if every:
            if output.exists() and not output.is_dir():
                raise click.ClickException(f"{output} is a file; --all writes into a directory")
            written = write_all(s, plan, year, output, quarter)
            for path in written:
                click.echo(path.name)
            click.echo(f"{len(written)} templat ditulis di {output}")
            return
        found = s.exec(select(Agency).where(Agency.code == agency.upper())).first()
        if found is None:
            known = ", ".join(a.code for a in s.exec(select(Agency).order_by(Agency.code)))
            raise click.ClickException(f"unknown agency '{agency}'; known: {known}")
        write_template(s, plan, found, year, output, quarter)
    click.echo(f"Templat ditulis: {output}")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Validate and show the mapping; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
@click.option("--agency", help="Agency code (overrides the file).")
@click.option("--year", type=int, help="Year (overrides the file).")
@click.option("--quarter", type=click.IntRange(1, 4), help="Triwulan (overrides the file).")
@click.option("--semester", type=click.IntRange(1, 2), help="Semester (overrides the file).")
@click.option("--plan", "plan_code", help="Plan code (overrides the file).")
@click.option("--user", default=lambda: os.environ.get("USER", ""), help="Recorded as uploader.")
@click.option(
    "--reinstate",
    is_flag=True,
    help="Load again a file that was replaced or withdrawn (recorded in the audit log).",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 32),
    default=DEFAULT_JOBS,
    show_default=True,
    help="Processes that read and check files, this one included (from 50 files).",
)
@click.option(
    "--nice",
    type=click.IntRange(0, 19),
    default=10,
    show_default=True,
    help="CPU priority given up to the dashboard's readers on the same machine while the "
    "files load (0: none; an idle machine loads as fast either way).",
)
@LANG
def ingest(
    files,
    dry_run,
    as_json,
    agency,
    year,
    quarter,
    semester,
    plan_code,
    user,
    reinstate,
    jobs,
    nice,
    lang,
):
    """Validate agency workbooks and load each in one transaction.

    Exit 0 when every file loaded (or was already loaded), 1 when any was rejected; a rejected
    file writes nothing.
    """
    if nice and hasattr(os, "nice"):
        os.nice(nice)  # its reading processes inherit it
    engine = _engine()
    overrides = Overrides(
        plan=plan_code, agency=agency, year=year, quarter=quarter, semester=semester
    )

    # One batch: the catalogue read once, files committed in groups (loaders.ingest.Batch).
    options = {
        "overrides": overrides,
        "dry_run": dry_run,
        "uploaded_by": user,
        "lang": lang,
        "reinstate": reinstate,
    }
    with Batch(engine, jobs=jobs, **options) as batch:
        if len(files) > 1 and not as_json:
            label = "Loading files" if lang == "en" else "Memuat berkas"
            reports = []
            with click.progressbar(length=len(files), label=label, file=sys.stderr) as bar:
                for report in batch.add_files(files):
                    reports.append(report)
                    bar.update(1)
        else:
            reports = list(batch.add_files(files))
    if not dry_run:
        refresh_stale(engine)  # the all-plans summaries, once for the whole batch
    ok = all(r.ok for r in reports)
    if as_json:
        body = {"ok": ok, "files": [r.to_dict(lang) for r in reports]}
        click.echo(json.dumps(body, ensure_ascii=False, indent=2))
    else:
        for r in reports:
            _echo_report(r, lang)
        if len(reports) > 1:
            _echo_summary(reports, lang)
    if not ok:
        sys.exit(1)


STATUS_WORDS = {
    "loaded": ("DIMUAT", "LOADED"),
    "replaced": ("DIMUAT (menggantikan kiriman sebelumnya)", "LOADED (replaces earlier file)"),
    "unchanged": ("SUDAH ADA (tidak ada perubahan)", "ALREADY LOADED (nothing changed)"),
    "dry-run": ("VALID (uji coba, tidak ditulis)", "VALID (dry run, nothing written)"),
    "rejected": ("DITOLAK (tidak ada yang ditulis)", "REJECTED (nothing written)"),
}


def _period_text(year, quarter, lang: str, semester=None) -> str:
    if year is None:
        return "-"
    return period_label(year, quarter, semester)


def _periods_text(report, lang: str) -> str:
    if report.periods:
        return ", ".join(
            _period_text(p["year"], p["quarter"], lang, p.get("semester")) for p in report.periods
        )
    return _period_text(report.year, report.quarter, lang, report.semester)


def _figure(values: dict) -> str:
    shown = [f"{values['value']:g}" if values.get("value") is not None else "-"]
    if values.get("budget") is not None or values.get("spent") is not None:
        shown.append(f"Rp {values.get('budget') or 0:,.0f}/{values.get('spent') or 0:,.0f}")
    return " ".join(shown)


def _echo_changes(changes: dict, lang: str) -> None:
    def name(c):
        extra = [c[k] for k in ("sex", "age_group", "kecamatan") if c.get(k)]
        return c["code"] + (f" [{', '.join(extra)}]" if extra else "")

    for c in changes.get("added", []):
        click.echo(f"      + {name(c)}: {_figure(c)}")
    for c in changes.get("changed", []):
        click.echo(f"      ~ {name(c)}: {_figure(c['old'])} -> {_figure(c['new'])}")
    for c in changes.get("removed", []):
        click.echo(f"      - {name(c)}: {_figure(c)}")


def _echo_report(report, lang: str) -> None:
    en = lang == "en"
    word = STATUS_WORDS[report.status][1 if en else 0]
    line = f"{word}: {report.file}"
    if report.ok:
        rows = "rows" if en else "baris"
        line += f" ({report.agency} {_periods_text(report, lang)}, {report.rows_loaded} {rows})"
    click.echo(line, err=not report.ok)
    if report.status == "dry-run":
        for m in report.mapping:
            how = {"code": "kode", "statement": "pernyataan", "fuzzy": "mirip"}.get(
                m["by"], m["by"]
            )
            how = m["by"] if en else how
            click.echo(
                f"   {m['sheet']} {'row' if en else 'baris'} {m['row']} -> {m['code']} "
                f"({_period_text(m['year'], m['quarter'], lang, m.get('semester'))}; {how})"
            )
        for period in report.periods:
            changes = period.get("changes")
            if changes and any(changes.values()):
                title = "changes" if en else "perubahan"
                shown = _period_text(
                    period["year"], period["quarter"], lang, period.get("semester")
                )
                click.echo(f"   {title} {shown}:")
                _echo_changes(changes, lang)
    for p in report.problems:
        tag = "Error" if p.severity == "error" else ("Warning" if en else "Peringatan")
        click.echo(f"   {tag}: {p.place(lang)}: {p.message(lang)}", err=not report.ok)


def _echo_summary(reports, lang: str) -> None:
    en = lang == "en"
    head = (
        ("File", "Status", "Agency", "Periods", "Rows", "Errors")
        if en
        else ("Berkas", "Status", "Instansi", "Periode", "Baris", "Galat")
    )
    table = [head] + [
        (
            r.file,
            r.status,
            r.agency or "-",
            _periods_text(r, lang) if r.ok else "-",
            str(r.rows_loaded),
            str(len(r.errors)),
        )
        for r in reports
    ]
    widths = [min(40, max(len(row[i]) for row in table)) for i in range(len(head))]
    click.echo("")
    for row in table:
        click.echo(
            "  ".join(cell[:40].ljust(width) for cell, width in zip(row, widths, strict=True))
        )
    rejected = sum(1 for r in reports if not r.ok)
    if en:
        click.echo(
            f"{len(reports)} files: {len(reports) - rejected} accepted, {rejected} rejected."
        )
    else:
        click.echo(
            f"{len(reports)} berkas: {len(reports) - rejected} diterima, {rejected} ditolak."
        )


@main.group()
def user() -> None:
    """Accounts of the dashboard: add, passwd, remove, list."""


def _password_options(command):
    """--password (visible in the shell's history: for scripts only) and --password-stdin (the
    first line of standard input); asked for, twice and unseen, when neither is given."""
    command = click.option(
        "--password-stdin",
        "password_stdin",
        is_flag=True,
        help="Read the password from the first line of standard input.",
    )(command)
    return click.option("--password", help="The password (better: --password-stdin or asked).")(
        command
    )


def _password(password: str | None, from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if password is not None:
        return password
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@user.command("add")
@click.argument("username")
@click.option(
    "--role",
    type=click.Choice(["admin", "uploader", "viewer"]),
    required=True,
    help="What it may do.",
)
@click.option("--agency", help="The agency of an uploader (its code).")
@_password_options
def user_add(
    username: str, role: str, agency: str | None, password: str | None, password_stdin: bool
) -> None:
    """Create an account (the first admin opens nothing: it closes the open dashboard). The
    name of a removed account may be used again; the removed one stays in the history."""
    password = _password(password, password_stdin)
    with session(_engine()) as s:
        try:
            add_user(s, username, password, role, agency, actor="command line")
        except AccountError as exc:
            raise click.ClickException(str(exc)) from None
        s.commit()
    click.echo(f"Akun {username.strip().lower()} ({role}) dibuat.")


@user.command("passwd")
@click.argument("username")
@_password_options
def user_passwd(username: str, password: str | None, password_stdin: bool) -> None:
    """Set a new password for an account; every session of it ends."""
    password = _password(password, password_stdin)
    with session(_engine()) as s:
        try:
            set_password(s, username, password, actor="command line")
        except AccountError as exc:
            raise click.ClickException(str(exc)) from None
        s.commit()
    click.echo(f"Kata sandi akun {username.strip().lower()} diganti; semua sesinya berakhir.")


@user.command("remove")
@click.argument("username")
def user_remove(username: str) -> None:
    """Deactivate an account (kept for the audit log)."""
    with session(_engine()) as s:
        try:
            remove_user(s, username, actor="command line")
        except AccountError as exc:
            raise click.ClickException(str(exc)) from None
        s.commit()
    click.echo(f"Akun {username} dinonaktifkan.")


@user.command("list")
def user_list() -> None:
    """Every account with its role and agency."""
    with session(_engine()) as s:
        rows = list_users(s)
    for r in rows:
        state = "" if r["active"] else " (nonaktif)"
        agency = f" {r['agency']}" if r["agency"] else ""
        click.echo(f"{r['username']}\t{r['role']}{agency}{state}")


def _set_plan(plan_code: str, action: str, **values) -> None:
    """Set `values` on the plan and record `action` in the audit log, in one transaction."""
    with session(_engine()) as s:
        plan = s.exec(select(Plan).where(Plan.code == plan_code)).first()
        if plan is None:
            raise click.ClickException(f"unknown plan '{plan_code}'")
        for name, value in values.items():
            setattr(plan, name, value)
        s.add(plan)
        audit.record(s, "command line", action, plan.code, plan.id)
        s.commit()


@main.command()
@click.argument("plan_code")
@click.option("--undo", is_flag=True, help="Withdraw the plan from public view.")
def publish(plan_code: str, undo: bool) -> None:
    """Show a plan to anonymous visitors of the dashboard and its downloads (or stop)."""
    _set_plan(plan_code, "plan.unpublished" if undo else "plan.published", published=not undo)
    click.echo(f"{plan_code}: {'tidak ' if undo else ''}dipublikasikan.")


@main.command()
@click.argument("plan_code")
@click.option("--off", "turn_off", is_flag=True, help="Agency uploads count at once.")
def review(plan_code: str, turn_off: bool) -> None:
    """Make agency accounts' uploads wait for the secretariat's approval (the default), or not."""
    _set_plan(plan_code, "plan.review_off" if turn_off else "plan.review_on", review=not turn_off)
    click.echo(f"{plan_code}: tinjauan {'dimatikan' if turn_off else 'aktif'}.")


@main.command()
@click.option("--agency", required=True, help="Agency code.")
@click.option("--year", type=int, required=True)
@click.option("--quarter", type=click.IntRange(1, 4), help="Triwulan (for a quarterly report).")
@click.option("--semester", type=click.IntRange(1, 2), help="Semester (for a semester report).")
@click.option("--reason", required=True, help="Why it no longer counts (kept in the audit log).")
@click.option("--plan", "plan_code", help="Plan code (needed when the store holds several).")
@click.option("--user", default=lambda: os.environ.get("USER", ""), help="Recorded as who did it.")
def withdraw(agency, year, quarter, semester, reason, plan_code, user) -> None:
    """Stop counting an agency's report for a period: its figures leave every table and the
    period is due again; the file stays in history, and the audit log says who, when and why."""
    engine = _engine()
    try:
        done = withdraw_report(
            engine, agency, year, quarter, reason, user or "command line", plan_code, semester
        )
    except ReviewError as exc:
        raise click.ClickException(str(exc)) from None
    refresh_stale(engine)
    click.echo(
        f"Ditarik: {done.file_name} ({done.agency} {done.period}, {done.rows} baris) "
        f"dari {done.plan}."
    )


@main.command("audit")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv")
@click.option("--limit", type=int, default=None, help="Newest events only.")
def audit_command(fmt: str, limit: int | None) -> None:
    """Print the audit log (newest first)."""
    with session(_engine()) as s:
        frame = audit_table(s, limit)
    if fmt == "json":
        click.echo(frame.to_json(orient="records", force_ascii=False))
    else:
        click.echo(frame.to_csv(index=False), nl=False)


@main.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "xlsx", "json", "datapackage"]),
    default="csv",
    show_default=True,
)
@click.option(
    "--table",
    "table_name",
    type=click.Choice(list(export.TABLES)),
    default="achievements",
    show_default=True,
    help="Table for csv and json (xlsx and datapackage hold every table).",
)
@click.option("--plan", "plan_code", help="Only this plan.")
@click.option("--year", type=int, help="Only this year.")
@click.option("--subgroup", type=int, help="Only this bidang number.")
@click.option("--agency", help="Only this agency (achievements).")
@click.option(
    "--include-demo/--no-demo",
    default=False,
    show_default=True,
    help="Include illustrative demo data (marked is_demo).",
)
@click.option(
    "--labels",
    type=click.Choice(["id", "en"]),
    default="id",
    show_default=True,
    help="Column labels of the xlsx.",
)
@click.option("--bom", is_flag=True, help="Write the csv with a UTF-8 BOM, for Excel.")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="File, or folder for a datapackage.",
)
def export_command(
    fmt, table_name, plan_code, year, subgroup, agency, include_demo, labels, bom, output
):
    """Export achievement tables with the source of every figure."""
    filters = export.Filters(plan_code, year, subgroup, agency, include_demo)
    try:
        with session(_engine()) as s:
            if fmt == "datapackage":
                export.write_datapackage(s, output, filters)
                click.echo(f"Paket data ditulis: {output / 'datapackage.json'}")
                return
            if fmt == "xlsx":
                frames = {name: export.table(s, name, filters) for name in export.TABLES}
                data = export.to_xlsx(frames, labels)
                rows = len(frames["achievements"])
            else:
                frame = export.table(s, table_name, filters)
                rows = len(frame)
                if fmt == "csv":
                    data = export.to_csv(frame, bom=bom)
                else:
                    data = export.to_json(table_name, frame, filters)
    except LookupError as exc:
        raise click.ClickException(str(exc)) from None
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(data)
    click.echo(f"{rows} baris ditulis ke {output} ({fmt}).")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8050, show_default=True, type=int)
@click.option("--debug", is_flag=True)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Serve with gunicorn and this many worker processes (for PostgreSQL deployments).",
)
def serve(host: str, port: int, debug: bool, workers: int | None) -> None:
    """Start the dashboard."""
    engine = _engine()  # a store behind this code is refused here, not half-served
    if workers:
        # Any worker can answer any request: what a worker keeps (recent status tables) and
        # what they share (answers for anonymous readers, in one folder) is keyed on the
        # store's version of the figures, so the workers never disagree.
        command = [
            sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind",
            f"{host}:{port}", "--access-logfile", "-", "--timeout", "120",
            "--config", "python:dashboard.gunicorn_conf", "dashboard.wsgi:server",
        ]  # fmt: skip
        click.echo(f"radtrack: http://{host}:{port}/ ({workers} workers)")
        os.execv(sys.executable, command)
    from dashboard.app import create_app

    app = create_app(engine)
    click.echo(f"radtrack: http://{host}:{port}/")
    app.run(host=host, port=port, debug=debug)


if __name__ == "__main__":
    main()


from radtrack import live  # noqa: E402  (its commands use _engine above)

live.register(main)
