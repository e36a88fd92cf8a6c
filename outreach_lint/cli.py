"""Command line: ``outreach-lint check``, ``rules`` and ``explain``."""

from __future__ import annotations

from ._fastimport import import_spacy_without_cli

import_spacy_without_cli()

import contextlib
import json
import sys
from pathlib import Path

import click

from .config import Config, ConfigError, find_config, load_config
from .fixes import unified_diff
from .fixing import Fixer
from .linter import CONFIGURATION_ERRORS, Linter, unknown_selector_message
from .models import CATEGORIES, Report, Severity
from .report import FORMATS, Output, print_messages, render, render_full, summary_line, write_output
from .rulepack import RuleError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _load(config_path: str | None, **overrides: object) -> Linter:
    try:
        path = Path(config_path) if config_path else find_config(Path.cwd())
        if config_path and not Path(config_path).is_file():
            raise ConfigError(f"config file not found: {config_path}")
        config = load_config(path)
        return Linter(config, **overrides)
    except (ConfigError, RuleError, ValueError) as exc:
        click.echo(f"outreach-lint: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)


class _Commands(click.Group):
    """Any unexpected exception ends the run with one line and exit code 2 (1 means findings)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:  # the reader went away (| head): nothing more to say
            sys.stderr.close()
            ctx.exit(EXIT_ERROR)
        except Exception as exc:
            detail = " ".join(str(exc).split())[:300]
            click.echo(f"outreach-lint: internal error: {type(exc).__name__}: {detail} (please report it)", err=True)
            ctx.exit(EXIT_ERROR)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="outreach-lint")
def main() -> None:
    """Lint sales-outreach email drafts (German and English) before they go out."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS), default="full", show_default=True, help="Output format."
)
@click.option("--select", multiple=True, help="Only these rules: codes, code prefixes, categories or slugs.")
@click.option("--extend-select", multiple=True, help="Add rules to the selection (e.g. OL001).")
@click.option("--ignore", multiple=True, help="Skip these rules: codes, prefixes, categories or slugs.")
@click.option(
    "--lang",
    type=click.Choice(["auto", "de", "en"]),
    default=None,
    help="Language of the emails (default: detected per email).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(),
    default=None,
    help="Config file (default: nearest .outreach-lint.toml or pyproject.toml).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity that makes the exit code 1 (default: warning).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--fix", is_flag=True, help="Apply safe rewrites to the files (text and Markdown).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix/--diff, also apply rewrites marked unsafe.")
