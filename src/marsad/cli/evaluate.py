"""`marsad evaluate`: extraction scored against gold annotations."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from marsad.cli.base import app, out, report_error
from marsad.errors import InputError
from marsad.evaluate import evaluate, load_gold, render


@app.command("evaluate", epilog="Example: marsad evaluate gold/ --min-f1 0.8   (YAML, JSON Lines or an ACLED CSV export; --json for scripts)")
def evaluate_command(
    gold: Annotated[list[str], typer.Argument(help="Gold files or folders: YAML, JSON Lines in the contract's shape, or ACLED-style CSV.")],
    json: Annotated[bool, typer.Option("--json", help="Scores and failures as one JSON object.")] = False,
    failures: Annotated[bool, typer.Option("--failures/--no-failures", help="List what was missed, spurious or wrong.")] = True,
    min_f1: Annotated[float | None, typer.Option("--min-f1", min=0, max=1, help="Exit 1 when events or tallies score an F1 below this.")] = None,
) -> None:
    """Score extraction against gold annotations: precision / recall / F1 for events and
    tallies, and the accuracy of each field of the reports that pair."""
    errors: list[InputError] = []

    def on_error(error: InputError) -> None:
        errors.append(error)
        report_error(error)

    result = evaluate(load_gold(gold, on_error=on_error))
    if json:
        sys.stdout.write(result.to_json() + "\n")
    else:
        for renderable in render(result, failures=failures):
            out.print(renderable)
    below = min_f1 is not None and any(score.f1 is not None and score.f1 < min_f1 for score in (result.events, result.tallies))
    if errors or below:
        raise typer.Exit(1)
