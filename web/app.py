"""`claimline serve`: the analyst's workbench, a Starlette app with server-rendered Jinja pages.

The app holds no logic of its own: every page is one call into reconcile/ (search, entity page,
document view, review queue and decisions, merge and split) inside one database session, and
every state change is a POST checked by :mod:`web.security`. Pages work without script; htmx
(vendored in web/static) only makes navigation, search-as-you-type, filters and the presence poll
smoother, and `workbench.js` adds the review keys c/d/n/s/u.

Database calls are synchronous: GET pages are plain functions (Starlette runs them in its thread
pool), and POST handlers read the form, then run their work in the pool.
"""
from __future__ import annotations

import gc
from collections.abc import Callable
from importlib import resources
from typing import Any
from urllib.parse import urlencode

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from reconcile.documents import DocumentNotFound, document_view
from reconcile.entities import DecisionRefused, EntityNotFound, merge_entities, split_entity
from reconcile.entity_page import entity_page
from reconcile.export.safe import link_url
from reconcile.axis import AXIS_CSS, AXIS_JS  # after reconcile.export, whose package imports axis  # noqa: I001
from reconcile.export.when import in_words
from reconcile.links import LINK_TYPES, LinkError
from reconcile.review import decide, open_queue, review_view, undo_last
from reconcile.search import search
from reconcile.timeline import UnknownEntity
from store.engine import session_scope
from store.presence import leave, visit
from web.security import (
    AUTH_COOKIE,
    CSRF_FIELD,
    CSRF_HEADER,
    HEADERS,
    REVIEWER_COOKIE,
    SESSION_COOKIE,
    Guard,
    clean_name,
    new_session_id,
)

FLASH_COOKIE = "claimline_flash"
REVIEW_ACTIONS = ("confirm", "dismiss", "note")
FIRST_SCREEN = 100
"""Statements in the entity page's first response; the page fetches the rest right after."""
OPEN_PATHS = ("/static/", "/assets/", "/login")


def _package_dir(name: str) -> str:
    return str(resources.files("web").joinpath(name))


def marked(text: str, spans: list[tuple[int, int]], offset: int = 0) -> list[tuple[str, bool]]:
    """`text` cut into (piece, is_marked) at `spans` (character spans, shifted by `offset`), for
    templates to wrap the marked pieces in <mark> while every piece stays escaped text."""
    out, pos = [], 0
    for start, end in sorted(spans):
        start, end = max(start - offset, pos), min(end - offset, len(text))
        if start >= end:
            continue
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    if pos < len(text):
        out.append((text[pos:], False))
    return out


class Guarded(BaseHTTPMiddleware):
    """Access (token), the session cookie the CSRF token is bound to, and security headers."""

    def __init__(self, app: Any, guard: Guard) -> None:
        super().__init__(app)
        self.guard = guard

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        guard = self.guard
        response: Response
        query_token = request.query_params.get("token")
        if guard.locked and query_token is not None and guard.check_token(query_token):
            rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
            target = request.url.path + ("?" + urlencode(rest) if rest else "")
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(AUTH_COOKIE, query_token, httponly=True, samesite="strict")
        elif not guard.allowed(request) and not request.url.path.startswith(OPEN_PATHS):
            if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
                response = RedirectResponse("/login?" + urlencode({"next": request.url.path}), status_code=303)
            else:
                response = Response("this server needs its token (see `claimline serve --token`)\n",
                                    status_code=401, media_type="text/plain")
        else:
            session_id = request.cookies.get(SESSION_COOKIE)
            fresh = session_id is None
            request.state.session_id = session_id or new_session_id()
            response = await call_next(request)
            if fresh:
                response.set_cookie(SESSION_COOKIE, request.state.session_id, httponly=True, samesite="strict")
        for key, value in HEADERS.items():
            response.headers.setdefault(key, value)
        if response.headers.get("content-type", "").startswith("text/html"):
            response.headers.setdefault("cache-control", "no-store")
        return response


