"""The single entry point: console script ``user-cleanup``, ``python -m app`` and the GUI.

Exit codes: 0 success, 2 bad input or refused action (one line on stderr), 1 a bug.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app import APP_NAME, __version__, paths
from app.core.errors import Cancelled, UserError
from app.core.models import Action, Criteria, EntraSettings, EntraTemplate
from app.core.store import Workspace
from app.logging_setup import configure_logging, log_file

log = logging.getLogger(__name__)

EXIT_OK, EXIT_BUG, EXIT_USER = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage mistakes as one line and exit code 2."""

    def error(self, message: str) -> Any:
        self.exit(EXIT_USER, f"{self.prog}: error: {message}\n")


def _domain_pair(text: str) -> tuple[str, str]:
    old, sep, new = text.partition("=")
    if not sep or not old.strip() or not new.strip():
        raise argparse.ArgumentTypeError(f"'{text}' is not OLD=NEW")
    return old.strip(), new.strip()


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2024-12-31") from None


def _whole_number(minimum: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}")
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="user-cleanup",
        description=f"{APP_NAME}: find inactive Atlassian users and write Microsoft Entra ID "
        "bulk 'Remove members' files. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="workspace folder (default: per-user data folder)")
    parser.add_argument("--demo", action="store_true", help="open the window on the demo workspace")
    parser.add_argument("--self-test", action="store_true", help="run the built-in smoke test and exit")
    parser.add_argument("-v", "--verbose", action="store_true", help="log to the terminal too")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    gui = sub.add_parser("gui", help="open the window (the default)")
    gui.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help="open the demo workspace")

    sub.add_parser("demo", help="fill an empty workspace with a demo organisation")

    imp = sub.add_parser("import", help="import an Atlassian 'Export users' or generic CSV")
    imp.add_argument("file", type=Path)
    imp.add_argument("--format", choices=("auto", "atlassian", "generic"), default="auto")

    info = sub.add_parser("info", help="workspace summary")
    info.add_argument("--json", action="store_true")

    groups = sub.add_parser("groups", help="list groups")
    groups.add_argument("--json", action="store_true")

    idp = sub.add_parser("idp", help="identity provider settings")
    idp_sub = idp.add_subparsers(dest="provider", metavar="PROVIDER", required=True, parser_class=_Parser)
    entra = idp_sub.add_parser("entra", help="Microsoft Entra ID (prints the settings without options)")
    entra.add_argument("--provisioning", choices=("on", "off"))
    entra.add_argument("--synced-group", action="append", metavar="NAME")
    entra.add_argument("--template", choices=[t.value for t in EntraTemplate])
    entra.add_argument("--max-rows", type=_whole_number(1))
    entra.add_argument("--upn-domain", action="append", type=_domain_pair, metavar="OLD=NEW")
    entra.add_argument("--verified-domain", action="append", metavar="DOMAIN")
    entra.add_argument("--json", action="store_true")

    cleanup = sub.add_parser("cleanup", help="run a cleanup and record it in the history")
    cleanup.add_argument("--name", required=True)
    cleanup.add_argument("--group", action="append", required=True, metavar="G", help="target group")
    cleanup.add_argument("--inactive-days", type=_whole_number(0), required=True, metavar="N")
    cleanup.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="default: today")
    cleanup.add_argument("--member-of", action="append", default=[], metavar="G")
    cleanup.add_argument("--domain", action="append", default=[], metavar="D")
    cleanup.add_argument("--exclude-group", action="append", default=[], metavar="G")
    cleanup.add_argument("--exclude-user", action="append", default=[], metavar="EMAIL")
    cleanup.add_argument("--product", metavar="P")
    cleanup.add_argument("--action", choices=[a.value for a in Action], required=True)
    cleanup.add_argument("--dry-run", action="store_true")
    cleanup.add_argument("--json", action="store_true")

    history = sub.add_parser("history", help="list cleanup runs")
    history.add_argument("--json", action="store_true")

    export = sub.add_parser("export", help="write a cleanup's files")
    export.add_argument("cleanup_id", type=int, metavar="CLEANUP_ID")
    what = export.add_mutually_exclusive_group(required=True)
    what.add_argument("--idp", choices=("entra",), help="one Entra 'Remove members' CSV per group")
    what.add_argument("--users", action="store_true", help="the affected users")
    export.add_argument("--out", type=Path, required=True, metavar="DIR|FILE")
    export.add_argument("--group", action="append", metavar="G")
    export.add_argument("--template", choices=[t.value for t in EntraTemplate])
    export.add_argument("--max-rows", type=_whole_number(1))
    export.add_argument("--overwrite", action="store_true")
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument("--json", action="store_true")
    return parser


