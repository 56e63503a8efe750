"""Commands of a live task force: agencies, who reports what, plan settings, templates for all,
removing the demo, and reminders. Registered on the `radtrack` group by radtrack.cli."""

import json
from datetime import UTC, date, datetime
from pathlib import Path

import click

from indicators import agencies as members
from indicators.agencies import AgencyError, Contact
from indicators.db import session
from indicators.queries import get_plan
from indicators.responsibility import matrix_table
from loaders.responsibility import import_matrix


def _cli():
    from radtrack import cli  # the group and its store helper (cli imports this module)

    return cli


def _plan(s, plan_code: str | None):
    plan = get_plan(s, plan_code)
    if plan is None:
        raise click.ClickException(
            f"unknown plan {plan_code!r}" if plan_code else "no plan in the store: radtrack init"
        )
    return plan


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"'{text}' is not a date (YYYY-MM-DD)") from None


def _run(change, done: str) -> None:
    """Run `change(session)` in one transaction; an AgencyError is an `Error:` line."""
    with session(_cli()._engine()) as s:
        try:
            change(s)
        except AgencyError as exc:
            raise click.ClickException(exc.message("id")) from None
        s.commit()
    click.echo(done)


CONTACT = [
    click.option("--focal-name", help="The focal point's name."),
    click.option("--email", help="The focal point's e-mail (reminders go there)."),
    click.option("--phone", help="The focal point's phone, e.g. 0812 3456 7890."),
    click.option(
        "--channel",
        type=click.Choice(members.CHANNELS),
        help="How reminders reach the agency (whatsapp: a wa.me link on the admin page).",
    ),
]


def _contact_options(command):
    for option in reversed(CONTACT):
        command = option(command)
    return command


@click.group("agency")
def agency() -> None:
    """The task force's member agencies: add, rename, alias, contact, retire, list."""


@agency.command("add")
@click.argument("code")
@click.option("--name", required=True, help="Full name, e.g. 'Dinas Kependudukan dan ...'.")
@click.option("--kind", type=click.Choice(members.KINDS), default="government", show_default=True)
@click.option("--region", "region_code", help="Region code (default: the first plan's region).")
@click.option("--alias", "aliases", multiple=True, help="A name agencies write (repeatable).")
@click.option("--active-from", help="Member since (YYYY-MM-DD).")
@_contact_options
def agency_add(code, name, kind, region_code, aliases, active_from, **contact) -> None:
    """Add a member agency; its reports load from then on."""

    def change(s):
        region = region_code
        if region is None:
            plan = get_plan(s, None)
            region = plan.region_code if plan else None
        members.add(
            s,
            code,
            name,
            kind,
            region,
            "command line",
            list(aliases),
            _contact(contact),
            _day(active_from),
        )

    _run(change, f"Instansi {code.strip().upper()} ditambahkan.")


def _contact(values: dict) -> Contact:
    return Contact(values["focal_name"], values["email"], values["phone"], values["channel"])


@agency.command("contact")
@click.argument("code")
@_contact_options
def agency_contact(code, **contact) -> None:
    """Set the focal point who answers for the agency's reports (empty text clears a field)."""
    _run(
        lambda s: members.update(s, code, "command line", _contact(contact)),
        f"Narahubung {code.upper()} diperbarui.",
    )


@agency.command("rename")
@click.argument("code")
@click.argument("name")
def agency_rename(code, name) -> None:
    """Give an agency a new name; the old one stays an alias, the code stays."""
    _run(
        lambda s: members.rename(s, code, name, "command line"),
        f"Instansi {code.upper()} kini bernama: {name}.",
    )


@agency.command("alias")
@click.argument("code")
@click.option("--add", "added", multiple=True, help="A name to match to this agency.")
@click.option("--remove", "removed", multiple=True, help="A name to match no longer.")
def agency_alias(code, added, removed) -> None:
    """Add or remove names the loader matches to an agency."""
    if not added and not removed:
        raise click.UsageError("give --add or --remove")
    _run(
        lambda s: members.alias(s, code, "command line", list(added), list(removed)),
        f"Alias {code.upper()} diperbarui.",
    )


