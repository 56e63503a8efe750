"""Instansi / Agencies (admins only, enforced in dashboard.guard and again in each callback):
the member agencies and their focal points, adding one, the responsibility matrix (shown,
imported from a file, downloaded to edit), templates for every member as one zip, and today's
reminders (a wa.me link for agencies reached by WhatsApp, recorded when the admin sends it)."""

import base64
from datetime import UTC, date, datetime
from urllib.parse import urlencode

import dash
from dash import ALL, Input, Output, State, callback, ctx, dcc, html
from dash.exceptions import PreventUpdate

from dashboard import store
from dashboard.auth import current_actor
from dashboard.components.shell import no_plan_page, shell
from dashboard.i18n import pick_lang, t
from indicators import agencies as members
from indicators import reminders
from indicators.agencies import AgencyError, Contact
from indicators.queries import get_plan
from indicators.responsibility import has_matrix, matrix_table
from loaders.responsibility import import_matrix
from loaders.safety import MAX_FILE_BYTES, safe_file_name

dash.register_page(
    __name__, path="/instansi", name="nav_agencies", title="radtrack - instansi", order=10
)

KIND_KEYS = {k: f"kind_{k}" for k in members.KINDS}


def _today():
    return datetime.now(UTC).date()


def agency_table(lang: str) -> html.Div:
    """Every agency with its focal point and membership."""
    with store.session() as s:
        rows = members.table(s)
    head = html.Tr(
        [
            html.Th(t(k, lang))
            for k in (
                "col_agency",
                "col_name",
                "col_kind",
                "col_focal",
                "col_channel",
                "col_membership",
            )
        ]
    )
    body = []
    for r in rows:
        reach = r["focal_email"] if r["channel"] == "email" else r["focal_phone"]
        state = (
            t("agency_retired", lang, day=r["retired_on"])
            if r["retired_on"]
            else t("agency_active", lang)
        )
        body.append(
            html.Tr(
                [
                    html.Td(r["code"]),
                    html.Td([r["name"], html.Br(), html.Small(r["aliases"])]),
                    html.Td(t(KIND_KEYS.get(r["kind"], "kind_other"), lang)),
                    html.Td(
                        [r["focal_name"] or "-", html.Br(), html.Small(reach or "")]
                        if r["focal_name"] or reach
                        else t("focal_none", lang),
                        className="" if reach else "missing-contact",
                    ),
                    html.Td(r["channel"]),
                    html.Td(state),
                ],
                id=f"agency-{r['code']}",
            )
        )
    return html.Div(
        html.Table([html.Thead(head), html.Tbody(body)], className="grid"),
        className="table-scroll",
        id="agency-table",
        tabIndex="0",  # a box that scrolls: reachable by keyboard
        role="region",
        **{"aria-label": t("agencies_members", lang)},
    )


def _field(label_key: str, component, lang: str) -> html.Div:
    return html.Div(
        [html.Label(t(label_key, lang), htmlFor=component.id), component], className="field"
    )


def add_form(lang: str) -> html.Div:
    """Add a member agency: code, name, kind, aliases, focal point."""
    text = {"type": "text", "debounce": False}
    return html.Div(
        [
            _field("col_agency", dcc.Input(id="new-code", placeholder="DUKCAPIL", **text), lang),
            _field("col_name", dcc.Input(id="new-name", **text), lang),
            _field(
                "col_kind",
                dcc.Dropdown(
                    id="new-kind",
                    options=[{"label": t(v, lang), "value": k} for k, v in KIND_KEYS.items()],
                    value="government",
                    clearable=False,
                ),
                lang,
            ),
            _field("agency_aliases", dcc.Input(id="new-aliases", **text), lang),
            _field("focal_name", dcc.Input(id="new-focal", **text), lang),
            _field("focal_email", dcc.Input(id="new-email", **{**text, "type": "email"}), lang),
            _field("focal_phone", dcc.Input(id="new-phone", **{**text, "type": "tel"}), lang),
            _field(
                "col_channel",
                dcc.Dropdown(
                    id="new-channel",
                    options=[{"label": c, "value": c} for c in members.CHANNELS],
                    value="email",
                    clearable=False,
                ),
                lang,
            ),
            html.Button(t("agency_add", lang), id="new-agency", className="btn btn-primary"),
            html.Div(id="new-agency-result", role="status"),
        ],
        className="form-grid",
        id="add-agency",
    )