# -- output helpers -----------------------------------------------------------------------
def _print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    for row in cells:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def _note(message: str) -> None:
    print(message, file=sys.stderr)


# -- commands ------------------------------------------------------------------------------
def _cmd_demo(ws: Workspace, args: argparse.Namespace) -> int:
    from app.core.demo import build_demo

    if not ws.is_empty():
        raise UserError(f"The workspace {ws.folder} already holds data; use an empty --data-dir.")
    build_demo(ws)
    info = ws.info()
    _note(f"Demo organisation created in {ws.folder}: {info.users} users, {info.cleanups} cleanups.")
    return EXIT_OK


def _cmd_import(ws: Workspace, args: argparse.Namespace) -> int:
    from app.core.importers import import_file

    summary = import_file(ws, args.file, fmt=args.format)
    print(
        f"Imported {summary.users} users, {summary.groups} groups and {summary.memberships} "
        f"memberships ({summary.format} format) from {args.file.name}."
    )
    if summary.rows_without_email:
        print(f"{summary.rows_without_email} rows have no email address and can never be exported.")
    for warning in summary.warnings:
        _note(f"warning: {warning}")
    return EXIT_OK


def _cmd_info(ws: Workspace, args: argparse.Namespace) -> int:
    info = ws.info()
    data = {"users": info.users, "groups": info.groups, "cleanups": info.cleanups, "data_dir": info.data_dir}
    if args.json:
        _print_json(data)
    else:
        for key, value in data.items():
            print(f"{key}: {value}")
        if info.last_import_at:
            print(f"last import: {info.last_import_at:%Y-%m-%d %H:%M} from {info.last_import_file}")
    return EXIT_OK


def _cmd_groups(ws: Workspace, args: argparse.Namespace) -> int:
    groups = ws.groups()
    if args.json:
        _print_json(
            [
                {"name": g.name, "members": g.members, "licensing": g.licensing, "idp_synced": g.idp_synced}
                for g in groups
            ]
        )
    else:
        _print_table(
            ("name", "members", "licensing", "idp_synced"),
            [
                (g.name, g.members, "yes" if g.licensing else "", "entra" if g.idp_synced else "")
                for g in groups
            ],
        )
    return EXIT_OK


def _entra_json(s: EntraSettings) -> dict[str, Any]:
    return {
        "provisioning_enabled": s.provisioning_enabled,
        "synced_groups": list(s.synced_groups),
        "template": s.template.value,
        "max_rows": s.max_rows,
        "upn_domain_rewrites": [f"{a}={b}" for a, b in s.upn_domain_rewrites],
        "verified_domains": list(s.verified_domains),
        "configured": s.configured,
    }


def _cmd_idp(ws: Workspace, args: argparse.Namespace) -> int:
    current = ws.entra_settings()
    changes: dict[str, Any] = {}
    if args.provisioning:
        changes["provisioning_enabled"] = args.provisioning == "on"
    if args.synced_group is not None:
        changes["synced_groups"] = tuple(args.synced_group)
    if args.template:
        changes["template"] = EntraTemplate(args.template)
    if args.max_rows:
        changes["max_rows"] = args.max_rows
    if args.upn_domain is not None:
        changes["upn_domain_rewrites"] = tuple(args.upn_domain)
    if args.verified_domain is not None:
        changes["verified_domains"] = tuple(args.verified_domain)
    if changes:
        from dataclasses import replace

        current = ws.save_entra_settings(replace(current, **changes))
    data = _entra_json(current)
    if args.json:
        _print_json(data)
    else:
        print("Microsoft Entra ID")
        print(f"  Is user provisioning enabled?  {'yes' if current.provisioning_enabled else 'no'}")
        print(f"  Entra-synced groups:           {', '.join(current.synced_groups) or '(none)'}")
        print(f"  CSV template:                  {current.template.value}")
        print(f"  Rows per file:                 {current.max_rows}")
        print(f"  UPN domain rewrites:           {', '.join(data['upn_domain_rewrites']) or '(none)'}")
        print(f"  Verified domains:              {', '.join(current.verified_domains) or '(any)'}")
        if not current.configured:
            print("  The Microsoft Entra ID action is off until provisioning is on and a group is synced.")
    return EXIT_OK