@agency.command("retire")
@click.argument("code")
@click.option("--on", "on", help="Last day as a member (default: today).")
@click.option("--undo", is_flag=True, help="Make it a member again.")
def agency_retire(code, on, undo) -> None:
    """An agency leaves the task force: its figures and history stay, nothing more is due."""
    day = _day(on) or datetime.now(UTC).date()
    _run(
        lambda s: members.retire(s, code, "command line", day, undo),
        f"Instansi {code.upper()} aktif kembali."
        if undo
        else f"Instansi {code.upper()} "
        f"tidak aktif sejak {day.isoformat()}; angka dan riwayatnya tetap.",
    )


@agency.command("list")
@click.option("--json", "as_json", is_flag=True, help="Every field, as JSON.")
def agency_list(as_json: bool) -> None:
    """Every agency: code, name, kind, focal point, membership."""
    with session(_cli()._engine()) as s:
        rows = members.table(s)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for r in rows:
        state = f" (tidak aktif sejak {r['retired_on']})" if r["retired_on"] else ""
        focal = (
            f"\t{r['focal_name']} <{r['focal_email'] or r['focal_phone']}>"
            if (r["focal_email"] or r["focal_phone"])
            else ""
        )
        click.echo(f"{r['code']}\t{r['name']}{state}{focal}")


@click.group("responsibility")
def responsibility() -> None:
    """Who reports what: import the matrix, list it."""


@responsibility.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--plan", "plan_code", help="Plan code (default: the first plan).")
@click.option("--dry-run", is_flag=True, help="Check the file; change nothing.")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id")
def responsibility_import(file: Path, plan_code, dry_run: bool, lang: str) -> None:
    """Make FILE (CSV or workbook: kode, instansi, utama; or one column per agency) the plan's
    responsibility matrix. Any cell that cannot be read refuses the whole file."""
    with session(_cli()._engine()) as s:
        plan = _plan(s, plan_code)
        data = file.read_bytes()
        if dry_run:
            from loaders.responsibility import read_matrix

            matrix = read_matrix(s, plan, data, file.name)
        else:
            matrix = import_matrix(s, plan, data, file.name, "command line")
        if not matrix.ok:
            s.rollback()
            for p in matrix.problems:
                click.echo(f"{p.place(lang)}: {p.message(lang)}", err=True)
            raise click.ClickException(
                f"{len(matrix.problems)} masalah; matriks tidak diubah"
                if lang == "id"
                else f"{len(matrix.problems)} problems; the matrix is unchanged"
            )
        if not dry_run:
            s.commit()
    agencies = len({i.agency_id for i in matrix.items})
    verb = "Diperiksa" if dry_run else "Dimuat"
    click.echo(
        f"{verb}: {len(matrix.items)} tanggung jawab, {agencies} instansi ({matrix.layout})."
    )


@responsibility.command("list")
@click.option("--plan", "plan_code", help="Plan code (default: the first plan).")
def responsibility_list(plan_code) -> None:
    """The plan's matrix as CSV (importing it back gives the same matrix)."""
    with session(_cli()._engine()) as s:
        table = matrix_table(s, _plan(s, plan_code))
    click.echo(table.drop(columns=["demo"]).to_csv(index=False), nl=False)