def edit_form(lang: str) -> html.Div:
    """Change one agency: name (the old one stays an alias), aliases, focal point, membership."""
    with store.session() as s:
        codes = [r["code"] for r in members.table(s)]
    text = {"type": "text", "debounce": False}
    return html.Div(
        [
            _field(
                "col_agency",
                dcc.Dropdown(id="edit-code", options=[{"label": c, "value": c} for c in codes]),
                lang,
            ),
            _field("col_name", dcc.Input(id="edit-name", **text), lang),
            _field("agency_aliases", dcc.Input(id="edit-aliases", **text), lang),
            _field("focal_name", dcc.Input(id="edit-focal", **text), lang),
            _field("focal_email", dcc.Input(id="edit-email", **{**text, "type": "email"}), lang),
            _field("focal_phone", dcc.Input(id="edit-phone", **{**text, "type": "tel"}), lang),
            _field(
                "col_channel",
                dcc.Dropdown(
                    id="edit-channel",
                    options=[{"label": c, "value": c} for c in members.CHANNELS],
                    clearable=False,
                ),
                lang,
            ),
            _field("agency_retire_on", dcc.Input(id="edit-retire-on", type="date"), lang),
            html.Div(
                [
                    html.Button(
                        t("agency_save", lang), id="edit-save", className="btn btn-primary"
                    ),
                    html.Button(
                        t("agency_retire", lang),
                        id="edit-retire",
                        className="btn btn-outline-danger ms-1",
                    ),
                    html.Button(
                        t("agency_reactivate", lang),
                        id="edit-reactivate",
                        className="btn btn-outline-secondary ms-1",
                    ),
                ]
            ),
            html.Div(id="edit-agency-result", role="status"),
        ],
        className="form-grid",
        id="edit-agency",
    )


def matrix_view(plan_code: str, lang: str) -> html.Div:
    with store.session() as s:
        plan = get_plan(s, plan_code)
        table = matrix_table(s, plan)
    if table.empty:
        return html.Div(html.P(t("matrix_none", lang)), id="matrix-table")
    demo = bool(table["demo"].any())
    head = html.Tr([html.Th(t(k, lang)) for k in ("col_code", "col_agency", "col_lead")])
    body = [
        html.Tr([html.Td(r.kode), html.Td(r.instansi), html.Td("✓" if r.utama else "")])
        for r in table.itertuples()
    ]
    return html.Div(
        [
            html.P(t("matrix_demo", lang), className="demo-notice") if demo else None,
            html.P(t("matrix_count", lang, rows=len(table), agencies=table["instansi"].nunique())),
            html.Div(
                html.Table([html.Thead(head), html.Tbody(body)], className="grid"),
                className="table-scroll matrix-scroll",
                tabIndex="0",
                role="region",
                **{"aria-label": t("matrix_title", lang)},
            ),
        ],
        id="matrix-table",
    )