@click.option("--diff", is_flag=True, help="Show the fixes as a diff instead of writing them.")
@click.option("--stdin-filename", default="-", help="Name (and format, by extension) for input read from stdin.")
@click.option(
    "--spelling",
    type=click.Choice(["hunspell", "languagetool", "off"]),
    default=None,
    help="Spelling backend (default: hunspell, the embedded dictionaries).",
)
@click.option("--languagetool-url", default=None, help="LanguageTool server to use with --spelling languagetool.")
@click.option(
    "--prospect",
    "prospect_file",
    type=click.Path(),
    default=None,
    help="TOML or JSON file describing the recipient (company, person, facts, …).",
)
@click.option(
    "--mode",
    type=click.Choice(["draft", "template"]),
    default=None,
    help="draft: about to be sent; template: merge fields expected (default by file type).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no summary, no notices.")
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Skip excluded paths even when they are named on the command line (as pre-commit names them).",
)
@click.option(
    "-o",
    "--output-file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the report (any format) to this file instead of stdout; notices and errors stay on stderr.",
)
@click.option("--statistics", is_flag=True, help="Count findings per rule instead of listing them.")
@click.option("--show-fixes", is_flag=True, help="concise: show each finding's rewrite on a line below it.")
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    lang: str | None,
    config_path: str | None,
    fail_on: str | None,
    exit_zero: bool,
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    stdin_filename: str,
    spelling: str | None,
    languagetool_url: str | None,
    prospect_file: str | None,
    mode: str | None,
    quiet: bool,
    force_exclude: bool,
    output_file: str | None,
    statistics: bool,
    show_fixes: bool,
) -> None:
    """Check email drafts: files, directories (recursive) or - for stdin (the current folder by default)."""
    if not paths:
        paths = (".",)
    overrides: dict[str, object] = {}
    if select:
        overrides["select"] = _split(select)
    linter = _load(config_path, **overrides)
    config: Config = linter.config
    if (
        extend_select
        or ignore
        or fail_on
        or (lang and lang != "auto")
        or spelling
        or languagetool_url
        or prospect_file
        or mode
    ):
        extra = {
            "extend_select": config.extend_select + _split(extend_select),
            "ignore": config.ignore + _split(ignore),
            "fail_on": Severity(fail_on) if fail_on else None,
            "lang": lang if lang and lang != "auto" else None,
            "spelling": spelling or ("languagetool" if languagetool_url and config.spelling == "hunspell" else None),
            "languagetool_url": languagetool_url,
            "prospect_file": Path(prospect_file) if prospect_file else None,
            "mode": mode,
        }
        try:
            linter = Linter(config.with_overrides(**extra))
        except (ConfigError, RuleError, ValueError) as exc:
            click.echo(f"outreach-lint: error: {exc}", err=True)
            sys.exit(EXIT_ERROR)
    try:
        report = linter.check_paths(list(paths), stdin_name=stdin_filename, force_exclude=force_exclude)
    except CONFIGURATION_ERRORS as exc:
        click.echo(f"outreach-lint: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    fixed_to_stdout = False
    fixer = Fixer(linter, unsafe_fixes)
    if fix or diff:
        from_stdin = stdin_filename if "-" in paths else None
        report, fixed_to_stdout = _fix(fixer, report, diff, from_stdin)
    counted = statistics or (output_format in ("full", "concise") and not quiet)
    fixable = fixer.fixable_flags(report) if counted else None
    output = Output(output_format, quiet, unsafe_fixes, exit_zero, statistics, show_fixes, output_file, fixable)
    if fixed_to_stdout:  # stdout holds the fixed email: the report goes to stderr
        with contextlib.redirect_stdout(sys.stderr):
            _emit(report, linter, output)
    else:
        _emit(report, linter, output)
    if report.has_errors:
        sys.exit(EXIT_ERROR)
    if exit_zero or not linter.fails(report):
        sys.exit(EXIT_CLEAN)
    sys.exit(EXIT_FINDINGS)


def _fix(fixer: Fixer, report: Report, diff_only: bool, stdin_name: str | None) -> tuple[Report, bool]:
    """Apply (or with ``diff_only`` show) the fixes the fix loop keeps; returns the report with each fixed file
    re-checked, and whether a fixed email was written to stdout (input from stdin)."""
    from .fixes import FixSkipped, write_fixed
    from .fixing import EML_NOTICE
    from .source import SourceError, read_path

    result = Report()
    to_stdout = False
    for file in report.files:
        if fixer.wants_eml_notice(file):
            file.notices.append(f"{file.path}: {EML_NOTICE}")
        outcome = fixer.outcome(file)
        if outcome is None or outcome.report is None or file.source_text is None:
            result.files.append(file)
            continue
        if diff_only:
            click.echo(unified_diff(file.path, file.source_text, outcome.text), nl=False)
            result.files.append(file)
            continue
        if stdin_name is not None and file.path == stdin_name:
            sys.stdout.write(outcome.text)
            sys.stdout.flush()
            to_stdout = True
        else:
            try:
                source = read_path(file.path)
                if source.text != file.source_text:
                    raise FixSkipped("file changed while it was checked; not rewritten (run the fix again)")
                write_fixed(Path(file.path), source.encode(source.text), source.encode(outcome.text))
            except (FixSkipped, SourceError) as exc:
                file.notices.append(f"{file.path}: {exc}")
                result.files.append(file)
                continue
        outcome.report.notices.append(f"{file.path}: applied {outcome.applied} fix(es)")
        result.files.append(outcome.report)
    return result, to_stdout


def _emit(report: Report, linter: Linter, output: Output) -> None:
    """Print the report, or write it to --output-file. With full, concise and --statistics, notices, unreadable
    inputs and (but for full) the summary go to stderr; json, github and sarif carry them in the report."""
    fail_on = None if output.exit_zero else linter.config.fail_on
    if output.format in ("full", "concise") or output.statistics:
        from rich.console import Console  # imported here: JSON, SARIF and GitHub output start faster without it

        print_messages(Console(stderr=True, highlight=False), report, output.quiet)
    if output.format == "full" and not output.statistics:
        text = render_full(report, summary_line(report, output, fail_on), to_terminal=output.file is None)
    else:
        text = render(report, linter, output)
    if text and not text.endswith("\n"):
        text += "\n"
    if output.file:
        try:
            write_output(Path(output.file), text)
        except OSError as exc:
            click.echo(f"outreach-lint: error: cannot write {output.file}: {exc.strerror or exc}", err=True)
            sys.exit(EXIT_ERROR)
    elif text:
        click.echo(text, nl=False)
    if output.format == "concise" or (output.statistics and output.format != "json"):
        line = summary_line(report, output, fail_on)
        if line:
            click.echo(line, err=True)


@main.command()
@click.option(
    "--format", "output_format", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True
)
@click.option("--lang", type=click.Choice(["de", "en"]), default=None, help="Only rules for this language.")
@click.option("--category", default=None, help="Only rules of this category.")
@click.option("--config", "config_path", type=click.Path(), default=None)
def rules(output_format: str, lang: str | None, category: str | None, config_path: str | None) -> None:
    """List every rule: code, name, category, language, severity, and whether it is enabled."""
    linter = _load(config_path)
    if category is not None and category not in CATEGORIES:
        message = unknown_selector_message(category, list(CATEGORIES), "--category")
        click.echo(f"outreach-lint: error: {message.replace('selector', 'category')}", err=True)
        sys.exit(EXIT_ERROR)
    metas = [
        m
        for m in sorted(linter.rules.values(), key=lambda m: m.code)
        if (lang is None or m.language in (lang, "*")) and (category is None or m.category == category)
    ]
    if output_format == "markdown":
        from .ruledocs import markdown

        click.echo(markdown(metas), nl=False)
        return
    if output_format == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "code": m.code,
                        "rule": m.slug,
                        "category": m.category,
                        "language": m.language,
                        "severity": m.severity.value,
                        "enabled": m.code in linter.enabled,
                        "message": m.message,
                        "why": m.why,
                        "rewrite": m.rewrite,
                        "example": m.example,
                        "details": m.details or None,
                        "fix": m.fix.value,
                        "tags": list(m.tags),
                        "kind": m.kind,
                    }
                    for m in metas
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(metas)} rules", show_lines=False)
    for column in ("code", "rule", "category", "lang", "severity", "on", "message"):
        table.add_column(column, overflow="fold")
    for m in metas:
        table.add_row(
            m.code,
            m.slug,
            m.category,
            m.language,
            m.severity.value,
            "yes" if m.code in linter.enabled else "no",
            m.message,
        )
    Console().print(table)