@click.command("settings")
@click.argument("plan_code")
@click.option("--due-days", type=click.IntRange(1, 120), help="Due N working days after a period.")
@click.option("--due-month-end", is_flag=True, help="Due at the end of the next month (default).")
@click.option("--secretariat-email", help="Where reminder digests go.")
@click.option("--url", "public_url", help="The dashboard's address, for links in reminders.")
@click.option("--planning-agency", help="The planning agency as the plan names it (BAPELITBANG).")
@click.option("--place", help="Where documents are signed, e.g. Kefamenanu.")
@click.option(
    "--compiled-by",
    help="Who signs 'Disusun': 'Name|NIP|Title' (the title may be left out).",
)
@click.option(
    "--evaluated-by",
    help="Who signs 'Dievaluasi': 'Name|NIP|Title' (the planning agency's head).",
)
def settings(
    plan_code,
    due_days,
    due_month_end,
    secretariat_email,
    public_url,
    planning_agency,
    place,
    compiled_by,
    evaluated_by,
) -> None:
    """Show or set a plan's settings: due rule, secretariat e-mail, dashboard URL, and the words
    of the place for documents (planning agency, place, signatories). Never invented: an unset
    signatory is a blank line in the documents."""
    from indicators import audit
    from indicators.compliance import due_rule_text

    with session(_cli()._engine()) as s:
        plan = _plan(s, plan_code)
        changed = {}
        if due_days is not None and due_month_end:
            raise click.UsageError("give --due-days or --due-month-end, not both")
        if due_days is not None or due_month_end:
            changed["due_days"] = due_days
        if secretariat_email is not None:
            try:
                changed["secretariat_email"] = (
                    members.email_address(secretariat_email) if secretariat_email.strip() else ""
                )
            except AgencyError as exc:
                raise click.ClickException(exc.message("id")) from None
        if public_url is not None:
            if public_url and not public_url.startswith(("http://", "https://")):
                raise click.BadParameter("the URL starts with http:// or https://")
            changed["public_url"] = public_url.rstrip("/")
        if planning_agency is not None:
            changed["planning_agency"] = " ".join(planning_agency.split())
        if place is not None:
            changed["place"] = " ".join(place.split())
        signers = dict(plan.signatories or {})
        for role, text in (("disusun", compiled_by), ("dievaluasi", evaluated_by)):
            if text is not None:
                parts = [p.strip() for p in text.split("|")]
                if not parts[0]:
                    signers.pop(role, None)
                else:
                    parts += [""] * (3 - len(parts))
                    signers[role] = {"name": parts[0], "nip": parts[1], "title": parts[2]}
        if signers != (plan.signatories or {}):
            changed["signatories"] = signers
        for key, value in changed.items():
            setattr(plan, key, value)
        if changed:
            s.add(plan)
            audit.record(s, "command line", "plan.settings", plan.code, plan.id, **changed)
            s.commit()
        click.echo(f"{plan.code}: {due_rule_text(plan)}")
        click.echo(f"e-mail sekretariat: {plan.secretariat_email or '-'}")
        click.echo(f"alamat dasbor: {plan.public_url or '-'}")
        click.echo(f"badan perencanaan: {plan.planning_agency or 'Bappeda'}")
        click.echo(f"tempat: {plan.place or '-'}")
        for role in ("disusun", "dievaluasi"):
            who = (plan.signatories or {}).get(role) or {}
            shown = " | ".join(v for v in (who.get("name"), who.get("nip"), who.get("title")) if v)
            click.echo(f"{role}: {shown or '-'}")


@click.command("remind")
@click.option("--plan", "plan_code", help="Plan code (default: the first plan).")
@click.option("--dry-run", is_flag=True, help="Show who would be reminded; send nothing.")
@click.option("--today", "today_text", help="The day to remind as of (YYYY-MM-DD; default today).")
def remind(plan_code, dry_run: bool, today_text) -> None:
    """E-mail every agency that owes a report (overdue, or returned) a reminder in Indonesian
    with what is due, its templates and the upload link, then the secretariat a digest. Agencies
    reached by WhatsApp are listed with a wa.me link (also on the Agencies page). Never two
    reminders for the same period on the same day. Server: RADTRACK_SMTP_URL."""
    from radtrack.mail import MailError
    from radtrack.mail import remind as send

    try:
        done = send(_cli()._engine(), plan_code, _day(today_text), dry_run)
    except MailError as exc:
        raise click.ClickException(str(exc)) from None
    verb = "Akan dikirim" if dry_run else "Terkirim"
    for n in done.sent:
        years = ", ".join(str(o.year) for o in n.owed)
        click.echo(f"{verb}: {n.agency.code} <{n.recipient}>: {years}")
    for n in done.by_hand:
        years = ", ".join(str(o.year) for o in n.owed)
        how = (
            "WhatsApp (halaman Instansi)"
            if n.channel == "whatsapp" and n.recipient
            else ("tanpa e-mail narahubung: radtrack agency contact")
        )
        click.echo(f"Hubungi sendiri: {n.agency.code}: {years} - {how}")
    for n, why in done.failed:
        click.echo(f"GAGAL: {n.agency.code if n else 'ringkasan'}: {why}", err=True)
    if done.digest_sent:
        click.echo(f"Ringkasan untuk sekretariat: {done.digest_to}")
    elif not done.digest_to and not dry_run:
        click.echo("Tanpa ringkasan: atur --secretariat-email dengan radtrack settings.")
    if not (done.sent or done.by_hand or done.failed):
        click.echo("Tidak ada yang perlu diingatkan hari ini.")
    if done.failed:
        raise SystemExit(1)