def reminder_view(plan_code: str, lang: str) -> html.Div:
    """Today's reminders: who owes what, how they are reached, and a wa.me link to send by
    hand for agencies on WhatsApp (recorded with 'sent')."""
    today = _today()
    with store.session() as s:
        plan = get_plan(s, plan_code)
        due = reminders.notices(s, plan, today)
        sent = reminders.sent_today(s, plan, today)
    if not due:
        return html.Div(html.P(t("remind_none", lang)), id="reminder-list")
    items = []
    for n in due:
        years = ", ".join(str(o.year) for o in n.owed)
        line = [html.Strong(n.agency.code), f": {years} "]
        if n.channel == "whatsapp" and n.recipient:
            link = reminders.whatsapp_link(n)
            line += [
                html.A(
                    t("remind_whatsapp", lang),
                    href=link,
                    target="_blank",
                    rel="noopener",
                    className="btn btn-sm btn-success",
                    id=f"wa-{n.agency.code}",
                ),
                html.Button(
                    t("remind_mark_sent", lang),
                    id={"type": "wa-sent", "agency": n.agency.code},
                    className="btn btn-sm btn-outline-secondary ms-1",
                ),
            ]
        elif n.channel == "email" and n.recipient:
            line.append(t("remind_by_email", lang, to=n.recipient))
        else:
            line.append(html.Span(t("remind_no_contact", lang), className="missing-contact"))
        items.append(html.Li(line, id=f"remind-{n.agency.code}"))
    done = len({a for a, _y, c in sent if a is not None})
    return html.Div(
        [
            html.Ul(items),
            html.P(t("remind_done_today", lang, n=done), className="footnote"),
        ],
        id="reminder-list",
    )


def layout(lang: str = "id", plan: str | None = None, **query):
    """Agencies, the matrix, templates for all, reminders."""
    lang = pick_lang(lang)
    query = {"plan": plan, **query}
    with store.session() as s:
        found = get_plan(s, plan)
        if found is None:
            return no_plan_page(lang, "/instansi", query)
        matrix = has_matrix(s, found)
    years = list(range(found.start_year, found.end_year + 1))
    this_year = min(max(_today().year, found.start_year), found.end_year)
    body = [
        html.H1(t("agencies_title", lang)),
        html.P(found.title, className="plan-title"),
        dcc.Store(id="agencies-args", data={"plan": found.code, "lang": lang}),
        html.H2(t("agencies_members", lang)),
        agency_table(lang),
        html.Details(
            [html.Summary(t("agency_add", lang)), add_form(lang)],
            open=False,
            id="add-agency-box",
        ),
        html.Details(
            [html.Summary(t("agency_edit", lang)), edit_form(lang)],
            open=False,
            id="edit-agency-box",
        ),
        html.P(t("agencies_cli", lang), className="footnote"),
        html.H2(t("matrix_title", lang)),
        html.P(t("matrix_help", lang), className="footnote"),
        dcc.Upload(
            html.Div(t("matrix_upload", lang)),
            id="matrix-upload",
            max_size=MAX_FILE_BYTES,
            className="upload-zone",
        ),
        html.Div(id="matrix-result", role="status"),
        html.A(
            t("matrix_download", lang),
            href="/download/responsibility.csv?" + urlencode({"plan": found.code}),
            id="matrix-download",
        )
        if matrix
        else None,
        matrix_view(found.code, lang),
        html.H2(t("templates_title", lang)),
        html.P(t("templates_help", lang), className="footnote"),
        html.Div(
            [
                dcc.Dropdown(
                    id="templates-year",
                    options=[{"label": str(y), "value": y} for y in years],
                    value=this_year,
                    clearable=False,
                    className="filter",
                ),
                dcc.Dropdown(
                    id="templates-tw",
                    options=[{"label": t("annual", lang), "value": 0}]
                    + [{"label": f"TW {q}", "value": q} for q in (1, 2, 3, 4)],
                    value=0,
                    clearable=False,
                    className="filter",
                ),
                html.A(t("templates_download", lang), id="templates-link", href=""),
            ],
            className="filter-bar",
        ),
        html.H2(t("remind_title", lang)),
        html.P(t("remind_help", lang), className="footnote"),
        html.Div(id="reminder-result", role="status"),
        reminder_view(found.code, lang),
    ]
    return shell(lang, "/instansi", query, body)