def _cmd_cleanup(ws: Workspace, args: argparse.Namespace) -> int:
    from app.core.engine import run_cleanup

    criteria = Criteria(
        target_groups=tuple(args.group),
        inactive_days=args.inactive_days,
        as_of=args.as_of or dt.date.today(),
        member_of=tuple(args.member_of),
        domains=tuple(args.domain),
        exclude_groups=tuple(args.exclude_group),
        exclude_users=tuple(args.exclude_user),
        product=args.product,
    )
    outcome = run_cleanup(ws, args.name, criteria, Action(args.action), dry_run=args.dry_run)
    if args.json:
        _print_json(
            {"id": outcome.run_id, "affected_users": outcome.affected_users, "idp_groups": outcome.idp_groups}
        )
        return EXIT_OK
    if outcome.run_id is not None:
        print(outcome.run_id)
    prefix = "Dry run, nothing recorded: " if args.dry_run else f"Cleanup {outcome.run_id}: "
    _note(f"{prefix}{outcome.affected_users} users affected.")
    for group, rows in outcome.idp_groups.items():
        _note(f"  {group}: {rows} to remove in Microsoft Entra ID")
    return EXIT_OK


def _cmd_history(ws: Workspace, args: argparse.Namespace) -> int:
    runs = ws.runs()
    if args.json:
        _print_json(
            [
                {
                    "id": r.id,
                    "name": r.name,
                    "run_at": r.run_at.isoformat(),
                    "action": r.action.value,
                    "affected_users": r.affected_users,
                    "idp_groups": r.idp_groups,
                    "status": r.status,
                    "criteria": r.criteria.to_json(),
                }
                for r in runs
            ]
        )
    else:
        _print_table(
            ("id", "name", "run at", "action", "affected users"),
            [(r.id, r.name, f"{r.run_at:%Y-%m-%d %H:%M}", r.action.value, r.affected_users) for r in runs],
        )
    return EXIT_OK


def _cmd_export(ws: Workspace, args: argparse.Namespace) -> int:
    from app.core import exporters

    if args.users:
        rows = ws.run_rows(ws.run(args.cleanup_id).id)
        write = exporters.write_users_json if args.format == "json" else exporters.write_users_csv
        path = write(rows, args.out)
        print(path)
        return EXIT_OK
    result = exporters.write_entra_exports(
        ws,
        args.cleanup_id,
        args.out,
        groups=args.group,
        template=EntraTemplate(args.template) if args.template else None,
        max_rows=args.max_rows,
        overwrite=args.overwrite,
    )
    if args.json:
        _print_json(result.to_json())
    else:
        for file in result.files:
            print(f"{file.path}  ({file.rows} rows, group {file.group})")
        if result.skipped:
            _note(f"{len(result.skipped)} users were skipped (no valid UPN); use --json for reasons.")
    return EXIT_OK


COMMANDS: dict[str, Callable[[Workspace, argparse.Namespace], int]] = {
    "demo": _cmd_demo,
    "import": _cmd_import,
    "info": _cmd_info,
    "groups": _cmd_groups,
    "idp": _cmd_idp,
    "cleanup": _cmd_cleanup,
    "history": _cmd_history,
    "export": _cmd_export,
}


def _run_gui(args: argparse.Namespace) -> int:
    from app.core.demo import build_demo
    from app.ui.application import run_gui

    demo = args.demo
    folder = paths.data_dir(args.data_dir) if (args.data_dir or not demo) else paths.demo_data_dir()
    if demo:
        with Workspace.open(folder) as ws:
            if ws.is_empty():
                _note(f"Creating the demo workspace in {folder} …")
                build_demo(ws)
    return run_gui(folder)


def main(argv: Sequence[str] | None = None) -> int:
    # A windowed build started from the Start menu has no console: give prints somewhere to go.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors: argparse already printed
        return exc.code if isinstance(exc.code, int) else EXIT_USER
    configure_logging(console=args.verbose)
    try:
        if args.self_test:
            from app.selftest import run_self_test

            return run_self_test()
        if args.command in (None, "gui"):
            return _run_gui(args)
        with Workspace.open(paths.data_dir(args.data_dir)) as ws:
            return COMMANDS[args.command](ws, args)
    except UserError as exc:
        _note(f"error: {exc}")
        return EXIT_USER
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except (Cancelled, KeyboardInterrupt):
        _note("Cancelled; nothing was changed.")
        return EXIT_USER
    except Exception as exc:
        log.exception("Unexpected error")
        _note(f"internal error: {exc!r}. Details are in {log_file()}")
        return EXIT_BUG