@click.group("report")
def report() -> None:
    """Documents: the Permendagri 86/2017 evaluation form, the annual and five-year reports."""


@report.command("evaluasi")
@click.option("--year", type=int, required=True)
@click.option("--quarter", type=click.IntRange(1, 4), help="As it stands after this triwulan.")
@click.option("--agency", help="One agency's form (default: every agency together).")
@click.option("--plan", "plan_code", help="Plan code (default: the first plan).")
@click.option("--include-demo", is_flag=True, help="Include demo figures (marked as demo).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def report_evaluasi(year, quarter, agency, plan_code, include_demo, output) -> None:
    """The Permendagri 86/2017 evaluation form ('Evaluasi terhadap Hasil Renja Perangkat
    Daerah') for a year, filled from the store; it loads back through radtrack ingest."""
    from reports.evaluasi import EvaluasiError, write_form

    with session(_cli()._engine()) as s:
        plan = _plan(s, plan_code)
        if not plan.start_year <= year <= plan.end_year:
            raise click.ClickException(
                f"year {year} is outside {plan.code} ({plan.start_year}-{plan.end_year})"
            )
        try:
            write_form(s, plan, year, output, agency, quarter, include_demo)
        except (EvaluasiError, AgencyError) as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"Form evaluasi ditulis: {output}")


def _annual(year, plan_code, include_demo, lang, output: Path, kind: str) -> None:
    from reports.annual import ReportError, build, to_docx, to_pdf

    with session(_cli()._engine()) as s:
        plan = _plan(s, plan_code)
        try:
            content = build(s, plan, year, include_demo, lang)
        except ReportError as exc:
            raise click.ClickException(str(exc)) from None
    stem = f"{kind}_{plan.code}" + (f"_{year}" if year else "") + ("_DEMO" if content.demo else "")
    output.mkdir(parents=True, exist_ok=True)
    docx = to_docx(content, output / f"{stem}.docx")
    try:
        pdf = to_pdf(content, output / f"{stem}.pdf")
    except ReportError as exc:
        raise click.ClickException(f"{docx} written; {exc}") from None
    click.echo(f"Ditulis: {docx}")
    click.echo(f"Ditulis: {pdf}")


REPORT_OPTIONS = [
    click.option("--plan", "plan_code", help="Plan code (default: the first plan)."),
    click.option("--include-demo", is_flag=True, help="Include demo figures (DEMO on every page)."),
    click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True),
    click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
                 default=Path("laporan"), show_default=True),
]  # fmt: skip


def _report_options(command):
    for option in reversed(REPORT_OPTIONS):
        command = option(command)
    return command


@report.command("tahunan")
@click.option("--year", type=int, required=True)
@_report_options
def report_annual(year, plan_code, include_demo, lang, output) -> None:
    """Laporan Tahunan of a plan year: an editable DOCX and a PDF, into -o DIR."""
    _annual(year, plan_code, include_demo, lang, output, "laporan_tahunan")


@report.command("lima-tahunan")
@_report_options
def report_five(plan_code, include_demo, lang, output) -> None:
    """Laporan Lima Tahunan of the whole plan period (the next RAD's baseline): DOCX and PDF."""
    _annual(None, plan_code, include_demo, lang, output, "laporan_lima_tahunan")


def register(main: click.Group) -> None:
    """Add these commands to the `radtrack` group."""
    for command in (agency, responsibility, settings, remind, report):
        main.add_command(command)
