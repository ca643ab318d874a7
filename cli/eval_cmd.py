"""`claimline eval GOLD.json`: the stored results scored against a hand annotation."""
from __future__ import annotations

import json
from pathlib import Path

import click

from cli.context import AppContext, pass_app
from reconcile.eval_store import system_from_store
from reconcile.evaluate import evaluate
from store.engine import session_scope


@click.command("eval")
@click.argument("gold_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@pass_app
def eval_(app: AppContext, gold_file: Path, as_json: bool) -> None:
    """Entity pairwise P/R/F1, claim P/R and relation recall of the database against GOLD_FILE.

    Ingest, extract and reconcile the annotated material first; gold documents are matched to
    stored ones by platform id and path, else by kind, author and minute of publication.
    """
    try:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise click.ClickException(f"{gold_file}: not a readable gold JSON file ({exc})") from exc
    if not isinstance(gold, dict) or not isinstance(gold.get("documents"), list):
        raise click.ClickException(f"{gold_file}: no 'documents' list; not a gold file")
    with session_scope(app.engine()) as session:
        report = evaluate(gold, system_from_store(session))
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False, default=str))
        return
    click.echo(report.summary())
    if report.unaligned_documents:
        click.echo(
            "gold documents not found in the database: " + ", ".join(report.unaligned_documents),
            err=True,
        )
