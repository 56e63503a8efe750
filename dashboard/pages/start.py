"""Mulai / Getting started (admins only): the secretariat's checklist from the demo to a live
task force, each step ticked from what the store holds, with where (or the command) to do it."""

from dataclasses import dataclass

import dash
from dash import dcc, html
from sqlmodel import func, select

from dashboard import store
from dashboard.components.shell import no_plan_page, shell
from dashboard.i18n import pick_lang, t
from indicators import agencies as members
from indicators.models import (
    AuditEvent,
    PendingUpload,
    Reminder,
    Responsibility,
    Role,
    Submission,
    User,
)
from indicators.queries import get_plan

dash.register_page(__name__, path="/mulai", name="nav_start", title="radtrack - mulai", order=11)


@dataclass
class Step:
    key: str
    done: bool
    status: str  # what the store says, in words
    link: str | None  # a page of the dashboard
    command: str  # the same on the command line


def steps(plan, lang: str) -> list[Step]:
    """Each step and whether the store shows it done."""
    with store.session() as s:
        roles = dict(
            s.exec(
                select(User.role, func.count()).where(User.active == True).group_by(User.role)  # noqa: E712
            ).all()
        )
        from datetime import UTC, datetime

        active = members.active(s, datetime.now(UTC).date())
        reached = [a for a in active if a.focal_email or a.focal_phone]
        real_matrix = s.exec(
            select(func.count()).where(
                Responsibility.plan_id == plan.id,
                Responsibility.is_demo == False,  # noqa: E712
            )
        ).one()
        handed = (
            s.exec(
                select(func.count()).where(
                    AuditEvent.plan_id == plan.id, AuditEvent.action == "templates.downloaded"
                )
            ).one()
            + s.exec(select(func.count()).where(Reminder.plan_id == plan.id)).one()
        )
        real = s.exec(
            select(func.count()).where(
                Submission.plan_id == plan.id,
                Submission.is_demo == False,  # noqa: E712
            )
        ).one()
        demo = (
            s.exec(
                select(func.count()).where(
                    Submission.plan_id == plan.id,
                    Submission.is_demo == True,  # noqa: E712
                )
            ).one()
            + s.exec(
                select(func.count()).where(
                    PendingUpload.plan_id == plan.id,
                    PendingUpload.is_demo == True,  # noqa: E712
                )
            ).one()
        )
    admins, uploaders = roles.get(Role.ADMIN, 0), roles.get(Role.UPLOADER, 0)
    return [
        Step(
            "accounts",
            admins >= 1 and uploaders >= 1,
            t(
                "start_accounts_status",
                lang,
                admins=admins,
                uploaders=uploaders,
                viewers=roles.get(Role.VIEWER, 0),
            ),
            None,
            "radtrack user add NAMA --role admin --password-stdin"
            if admins == 0
            else "radtrack user add NAMA --role uploader --agency KODE --password-stdin",
        ),
        Step(
            "agencies",
            bool(active) and len(reached) == len(active),
            t("start_agencies_status", lang, active=len(active), reached=len(reached)),
            "/instansi",
            "radtrack agency add KODE --name ... --email ... --phone ...",
        ),
        Step(
            "matrix",
            real_matrix > 0,
            t("start_matrix_status", lang, rows=real_matrix),
            "/instansi",
            "radtrack responsibility import matriks.xlsx",
        ),
        Step(
            "templates",
            handed > 0 or real > 0,
            t("start_templates_status", lang, n=handed),
            "/instansi",
            "radtrack template --all --year TAHUN -o templat/ · radtrack remind",
        ),
        Step(
            "first_report",
            real > 0,
            t("start_first_report_status", lang, n=real),
            "/unggah",
            "radtrack ingest LAPORAN.xlsx",
        ),
        Step(
            "demo",
            demo == 0,
            t("start_demo_status", lang, n=demo),
            None,
            "radtrack demo --remove",
        ),
        Step(
            "publish",
            plan.published,
            t("start_published" if plan.published else "start_unpublished", lang),
            None,
            f"radtrack publish {plan.code}",
        ),
    ]


def layout(lang: str = "id", plan: str | None = None, **query):
    """The checklist for `plan`."""
    lang = pick_lang(lang)
    query = {"plan": plan, **query}
    with store.session() as s:
        found = get_plan(s, plan)
    if found is None:
        return no_plan_page(lang, "/mulai", query)
    items = []
    todo = steps(found, lang)
    for number, step in enumerate(todo, start=1):
        mark = "✓" if step.done else "○"
        where = []
        if step.link:
            href = step.link + (f"?plan={found.code}" + ("&lang=en" if lang == "en" else ""))
            where.append(dcc.Link(t(f"start_{step.key}_go", lang), href=href))
            where.append(" · ")
        where.append(html.Code(step.command))
        items.append(
            html.Li(
                [
                    html.Span(mark, className="step-mark", **{"aria-hidden": "true"}),
                    html.Strong(f"{number}. {t(f'start_{step.key}', lang)}"),
                    html.Span(
                        t("start_done" if step.done else "start_todo", lang),
                        className="visually-hidden",
                    ),
                    html.Div(step.status, className="step-status"),
                    html.Div(where, className="step-how"),
                ],
                className="step step-done" if step.done else "step step-todo",
                id=f"step-{step.key}",
                **{"data-done": "1" if step.done else "0"},
            )
        )
    left = sum(not step.done for step in todo)
    body = [
        html.H1(t("start_title", lang)),
        html.P(found.title, className="plan-title"),
        html.P(t("start_intro", lang, left=left, total=len(todo)), id="start-summary"),
        html.Ol(items, id="start-steps", className="steps"),
    ]
    return shell(lang, "/mulai", query, body)