def _args_ok(args) -> tuple[str, str]:
    if not current_actor().is_admin or not isinstance(args, dict):
        raise PreventUpdate
    return str(args.get("plan") or ""), pick_lang(args.get("lang"))


@callback(
    Output("new-agency-result", "children"),
    Output("agency-table", "children"),
    Input("new-agency", "n_clicks"),
    State("new-code", "value"),
    State("new-name", "value"),
    State("new-kind", "value"),
    State("new-aliases", "value"),
    State("new-focal", "value"),
    State("new-email", "value"),
    State("new-phone", "value"),
    State("new-channel", "value"),
    State("agencies-args", "data"),
    prevent_initial_call=True,
)
def add_agency(clicks, code, name, kind, aliases, focal, mail, phone, channel, args):
    """Add the agency (admins only), audited; the table shows it at once."""
    plan_code, lang = _args_ok(args)
    if not clicks:
        raise PreventUpdate
    actor = current_actor()
    try:
        with store.session() as s:
            plan = get_plan(s, plan_code)
            members.add(
                s,
                str(code or ""),
                str(name or ""),
                str(kind or "government"),
                plan.region_code if plan else None,
                actor.audit_name,
                str(aliases or "").split(";"),
                Contact(
                    str(focal or ""), str(mail or ""), str(phone or ""), str(channel or "email")
                ),
            )
            s.commit()
    except AgencyError as exc:
        return html.P(exc.message(lang), className="error"), dash.no_update
    done = html.P(t("agency_added", lang, code=str(code).strip().upper()), id="agency-added")
    return done, agency_table(lang).children


@callback(
    Output("matrix-result", "children"),
    Output("matrix-table", "children"),
    Input("matrix-upload", "contents"),
    State("matrix-upload", "filename"),
    State("agencies-args", "data"),
    prevent_initial_call=True,
)
def upload_matrix(contents, filename, args):
    """Import a matrix file (admins only): all of it, or nothing with every problem named."""
    plan_code, lang = _args_ok(args)
    if not contents or not isinstance(contents, str) or "," not in contents:
        raise PreventUpdate
    data = base64.b64decode(contents.split(",", 1)[1])
    name = safe_file_name(str(filename or "matriks"))
    with store.session() as s:
        plan = get_plan(s, plan_code)
        if plan is None:
            raise PreventUpdate
        matrix = import_matrix(s, plan, data, name, current_actor().audit_name)
        if matrix.ok:
            s.commit()
        else:
            s.rollback()
    if not matrix.ok:
        problems = [html.Li(f"{p.place(lang)}: {p.message(lang)}") for p in matrix.problems]
        message = [html.P(t("matrix_refused", lang), className="error"), html.Ul(problems)]
        return message, dash.no_update
    agencies = len({i.agency_id for i in matrix.items})
    message = html.P(t("matrix_loaded", lang, rows=len(matrix.items), agencies=agencies))
    return message, matrix_view(plan_code, lang).children


@callback(
    Output("templates-link", "href"),
    Input("templates-year", "value"),
    Input("templates-tw", "value"),
    State("agencies-args", "data"),
)
def templates_link(year, quarter, args):
    """The zip's URL from the chosen period (reads nothing; the download checks the role)."""
    params = {"plan": (args or {}).get("plan", ""), "year": year}
    if quarter:
        params["tw"] = quarter
    return "/download/templates.zip?" + urlencode(params)