@main.command()
@click.argument("code")
@click.option("--config", "config_path", type=click.Path(), default=None)
def explain(code: str, config_path: str | None) -> None:
    """Explain one rule (by code or name): why it matters, the rewrite, and its examples."""
    linter = _load(config_path)
    meta = linter.rules.get(code.upper()) or next((m for m in linter.rules.values() if m.slug == code), None)
    if meta is None:
        click.echo(f"outreach-lint: error: unknown rule {code!r} (see `outreach-lint rules`)", err=True)
        sys.exit(EXIT_ERROR)
    from rich.console import Console

    console = Console(highlight=False)
    language = {"*": "German and English", "de": "German", "en": "English"}[meta.language]
    console.print(
        f"[bold]{meta.code} {meta.slug}[/bold]  ({meta.category}, {meta.severity.value}, {language})", markup=True
    )
    console.print(meta.message, markup=False)
    console.print("\n[bold]Why[/bold]", markup=True)
    console.print(meta.why, markup=False)
    console.print("\n[bold]Rewrite[/bold]", markup=True)
    if meta.replacement is not None:
        shown = ", ".join(f"“{r}”" if r else "(delete)" for r in meta.replacement)
        console.print(f"Replacement: {shown} — fix is {meta.fix.value}", markup=False)
    console.print(meta.rewrite, markup=False)
    for template in meta.template:
        console.print(f"Template: {template}", markup=False)
    if meta.example:
        console.print(f"Example: {meta.example}", markup=False)
    explanation = meta.details
    if explanation:
        console.print("\n[bold]How it decides[/bold]", markup=True)
        console.print(explanation, markup=False)
    console.print("\n[bold]Fires on[/bold]", markup=True)
    for example in meta.examples_bad:
        console.print(f"  ✗ {example.replace('⟦', '[').replace('⟧', ']')}", markup=False)
    console.print("\n[bold]Does not fire on[/bold]", markup=True)
    for example in meta.examples_good:
        console.print(f"  ✓ {example}", markup=False)
    console.print(
        f'\nSwitch off: --ignore {meta.code}, `ignore = ["{meta.code}"]` in the config, or a line '
        f"`outreach-lint: disable={meta.code}` in the email.",
        markup=False,
    )

