"""Pages for administrators: the store and its privacy settings, accounts, survey waves, the
queue of ideas, complaints and correction requests, and importing data. Each action
calls one facade function; every form carries the session's CSRF token."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from ..app import accounts, intranet, rights
from ..app import data as appdata
from ..app import survey as appsurvey
from ..errors import InputError, KgraphError
from ..i18n import _
from ..textsafe import csv_safe
from .app import UPLOAD_LIMIT, Ctx, HTTPError, page, status_of
from .render import table


def _changed(ctx: Ctx) -> None:
    """The data or the privacy settings changed: every handle reads them again."""
    ctx.site.reopen()


@page("/admin", role="admin")
def overview(ctx: Ctx):
    return ctx.render("admin.html", info=table(appdata.info(ctx.site.kg)), settings=rights.privacy_settings(ctx.site.kg),
                      site=ctx.site, message=ctx.arg("done"))


@page("/admin/privacy", role="admin", methods=("POST",))
def privacy(ctx: Ctx):
    size = ctx.posted("min_group_size").strip()
    mode = ctx.posted("aggregate_only")
    if size and not size.isdigit():
        raise HTTPError(400, _("the minimum group size must be a whole number"))
    rights.privacy_settings(ctx.site.kg, aggregate_only=None if mode not in ("on", "off") else mode == "on",
                            min_group_size=int(size) if size else None, confirm=ctx.posted("confirm") == "yes")
    _changed(ctx)
    return ctx.redirect("/admin?done=privacy")


@page("/admin/language", role="admin", methods=("POST",))
def language(ctx: Ctx):
    intranet.site_language(ctx.site.kg, ctx.posted("language"))
    _changed(ctx)
    return ctx.redirect("/admin?done=language")


@page("/admin/reload", role="admin", methods=("POST",))
def reload(ctx: Ctx):
    _changed(ctx)
    return ctx.redirect("/admin?done=reload")


@page("/admin/users", role="admin")
def users(ctx: Ctx):
    return ctx.render("admin_users.html", users=table(accounts.user_list(ctx.site.kg)), roles=accounts.ROLES,
                      error=None, values={})


@page("/admin/users", role="admin", methods=("POST",))
def user_add(ctx: Ctx):
    values = {k: ctx.posted(k) for k in ("name", "role", "person")}
    try:
        accounts.user_add(ctx.site.kg, values["name"], role=values["role"], person=values["person"].strip() or None,
                          password=ctx.posted("password") or None)
    except KgraphError as err:
        return ctx.render("admin_users.html", status=status_of(err), users=table(accounts.user_list(ctx.site.kg)),
                          roles=accounts.ROLES, error=err.message, values=values)
    return ctx.redirect("/admin/users")


@page("/admin/users/remove", role="admin", methods=("POST",))
def user_remove(ctx: Ctx):
    name = ctx.posted("name")
    if name.strip().lower() == ctx.user.name.lower():
        raise HTTPError(400, _("you cannot remove your own account here"), hint=_("use kgraph user remove NAME"))
    accounts.user_remove(ctx.site.kg, name)
    return ctx.redirect("/admin/users")


@page("/admin/survey", role="admin")
def survey(ctx: Ctx):
    waves = appsurvey.survey_waves(ctx.site.kg)
    return ctx.render("admin_survey.html", waves=waves.to_dict("records"), error=None, closed=None)


@page("/admin/survey", role="admin", methods=("POST",))
def survey_create(ctx: Ctx):
    """Open a wave (or make links for new staff): the links come back as a CSV file, the only copy."""
    from starlette.responses import Response

    wave = ctx.posted("wave")
    questions = [q for q in ("ties", "skills", "needs") if ctx.posted(q) == "yes"]
    df = appsurvey.survey_create(ctx.site.kg, wave, questions=questions or None,
                                 url=ctx.site.url or str(ctx.request.base_url))
    out = io.StringIO()
    import csv

    w = csv.writer(out)
    w.writerow(list(df.columns))
    for row in df.itertuples(index=False):
        w.writerow([csv_safe("" if v is None else v) for v in row])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="kgraph-survey-{df.attrs["wave"]}-links.csv"'})


@page("/admin/survey/close", role="admin", methods=("POST",))
def survey_close(ctx: Ctx):
    df = appsurvey.survey_close(ctx.site.kg, ctx.posted("wave"), dry_run=ctx.posted("dry_run") == "yes")
    if not df.attrs["dry_run"]:
        _changed(ctx)
    waves = appsurvey.survey_waves(ctx.site.kg)
    return ctx.render("admin_survey.html", waves=waves.to_dict("records"), error=None,
                      closed={"attrs": df.attrs, "t": table(df)})


@page("/admin/queue", role="admin")
def queue(ctx: Ctx):
    return ctx.render("admin_queue.html", q=intranet.intake(ctx.site.kg))


@page("/admin/queue", role="admin", methods=("POST",))
def settle(ctx: Ctx):
    intranet.settle(ctx.site.kg, ctx.posted("kind"), ctx.posted("key"), status=ctx.posted("status"),
                    note=ctx.posted("note") or None)
    return ctx.redirect("/admin/queue")


@page("/admin/import", role="admin")
def import_form(ctx: Ctx):
    return ctx.render("admin_import.html", report=None, error=None, problems=[])


def _unpack(name: str, data: bytes, folder: Path) -> Path:
    """The uploaded workbook, or the CSV files of an uploaded ZIP, written into ``folder``."""
    lower = name.lower()
    if lower.endswith((".xlsx", ".xlsm")):
        path = folder / ("upload" + Path(lower).suffix)
        path.write_bytes(data)
        return path
    if not lower.endswith(".zip"):
        raise InputError(_("upload an Excel workbook (.xlsx) or a ZIP file of CSV files"))
    out = folder / "tables"
    out.mkdir()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = [i for i in z.infolist() if not i.is_dir() and i.filename.lower().endswith(".csv")]
            if sum(i.file_size for i in members) > 8 * UPLOAD_LIMIT:
                raise InputError(_("the ZIP file unpacks to more than {n} MB").format(n=8 * UPLOAD_LIMIT // 2**20))
            for i in members:
                base = Path(i.filename.replace("\\", "/")).name
                if base.startswith(".") or not base:
                    continue
                (out / base).write_bytes(z.read(i))
    except zipfile.BadZipFile:
        raise InputError(_("not a ZIP file")) from None
    return out


@page("/admin/import", role="admin", methods=("POST",), limit=UPLOAD_LIMIT)
def import_upload(ctx: Ctx):
    if ctx.upload is None or not ctx.upload[1]:
        return ctx.render("admin_import.html", status=400, report=None, error=_("choose a file"), problems=[])
    try:
        with tempfile.TemporaryDirectory(prefix="kgraph-upload-") as tmp:
            path = _unpack(ctx.upload[0], ctx.upload[1], Path(tmp))
            report = appdata.import_data(ctx.site.kg, path)
    except KgraphError as err:
        problems = [str(p) for p in getattr(err, "problems", [])]
        return ctx.render("admin_import.html", status=status_of(err), report=None, error=err.message, problems=problems)
    _changed(ctx)
    rows = [r for r in report.rows() if r["added"] or r["changed"] or r["removed"]]
    return ctx.render("admin_import.html", report={"summary": report.summary(), "t": table(rows)}, error=None,
                      problems=[])