@callback(
    Output("reminder-result", "children"),
    Output("reminder-list", "children"),
    Input({"type": "wa-sent", "agency": ALL}, "n_clicks"),
    State("agencies-args", "data"),
    prevent_initial_call=True,
)
def whatsapp_sent(_clicks, args):
    """Record the WhatsApp reminder the admin sent by hand (once per period and day)."""
    plan_code, lang = _args_ok(args)
    pressed = ctx.triggered_id
    if pressed is None or not ctx.triggered[0]["value"]:
        raise PreventUpdate
    today = _today()
    with store.session() as s:
        plan = get_plan(s, plan_code)
        notice = next(
            (n for n in reminders.notices(s, plan, today) if n.agency.code == pressed["agency"]),
            None,
        )
        if notice is None or notice.channel != "whatsapp":
            raise PreventUpdate
        years = [o.year for o in notice.owed]
        reminders.claim(
            s,
            plan,
            notice.agency,
            years,
            "whatsapp",
            notice.recipient,
            today,
            current_actor().audit_name,
        )
    message = html.P(t("remind_recorded", lang, agency=notice.agency.code))
    return message, reminder_view(plan_code, lang).children


@callback(
    Output("edit-name", "value"),
    Output("edit-aliases", "value"),
    Output("edit-focal", "value"),
    Output("edit-email", "value"),
    Output("edit-phone", "value"),
    Output("edit-channel", "value"),
    Input("edit-code", "value"),
    State("agencies-args", "data"),
    prevent_initial_call=True,
)
def edit_fields(code, args):
    """The chosen agency's current values in the form (admins only)."""
    _args_ok(args)
    with store.session() as s:
        row = next((r for r in members.table(s) if r["code"] == code), None)
    if row is None:
        raise PreventUpdate
    return (
        row["name"],
        row["aliases"],
        row["focal_name"],
        row["focal_email"],
        row["focal_phone"],
        row["channel"],
    )


@callback(
    Output("edit-agency-result", "children"),
    Output("agency-table", "children", allow_duplicate=True),
    Input("edit-save", "n_clicks"),
    Input("edit-retire", "n_clicks"),
    Input("edit-reactivate", "n_clicks"),
    State("edit-code", "value"),
    State("edit-name", "value"),
    State("edit-aliases", "value"),
    State("edit-focal", "value"),
    State("edit-email", "value"),
    State("edit-phone", "value"),
    State("edit-channel", "value"),
    State("edit-retire-on", "value"),
    State("agencies-args", "data"),
    prevent_initial_call=True,
)
def edit_agency(_s, _r, _a, code, name, aliases, focal, mail, phone, channel, retire_on, args):
    """Save, retire or reactivate the chosen agency (admins only); each change audited."""
    _plan_code, lang = _args_ok(args)
    pressed = ctx.triggered_id
    if not code or pressed is None or not ctx.triggered[0]["value"]:
        raise PreventUpdate
    actor = current_actor().audit_name
    try:
        with store.session() as s:
            agency = members.find(s, str(code))
            if pressed == "edit-save":
                # the aliases' changes as the form shows them, worked out before a rename adds
                # the old name (which must stay: files written under it still find the agency)
                wanted = [a.strip() for a in str(aliases or "").split(";") if a.strip()]
                have = list(agency.aliases or [])
                added = [a for a in wanted if a not in have]
                removed = [a for a in have if a not in wanted]
                if added or removed:
                    members.alias(s, agency.code, actor, added, removed)
                if name and " ".join(str(name).split()) != agency.name:
                    members.rename(s, agency.code, str(name), actor)
                members.update(
                    s,
                    agency.code,
                    actor,
                    Contact(str(focal or ""), str(mail or ""), str(phone or ""), channel),
                )
                message = t("agency_saved", lang, code=agency.code)
            elif pressed == "edit-retire":
                try:
                    day = date.fromisoformat(str(retire_on or ""))
                except ValueError:
                    return html.P(t("agency_retire_date", lang), className="error"), dash.no_update
                members.retire(s, agency.code, actor, day)
                message = t("agency_retired_done", lang, code=agency.code, day=day.isoformat())
            else:
                members.retire(s, agency.code, actor, _today(), undo=True)
                message = t("agency_reactivated", lang, code=agency.code)
            s.commit()
    except AgencyError as exc:
        return html.P(exc.message(lang), className="error"), dash.no_update
    return html.P(message, id="agency-edited"), agency_table(lang).children