def create_app(
    engine: Any,
    *,
    guard: Guard | None = None,
    allowed_hosts: list[str] | None = None,
) -> Starlette:
    """The workbench on `engine`. `allowed_hosts` are the Host headers answered (a loopback
    server answers only its loopback names, which stops DNS-rebinding pages from reading it)."""
    guard = guard or Guard()
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_package_dir("templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["href"] = link_url
    env.filters["when_words"] = lambda when: in_words(when.get("edtf"), when.get("text"))
    env.filters["rel"] = lambda v: "unscored" if v is None else f"{v:.2f}"
    env.filters["label"] = lambda v: str(v).replace("_", " ")
    env.filters["marked"] = marked
    templates = Jinja2Templates(env=env)

    def page(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> Response:
        flash = request.cookies.get(FLASH_COOKIE)
        base = {
            "csrf": guard.csrf_token(request.state.session_id),
            "csrf_field": CSRF_FIELD,
            "reviewer": guard.reviewer(request),
            "names_fixed": guard.names_fixed,
            "flash": flash,
            "htmx": request.headers.get("hx-request") == "true",
            "path": request.url.path,
        }
        response = templates.TemplateResponse(request, name, {**base, **context}, status_code=status_code)
        if flash:
            response.delete_cookie(FLASH_COOKIE)
        return response

    def redirect(url: str, message: str | None = None) -> Response:
        response = RedirectResponse(url, status_code=303)
        if message:
            response.set_cookie(FLASH_COOKIE, message[:300], httponly=True, samesite="strict")
        return response

    async def checked_form(request: Request) -> FormData:
        """The POST's form, refused (403) unless it carries this session's CSRF token."""
        form = await request.form()
        submitted = request.headers.get(CSRF_HEADER) or form.get(CSRF_FIELD)
        if not guard.csrf_ok(request, submitted if isinstance(submitted, str) else None):
            raise HTTPException(403, "refused: this form has no valid CSRF token (reload the page and try again)")
        return form

    def who(request: Request) -> str:
        name = guard.reviewer(request)
        if not name:
            raise HTTPException(403, "refused: say who you are first (set your reviewer name at the top of the page)")
        return name

    def in_db(work: Callable[[Any], Any]) -> Any:
        with session_scope(engine) as session:
            return work(session)

    # -- pages ---------------------------------------------------------------------------------

    def home(request: Request) -> Response:
        q = request.query_params.get("q", "")
        results = in_db(lambda s: search(s, q))
        template = "_results.html" if request.headers.get("hx-target") == "results" else "search.html"
        return page(request, template, {"q": q, "results": results})

    def entity(request: Request) -> Response:
        """The entity page: its axis, counts and filters over the whole life, and the first
        FIRST_SCREEN statements; the page then fetches the rest (`entity_statements`) at once,
        and without script a link opens them all (`?all=1`)."""
        entity_id = request.path_params["entity_id"]
        filters = {k: v for k, v in request.query_params.items()}
        limit = None if filters.get("all") == "1" else FIRST_SCREEN
        try:
            data = in_db(lambda s: entity_page(s, entity_id, filters, limit=limit))
        except EntityNotFound as exc:
            raise HTTPException(404, str(exc)) from exc
        template = "_events.html" if request.headers.get("hx-target") == "events" else "entity.html"
        return page(request, template, {"e": data, **_more_urls(data)})

    def entity_statements(request: Request) -> Response:
        """The entity's statements from `offset` on, to add under those the page shows."""
        entity_id = request.path_params["entity_id"]
        filters = {k: v for k, v in request.query_params.items()}
        try:
            offset = int(filters.get("offset", "0"))
            data = in_db(lambda s: entity_page(s, entity_id, filters, offset=offset, axis=False))
        except ValueError as exc:
            raise HTTPException(400, "offset must be a whole number") from exc
        except EntityNotFound as exc:
            raise HTTPException(404, str(exc)) from exc
        return page(request, "_events.html", {"e": data, **_more_urls(data)})

    def _more_urls(data: dict[str, Any]) -> dict[str, str]:
        if not data["next_offset"]:
            return {}
        query = list(data["filters"].items())
        return {
            "more_url": f"/entities/{data['id']}/statements?" + urlencode([("offset", data["next_offset"]), *query]),
            "all_url": f"/entities/{data['id']}?" + urlencode([("all", "1"), *query]),
        }

    def source(request: Request) -> Response:
        try:
            doc = in_db(lambda s: document_view(s, request.path_params["document_id"]))
        except DocumentNotFound as exc:
            raise HTTPException(404, str(exc)) from exc
        return page(request, "source.html", {"doc": doc})

    def _queue_filters(request: Request) -> dict[str, Any]:
        type_ = request.query_params.get("type", "all")
        if type_ not in (*LINK_TYPES, "all"):
            raise HTTPException(400, f"unknown link type {type_!r}")
        return {"type": type_, "entity": request.query_params.get("entity") or None}

    def review_next(request: Request) -> Response:
        filters = _queue_filters(request)
        try:
            queue = in_db(lambda s: open_queue(s, **filters))
        except (UnknownEntity, LinkError) as exc:
            raise HTTPException(404, str(exc)) from exc
        if not queue:
            return page(request, "review.html", {"link": None, "queue": [], "filters": filters, "others": []})
        return review_link(request, queue[0], queue, filters)

    def review_one(request: Request) -> Response:
        filters = _queue_filters(request)
        queue = in_db(lambda s: open_queue(s, **filters))
        return review_link(request, request.path_params["link_id"], queue, filters)

    def review_link(request: Request, link_id: int, queue: list[int], filters: dict[str, Any]) -> Response:
        try:
            link = in_db(lambda s: review_view(s, link_id))
        except LinkError as exc:
            raise HTTPException(404, str(exc)) from exc
        position = queue.index(link_id) + 1 if link_id in queue else None
        later = queue[position:] if position else [k for k in queue if k != link_id]
        others = in_db(lambda s: visit(s, link_id, guard.reviewer(request) or "someone unnamed"))
        return page(request, "review.html", {
            "link": link, "queue": queue, "position": position, "next_id": later[0] if later else None,
            "filters": filters, "others": others,
        })

    def review_presence(request: Request) -> Response:
        link_id = request.path_params["link_id"]
        others = in_db(lambda s: visit(s, link_id, guard.reviewer(request) or "someone unnamed"))
        return page(request, "_presence.html", {"others": others, "link_id": link_id})

    # -- state changes (POST, CSRF-checked) -------------------------------------------------------

    async def review_act(request: Request) -> Response:
        form = await checked_form(request)
        action = request.path_params["action"]
        link_id = request.path_params["link_id"]
        if action not in REVIEW_ACTIONS:
            raise HTTPException(404, f"no review action {action!r}")
        name = who(request)
        note = str(form.get("note") or "")

        def work(s: Any) -> str:
            link = decide(s, link_id, action, reviewer=name, note=note or None)
            if action != "note":
                leave(s, link_id, name)  # on to the next link
            return f"link {link.id} {'noted' if action == 'note' else link.status} by {name}"

        try:
            message = await run_in_threadpool(in_db, work)
        except LinkError as exc:
            return redirect(f"/review/{link_id}", str(exc))
        return redirect(f"/review/{link_id}" if action == "note" else "/review", message)

    async def review_undo(request: Request) -> Response:
        await checked_form(request)
        name = who(request)
        try:
            entry = await run_in_threadpool(in_db, lambda s: undo_last(s, name))
        except LinkError as exc:
            return redirect("/review", str(exc))
        if entry is None:
            return redirect("/review", f"nothing of {name}'s to undo")
        return redirect(f"/review/{entry.link_id}", f"undid {entry.action} of link {entry.link_id}")

    async def entity_merge(request: Request) -> Response:
        form = await checked_form(request)
        entity_id = request.path_params["entity_id"]
        other = str(form.get("other") or "").strip()
        note = str(form.get("note") or "").strip() or None
        name = who(request)
        if not other:
            return redirect(f"/entities/{entity_id}", "merge: name the entity (id or name) to merge with")
        try:
            out = await run_in_threadpool(
                in_db, lambda s: merge_entities(s, entity_id, other, note=note, by=name))
        except (EntityNotFound, DecisionRefused) as exc:
            return redirect(f"/entities/{entity_id}", f"merge refused: {exc}")
        d = out["decision"]
        return redirect(f"/entities/{out['entity']}",
                        f"decision #{d['id']}: merged {d['name_a']!r} and {d['name_b']!r} (by {name})")

    async def entity_split(request: Request) -> Response:
        form = await checked_form(request)
        entity_id = request.path_params["entity_id"]
        note = str(form.get("note") or "").strip() or None
        name = who(request)
        try:
            mention_id = int(str(form.get("mention") or ""))
        except ValueError:
            return redirect(f"/entities/{entity_id}", "split: choose a mention")
        try:
            out = await run_in_threadpool(
                in_db, lambda s: split_entity(s, entity_id, mention_id, note=note, by=name))
        except (EntityNotFound, DecisionRefused) as exc:
            return redirect(f"/entities/{entity_id}", f"split refused: {exc}")
        d = out["decision"]
        return redirect(f"/entities/{out['kept']}",
                        f"decision #{d['id']}: {d['name_a']!r} split off as entity {out['entity']} (by {name})")

    async def set_reviewer(request: Request) -> Response:
        form = await checked_form(request)
        back = str(form.get("next") or "/")
        back = back if back.startswith("/") and not back.startswith("//") else "/"
        if guard.names_fixed:
            return redirect(back, "your name comes from your token here")
        name = clean_name(str(form.get("reviewer") or ""))
        response = redirect(back, f"reviewing as {name}" if name else "reviewer name cleared")
        if name:
            response.set_cookie(REVIEWER_COOKIE, name, httponly=True, samesite="strict")
        else:
            response.delete_cookie(REVIEWER_COOKIE)
        return response

    async def login(request: Request) -> Response:
        back = request.query_params.get("next", "/")
        back = back if back.startswith("/") and not back.startswith("//") else "/"
        if request.method == "GET":
            request.state.session_id = request.cookies.get(SESSION_COOKIE) or new_session_id()
            return page(request, "login.html", {"next": back, "failed": False})
        form = await checked_form(request)
        token = str(form.get("token") or "")
        if not guard.check_token(token):
            request.state.session_id = request.cookies.get(SESSION_COOKIE) or new_session_id()
            return page(request, "login.html", {"next": back, "failed": True}, status_code=401)
        response = redirect(back)
        response.set_cookie(AUTH_COOKIE, token, httponly=True, samesite="strict")
        return response

    def axis_asset(request: Request) -> Response:
        """The overview axis's own stylesheet and zoom script (the static export inlines them)."""
        name = request.path_params["name"]
        if name == "axis.js":
            return Response(AXIS_JS, media_type="text/javascript")
        if name == "axis.css":
            return Response(AXIS_CSS, media_type="text/css")
        raise HTTPException(404, f"no asset {name!r}")

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if not hasattr(request.state, "session_id"):
            request.state.session_id = request.cookies.get(SESSION_COOKIE) or new_session_id()
        return page(request, "error.html", {"status": exc.status_code, "detail": exc.detail},
                    status_code=exc.status_code)

    routes = [
        Route("/", home),
        Route("/search", home),
        Route("/entities/{entity_id:int}", entity),
        Route("/entities/{entity_id:int}/statements", entity_statements),
        Route("/entities/{entity_id:int}/merge", entity_merge, methods=["POST"]),
        Route("/entities/{entity_id:int}/split", entity_split, methods=["POST"]),
        Route("/sources/{document_id:int}", source),
        Route("/review", review_next),
        Route("/review/undo", review_undo, methods=["POST"]),
        Route("/review/{link_id:int}", review_one),
        Route("/review/{link_id:int}/presence", review_presence),
        Route("/review/{link_id:int}/{action:str}", review_act, methods=["POST"]),
        Route("/reviewer", set_reviewer, methods=["POST"]),
        Route("/login", login, methods=["GET", "POST"]),
        Route("/assets/{name:str}", axis_asset),
        Mount("/static", app=StaticFiles(directory=_package_dir("static")), name="static"),
    ]
    middleware = [Middleware(Guarded, guard=guard)]
    if allowed_hosts:
        middleware.insert(0, Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts))
    app = Starlette(routes=routes, middleware=middleware, exception_handlers={HTTPException: http_error})
    app.state.guard = guard
    # What exists now (modules, templates, the app) lives as long as the server: out of the
    # collector's full passes, which a page of a thousand statements sets off several times and
    # which otherwise walk all of it each time (a third of that page's time, bench/serve.py).
    gc.collect()
    gc.freeze()
    return app
