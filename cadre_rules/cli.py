"""The ``cadre-rules`` command: check / record / rules / explain / schema (exit codes 0, 1, 3 and 2)."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from cadre_rules._errors import CadreRulesError, CalendarFileError, CaseError, Problem, ProfileError, clip
from cadre_rules._gc import collector_paused, no_collection_at_exit
from cadre_rules._validate import citations_of, fact_words, validate
from cadre_rules.engine import DURABLE_AVAILABLE, EngineError, durable_unavailable_message
from cadre_rules.facts import WorkingDayCalendar
from cadre_rules.records import AppointmentKind, Case, SelectionMethod, Stage, load_case
from cadre_rules.records._hints import closest
from cadre_rules.records._load import case_from_stream
from cadre_rules.report import Report
from cadre_rules.rules import CompiledRule, default_registry
from cadre_rules.rules._expr import render

EXIT_OK, EXIT_VIOLATIONS, EXIT_USAGE, EXIT_INDETERMINATE = 0, 1, 2, 3
EXIT_BROKEN_PIPE = 128 + 13  # the reader of standard output closed it (SIGPIPE), as a shell reports it


_USAGE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(en), zh)
    for en, zh in (
        (r"^the following arguments are required: (?P<x>.+)$", "缺少必需的参数：{x}"),
        (r"^unrecognized arguments: (?P<x>.+)$", "无法识别的参数：{x}"),
        (
            r"^argument (?P<a>[^:]+): invalid choice: (?P<x>.+?)(?: \(choose from (?P<c>.+)\))?$",
            "参数 {a} 的取值 {x} 无效",
        ),
        (r"^argument (?P<a>[^:]+): expected one argument$", "参数 {a} 需要一个值"),
        (r"^argument (?P<a>[^:]+): expected at least one argument$", "参数 {a} 至少需要一个值"),
        (r"^argument (?P<a>[^:]+): not allowed with argument (?P<b>.+)$", "参数 {a} 不能与 {b} 同时使用"),
        (r"^argument (?P<a>[^:]+): invalid \S+ value: (?P<x>.+)$", "参数 {a} 的取值 {x} 无效"),
        (r"^argument (?P<a>[^:]+): (?P<x>.+)$", "参数 {a}：{x}"),
        (r"^ambiguous option: (?P<x>.+?) could match (?P<c>.+)$", "选项 {x} 有歧义，可能是：{c}"),
    )
)
"""argparse's own error messages and their Chinese (the English is kept as the second half)."""


def usage_error_zh(message: str) -> str:
    """The Chinese of an argparse error message, with "did you mean" for an invalid choice; the message as is
    (it is ours, already bilingual) when argparse did not write it."""
    for pattern, zh in _USAGE_ERRORS:
        match = pattern.match(message)
        if match is None:
            continue
        text = zh.format_map({k: v or "" for k, v in match.groupdict().items()})
        if match.groupdict().get("c") and "invalid choice" in message:
            choices = re.findall(r"'([^']*)'|([^,\s]+)", match["c"])
            names = [a or b for a, b in choices]
            given = match["x"].strip("'")
            text += f"（可选：{'、'.join(names)}）"
            close = closest(given, names)
            if close:
                text += f"；是否应为 {close}？"
        return text
    return ""


class _HelpFormatter(argparse.HelpFormatter):
    """Help with a bilingual usage line (argparse's own words in Chinese and English)."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "用法 / usage: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An argument parser that speaks Chinese first, then English: usage, section titles, -h and errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数 / positional arguments"
        self._optionals.title = "选项 / options"
        self.add_argument("-h", "--help", action="help", help="显示本帮助后退出 / show this help message and exit")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        zh = usage_error_zh(message)
        if zh and "did you mean" not in message:
            close = re.search(r"；是否应为 (\S+?)？", zh)
            message += f"; did you mean {close[1]}?" if close else ""
        both = f"{zh} / {message}" if zh else message
        print(f"cadre-rules: 用法错误 / usage error: {both}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


class _Version(argparse.Action):
    """``--version``: the package version and the ruleset version (computed only when asked for)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> NoReturn:
        from cadre_rules._validate import __version__, ruleset_version

        print(f"cadre-rules {__version__}（规则集 / ruleset {ruleset_version()}）")
        raise SystemExit(EXIT_OK)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} 不是 年-月-日 格式的日期 / {text!r} is not a date YYYY-MM-DD"
        ) from None


_AS_OF = (
    "判断日期（年-月-日），默认取案例的 as_of 或讨论决定日期 / the date to judge by (YYYY-MM-DD); default: the case's"
)
_PROFILE = "规则集：随附规则集的名称或自备规则集 YAML 文件的路径 / a shipped profile name or a profile YAML file"
_ENGINE = (
    "规则引擎：durable（默认，Python 3.13 及以上不可用）或 native（结论相同） / the rule engine: durable (the "
    "default; unavailable on Python 3.13+) or native (identical findings)"
)
_CALENDAR = (
    "节假日和调休上班日的日历文件（YAML/JSON），其年份替换随附日历（见 docs/calendar.md） / a calendar file of "
    "official holidays and make-up working days; its years replace the package's calendar (docs/calendar.md)"
)
_STAGE = (
    "案卷所处环节（默认取案例的 procedure.stage）：此后环节的检查尚未到期 / the step the dossier has reached "
    "(else the case's procedure.stage): later steps are not yet due"
)
_OUTPUT = "写入此文件而非标准输出 / write to this file instead of standard output"


def _case_arguments(parser: argparse.ArgumentParser, *, several: bool = False) -> None:
    """The arguments of a check: the case file (or files) and what it is judged by."""
    if several:
        parser.add_argument(
            "file",
            nargs="+",
            metavar="FILE",
            help="案例文件（JSON 或 YAML），可给多个；- 为标准输入 / case files (JSON or YAML), one or more; - for "
            "standard input",
        )
    else:
        parser.add_argument(
            "file", help="案例文件（JSON 或 YAML）；- 为标准输入 / the case file (JSON or YAML); - for standard input"
        )
    parser.add_argument("--as-of", type=_iso_date, default=None, metavar="YYYY-MM-DD", help=_AS_OF)
    parser.add_argument("--profile", default="default", help=_PROFILE)
    parser.add_argument("--engine", choices=["durable", "native"], default=None, help=_ENGINE)
    parser.add_argument("--calendar", default=None, metavar="FILE", help=_CALENDAR)
    parser.add_argument("--stage", choices=[s.value for s in Stage], default=None, help=_STAGE)
    _show_id_argument(parser)


def _show_id_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--show-id",
        action="store_true",
        help="输出中显示完整身份证号（默认只显示前 6 位和后 4 位） / show ID numbers in full (masked by default: "
        "first six and last four)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="cadre-rules",
        description="按《党政领导干部选拔任用工作条例》等规定检查干部选拔任用案例，每项结论注明所依据的条款。 / "
        "Check a proposed cadre appointment against cited rules.",
        epilog="退出码 / exit codes: 0 合规 compliant；1 存在违规 violations；3 部分无法判断 indeterminate；"
        "2 输入或用法错误 invalid input or usage",
    )
    parser.add_argument(
        "--version", action=_Version, help="显示版本和规则集版本后退出 / print the version and the ruleset version"
    )
    sub = parser.add_subparsers(
        dest="command", required=True, parser_class=_Parser, title="子命令 / commands", metavar="COMMAND"
    )
    check = sub.add_parser(
        "check",
        help="检查案例文件（可多个） / check case files (JSON or YAML)",
        description="检查一个或多个案例文件。多个文件时：文本格式逐个输出报告，每份前有标明文件的标题；"
        "JSON 格式每个文件输出一行（JSON Lines，输入无效的文件输出一行错误记录）。退出码取所有文件中最严重者。 / "
        "Check one or more case files. "
        "With several files the text reports follow one another, each under a header naming its file; JSON gives "
        "one line per file (JSON Lines; a file with invalid input gives an error line). The exit code is the worst.",
    )
    _case_arguments(check, several=True)
    check.add_argument(
        "--format", choices=["text", "json"], default="text", help="输出格式：text（中文报告）或 json / output format"
    )
    check.add_argument(
        "--all",
        action="store_true",
        help="文本格式：逐项列出符合、不适用和尚未到期的规则 / text format: also list the satisfied rules and the "
        "rules that do not apply or are not yet due",
    )
    check.add_argument(
        "--candidate",
        default=None,
        metavar="FILE.lrmx",
        help="取《干部任免审批表》.lrmx 中的人选信息，与 FILE（岗位与程序）合并后检查；FILE 中 candidate 的字段优先 / "
        "take the candidate from a 任免审批表 .lrmx and check it with FILE (post and procedure); "
        "FILE's own candidate fields take precedence",
    )
    check.add_argument(
        "--pretty",
        action="store_true",
        help="JSON 格式：缩进便于阅读（仅单个文件） / json format: indent, for people (one file only)",
    )
    check.add_argument(
        "--citations",
        choices=["inline", "ref"],
        default="inline",
        help="JSON 格式：每项结论完整给出依据（inline，默认），或以编号引用报告的 citations 表（ref） / json format: "
        "each finding's citations in full (inline, the default), or by id into one `citations` table (ref)",
    )
    record = sub.add_parser(
        "record",
        help="输出案例的全程纪实（各环节及检查它的规则） / write the 全程纪实 record of a case",
        description="输出案例的全程纪实：每个环节及检查它的规则 / write the 全程纪实 (record of every step, "
        "with the rules that checked it) of a case file",
    )
    _case_arguments(record)
    record.add_argument("--format", choices=["markdown", "json"], default="markdown", help="输出格式 / output format")
    record.add_argument("--output", default=None, help=_OUTPUT)
    imp = sub.add_parser(
        "import",
        help="导入《干部任免审批表》（.lrmx），输出案例的人选部分（YAML），并列出未能导入的内容 / "
        "import a 任免审批表 (.lrmx) as the candidate part of a case (YAML), listing what could not be mapped",
        description="导入《干部任免审批表》（.lrmx），输出案例的人选部分（YAML），未能导入的内容列在标准错误输出上。"
        "再补充 kind、post、procedure，或用 check --candidate 与岗位和程序文件合并检查。 / "
        "Import a 任免审批表 (.lrmx) as the candidate part of a case (YAML); what could not be mapped is listed "
        "on standard error. Then add kind, post and procedure, or check it with `check --candidate`.",
    )
    imp.add_argument("file", metavar="FILE.lrmx", help="干部任免审批表文件 / the 任免审批表 file")
    imp.add_argument("--output", default=None, help=_OUTPUT)
    rules = sub.add_parser(
        "rules", help="列出全部规则及其依据和参数 / list every rule with its citations and parameters"
    )
    rules.add_argument("--format", choices=["text", "json"], default="text", help="输出格式 / output format")
    explain = sub.add_parser(
        "explain", help="解释一条规则并引用其依据原文 / explain one rule and quote the text it cites"
    )
    explain.add_argument("rule_id", metavar="RULE_ID", help="规则编号（见 cadre-rules rules） / the rule's id")
    schema = sub.add_parser(
        "schema",
        help="输出案例（或报告）的 JSON Schema / print the JSON Schema of a case (or of a report)",
    )
    schema.add_argument(
        "--report", action="store_true", help="输出报告 JSON 的 Schema / the schema of a report's JSON instead"
    )
    template = sub.add_parser(
        "template",
        help="输出带中文注释的空白案例（YAML） / print a blank case (YAML) with Chinese comments",
        description="输出空白案例（YAML），每个字段附中文注释：含义、可选值、日期格式、用到它的规则。按注释填写，"
        "不知道或不适用的字段保留空值或删去，整段不适用的删去整段。 / Print a blank case (YAML) with a Chinese "
        "comment on every field: what it is, its allowed values, the date format, the rules that read it. Fill "
        "it in; leave unknown fields empty or delete them, and delete the blocks that do not apply.",
    )
    template.add_argument(
        "--method",
        choices=[m.value for m in SelectionMethod],
        default=SelectionMethod.STANDARD.value,
        help="人选产生方式：standard 民主推荐、考察（默认）；open_selection 公开选拔；competitive_post 竞争上岗 / "
        "how the candidate is produced (its procedure records)",
    )
    template.add_argument(
        "--kind",
        choices=[k.value for k in AppointmentKind],
        default=AppointmentKind.PROMOTION.value,
        help="任用类型：promotion 提任（默认）；lateral 平级调整、交流；other 其他；removal 免职 / the kind of "
        "appointment",
    )
    template.add_argument("--output", default=None, help=_OUTPUT)
    catalogue = sub.add_parser(
        "catalogue", help="生成已编码规定的目录（Markdown） / generate the Markdown catalogue of the encoded law"
    )
    catalogue.add_argument(
        "--cases", default=None, help="数据驱动测试案例目录（tests/cases） / folder of data-driven test cases"
    )
    catalogue.add_argument("--output", default=None, help=_OUTPUT)
    lint = sub.add_parser(
        "lint",
        help="查找不能触发、相互冲突或重叠的规则（有发现时退出码 1） / find rules that cannot fire, conflict, or "
        "overlap (exit 1 on findings)",
    )
    lint.add_argument("--format", choices=["text", "json"], default="text", help="输出格式 / output format")
    _batch_arguments(
        sub.add_parser(
            "batch",
            help="批量检查：JSONL、案例文件目录，- 为标准输入 / check many cases: JSONL, directories of case "
            "files, - for stdin",
        )
    )
    _show_id_argument(imp)
    _serve_arguments(sub)
    return parser


def _serve_arguments(sub: Any) -> None:
    """``serve``: the HTTP service (README, "HTTP service"); needs the ``serve`` extra."""
    serve = sub.add_parser(
        "serve",
        help="启动 HTTP 检查服务（需安装 cadre-rules[serve]） / run the HTTP service (needs cadre-rules[serve])",
    )
    serve.add_argument("--host", default="127.0.0.1", help="监听地址 / address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=_positive, default=8000, help="端口 / port (default 8000)")
    serve.add_argument("--workers", type=_positive, default=1, help="工作进程数 / worker processes (default 1)")
    serve.add_argument(
        "--decision-log",
        default=None,
        metavar="FILE",
        help="每次检查向此文件追加一行 JSON（身份证号、姓名不记录） / append one JSON line per check to FILE",
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} 不是正整数 / {text!r} is not a positive integer")
    return value


def _batch_arguments(batch: argparse.ArgumentParser) -> None:
    """The arguments of ``batch`` (README, "Batch"): inputs, workers, output, summary and the settings."""
    batch.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="JSONL 文件（.jsonl/.ndjson，每行一个案例）、目录（其中的 .yaml/.yml/.json 案例文件，按名称排序）、单个"
        "案例文件，或 - 表示从标准输入读 JSONL / a JSONL file (.jsonl/.ndjson, one case per line), a directory (its "
        ".yaml/.yml/.json case files, sorted by name), a single case file, or - for JSONL on standard input",
    )
    batch.add_argument(
        "--workers", type=_positive, default=1, help="工作进程数（默认 1） / worker processes (default 1)"
    )
    batch.add_argument(
        "--output",
        default=None,
        help="将 JSONL 报告写入此文件而非标准输出 / write the JSONL reports here instead of standard output",
    )
    batch.add_argument(
        "--summary",
        default=None,
        help="另将汇总以 JSON 写入此文件 / also write the closing summary as JSON to this file",
    )
    batch.add_argument("--as-of", type=_iso_date, default=None, metavar="YYYY-MM-DD", help=_AS_OF)
    batch.add_argument("--profile", default="default", help=_PROFILE)
    batch.add_argument("--engine", choices=["durable", "native"], default=None, help=_ENGINE)
    batch.add_argument("--stage", choices=[s.value for s in Stage], default=None, help=_STAGE)
    batch.add_argument("--calendar", default=None, metavar="FILE", help=_CALENDAR)
    batch.add_argument(
        "--progress",
        action="store_true",
        help="标准错误输出不是终端时也显示进度条 / show the progress bar even when standard error is not a terminal",
    )
    _show_id_argument(batch)


def _rule_dict(rule: CompiledRule) -> dict[str, Any]:
    registry = default_registry()
    library = registry.library
    spec = rule.spec
    citations = [
        asdict(c) | {"role": spec_cite.role if spec_cite in rule.normative else "corroborating"}
        for c, spec_cite in zip(citations_of(registry, rule), spec.citations, strict=True)
    ]
    params = {}
    for name in rule.params:
        inst, param = library.params[name]
        params[name] = {
            "title": param.title.zh,
            "unit": param.unit,
            "values": {d.isoformat(): v for d, v in sorted(param.values.items())},
            "cite": {"instrument": inst.meta.id, **param.cite.model_dump(exclude_none=True)},
            "value_cites": {
                d.isoformat(): {k: v for k, v in asdict(c).items() if v is not None}
                for d, _, c in library.param_values(name)
            },
        }
    return {
        "rule_id": rule.id,
        "family": spec.family,
        "title": spec.title.model_dump(),
        "severity": spec.severity,
        "waivable": spec.waivable,
        "source_level": rule.source_level.value,
        "stage": rule.stage.value,
        "effective_from": rule.effective_from.isoformat(),
        "effective_to": rule.effective_to.isoformat() if rule.effective_to else None,
        "scope": spec.scope.model_dump(exclude_none=True) if spec.scope else None,
        "kinds": [k.value for k in spec.case_kinds()],
        "applies_when": spec.applies_when,
        "violated_when": spec.violated_when,
        "reading": spec.reading,
        "citations": citations,
        "parameters": params,
        "facts": list(rule.facts),
    }


def _check(args: argparse.Namespace, case: Case | str) -> Report:
    calendar = WorkingDayCalendar.from_file(args.calendar) if args.calendar else None
    return validate(
        case, as_of=args.as_of, profile=args.profile, engine=args.engine, calendar=calendar, stage=args.stage
    )


def _cmd_record(args: argparse.Namespace) -> int:
    from cadre_rules._record import procedure_record  # only this command writes the record

    case = _stdin_case() if args.file == "-" else load_case(args.file)
    report = _check(args, case)
    record = procedure_record(case, report)
    text = (
        record.to_json(show_id=args.show_id) + "\n"
        if args.format == "json"
        else record.to_markdown(show_id=args.show_id)
    )
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return _exit_code(report)


def _print_notes(notes: Sequence[Problem], source: str) -> None:
    if notes:
        shown = clip(source, 200)
        print(f"cadre-rules: {shown} 中未能导入 / not imported from {shown}:", file=sys.stderr)
        for note in notes:
            print(f"  {note.render()}", file=sys.stderr)


def _cmd_import(args: argparse.Namespace) -> int:
    from cadre_rules.lrmx import read_lrmx

    result = read_lrmx(args.file)
    text = result.to_yaml(show_id=args.show_id)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    _print_notes(result.notes, args.file)
    return EXIT_OK


def _stdin_case() -> Case:
    """The case given on standard input (``-``): JSON when it opens with ``{``, else YAML (a BOM is allowed),
    bounded like a file (``CADRE_RULES_MAX_INPUT_BYTES``)."""
    return case_from_stream(sys.stdin.buffer)


def _check_one(args: argparse.Namespace, file: str) -> Report:
    """The report of one case file (``-``: standard input), merged with ``--candidate`` when given."""
    if file == "-" and args.candidate:
        raise CaseError(
            [
                Problem(
                    "-",
                    "--candidate merges the form into a case file: give the file's path, not standard input",
                    "--candidate 须与案例文件合并：请给出文件路径，而不是标准输入",
                )
            ]
        )
    case: Case | str = _stdin_case() if file == "-" else file
    if file.lower().endswith((".lrmx", ".lrm")):
        raise CaseError(
            [
                Problem(
                    file,
                    "a 任免审批表 holds only the candidate: check it with a post-and-procedure file, "
                    "cadre-rules check --candidate FILE.lrmx CASE.yaml",
                    "任免审批表只含人选信息：请与岗位和程序文件合并检查，"
                    "cadre-rules check --candidate 文件.lrmx 案例.yaml",
                )
            ]
        )
    if args.candidate:
        from cadre_rules.lrmx import case_with_candidate, read_lrmx

        imported = read_lrmx(args.candidate)
        _print_notes(imported.notes, args.candidate)
        case = case_with_candidate(file, imported)
    with collector_paused():
        return _check(args, case)


def _usage_problem(message_zh: str, message_en: str) -> int:
    print(f"cadre-rules: 用法错误 / usage error: {message_zh} / {message_en}", file=sys.stderr)
    return EXIT_USAGE


def _cmd_check(args: argparse.Namespace) -> int:
    """Check each file in turn: a report per file (JSON lines for several), the exit code the worst of them."""
    files: list[str] = args.file
    several = len(files) > 1
    if several and args.candidate:
        return _usage_problem("--candidate 只能与一个案例文件合并", "--candidate merges into one case file only")
    if files.count("-") > 1:
        return _usage_problem("标准输入（-）只能给一次", "standard input (-) can be given once only")
    if args.engine == "durable" and not DURABLE_AVAILABLE:
        print(f"cadre-rules: {durable_unavailable_message()}", file=sys.stderr)
        return EXIT_USAGE
    if several:
        from cadre_rules.profiles import load_profile

        load_profile(args.profile, default_registry())  # a bad profile is a usage error, said once
        if args.calendar:
            WorkingDayCalendar.from_file(args.calendar)  # likewise a bad calendar file
    no_collection_at_exit()  # the checks, then the process ends: collecting would only cost time
    codes = []
    for n, file in enumerate(files):
        if several and args.format == "text":
            print(("\n" if n else "") + f"══════ 文件 / file {file} ══════", flush=True)
        try:
            report = _check_one(args, file)
        except CaseError as exc:
            if not several:
                raise
            _print_file_problems(file, exc)
            if args.format == "json":
                print(_failure_line(file, exc))
            else:
                print("输入无效，未检查（问题见标准错误输出） / invalid input, not checked (see standard error)")
            codes.append(EXIT_USAGE)
            continue
        if args.format == "json":
            indent = 2 if args.pretty and not several else None
            print(report.to_json(indent=indent, citations=args.citations, show_id=args.show_id))
        else:
            print(report.to_text(show_not_applicable=args.all, words=fact_words(), show_id=args.show_id), end="")
        codes.append(_exit_code(report))
    return _worst(codes)


def _worst(codes: Sequence[int]) -> int:
    """The exit code over several files: 2 if any input error, else 1 if any violation, else 3, else 0."""
    for code in (EXIT_USAGE, EXIT_VIOLATIONS, EXIT_INDETERMINATE):
        if code in codes:
            return code
    return EXIT_OK


def _print_file_problems(file: str, exc: CaseError) -> None:
    calendar = isinstance(exc, CalendarFileError)
    what = "日历文件无效 / invalid calendar file" if calendar else "输入无效 / invalid input"
    _print_problems(f"{clip(file, 200)}：{what}", exc.problems, exc.more)


def _failure_line(file: str, exc: CaseError) -> str:
    """The JSON line of a file with invalid input, as ``batch`` writes it (outcome ``error``)."""
    from cadre_rules._batch import CaseFailure

    failure = CaseFailure(source=file, case_id=None, kind="invalid_input", problems=tuple(exc.problems), more=exc.more)
    return failure.to_json()


def _exit_code(report: Report) -> int:
    return {"compliant": EXIT_OK, "violations": EXIT_VIOLATIONS, "indeterminate": EXIT_INDETERMINATE}[report.outcome]


def _cmd_rules(args: argparse.Namespace) -> int:
    rules = [_rule_dict(r) for r in default_registry().rules]
    if args.format == "json":
        print(json.dumps(rules, ensure_ascii=False, indent=2))
        return EXIT_OK
    for r in rules:
        cites = "；".join(f"《{c['title']}》{c['label']}" for c in r["citations"])
        window = f"{r['effective_from']}～{r['effective_to'] or ''}"
        print(f"{r['rule_id']}\t{r['title']['zh']}\t{window}\t{cites}")
    return EXIT_OK


def _cmd_explain(args: argparse.Namespace) -> int:
    rule = default_registry().rule(args.rule_id)  # UnknownRuleError (did you mean …) is a usage error
    d = _rule_dict(rule)
    words = fact_words()
    lines = [f"{d['rule_id']}：{d['title']['zh']} / {d['title']['en']}"]
    level = "国家规定 national" if d["source_level"] == "national" else "地方实践 local practice"
    lines.append(f"来源层级 {level}；严重程度 {d['severity']}；{rule.window_zh()}；检查环节 {rule.stage.zh}")
    if rule.spec.scope is not None:
        lines.append(f"适用范围（原文）：{rule.spec.scope.text}")
    lines.append(f"适用案件：{rule.spec.kinds_zh()}")
    if d["waivable"]:
        lines.append("属“一般应当”：可凭记载理由的例外（waivers）免除")
    if rule.applies is not None:
        lines.append(f"适用条件：{render(rule.applies, words)}")
    lines.append(f"违反条件：{render(rule.violated, words)}")
    for name, p in d["parameters"].items():
        values = "，".join(f"{k} 起 {v}" for k, v in p["values"].items())
        lines.append(f"参数 {name}（{p['title']}）：{values}")
    if d["reading"]:
        lines.append(f"解读：{d['reading'].strip()}")
    for c in d["citations"]:
        flag = "（条号未经核实）" if c["number_confidence"] == "low" else ""
        lines.append(f"依据《{c['title']}》{c['label']}{flag}，可信度 {c['confidence']}：")
        lines.append(f"  “{c['text']}”")
    print("\n".join(lines))
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from cadre_rules.records._docs import case_schema
    from cadre_rules.report import report_schema

    print(json.dumps(report_schema() if args.report else case_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def _cmd_template(args: argparse.Namespace) -> int:
    from cadre_rules.records._template import blank_case

    text = blank_case(SelectionMethod(args.method), AppointmentKind(args.kind))
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return EXIT_OK


def _cmd_catalogue(args: argparse.Namespace) -> int:
    from pathlib import Path

    from cadre_rules.catalogue import generate

    text = generate(cases_dir=Path(args.cases) if args.cases else None)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return EXIT_OK


def _cmd_lint(args: argparse.Namespace) -> int:
    from cadre_rules.lint import lint

    result = lint()
    print(result.to_json() if args.format == "json" else result.to_text(), end="")
    return EXIT_VIOLATIONS if result.failing else EXIT_OK


def _cmd_batch(args: argparse.Namespace) -> int:
    """Check every case of the inputs; JSONL out in input order; the summary on stderr (and ``--summary``)."""
    from concurrent.futures.process import BrokenProcessPool

    from tqdm import tqdm

    from cadre_rules._batch import BatchSummary, Settings, check_inputs, each_input, table_of, total_cases
    from cadre_rules.profiles import load_profile

    if args.engine == "durable" and not DURABLE_AVAILABLE:
        print(f"cadre-rules: {durable_unavailable_message()}", file=sys.stderr)
        return EXIT_USAGE
    absent = [p for p in args.inputs if p != "-" and not Path(p).exists()]
    if absent:
        print(f"cadre-rules: 输入不存在 / no such input: {', '.join(absent)}", file=sys.stderr)
        return EXIT_USAGE
    profile = load_profile(args.profile, default_registry())  # a bad profile is a usage error, before any case
    if args.calendar:
        WorkingDayCalendar.from_file(args.calendar)  # likewise a bad calendar file
    settings = Settings(
        as_of=args.as_of,
        profile=profile,
        engine=args.engine,
        stage=args.stage,
        calendar=args.calendar,
        serialise=True,
        show_id=args.show_id,
    )
    show = args.progress or sys.stderr.isatty()
    total = total_cases(args.inputs) if show else None
    summary = BatchSummary(show_id=args.show_id)
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(Path(args.output).open("w", encoding="utf-8")) if args.output else sys.stdout
        bar = stack.enter_context(tqdm(total=total, unit="case", file=sys.stderr, disable=not show, smoothing=0.1))
        try:
            for checked in check_inputs(each_input(args.inputs, sys.stdin.buffer), settings, workers=args.workers):
                out.write(f"{checked.line}\n")
                summary.add(checked.stats)
                bar.update()
        except BrokenProcessPool:
            out.flush()
            print(f"cadre-rules: 工作进程异常退出 / a worker process died after {summary.cases} cases", file=sys.stderr)
            return EXIT_USAGE
        out.flush()
    data = summary.to_dict(profile, args.engine)
    print(table_of(data), end="", file=sys.stderr)
    if args.summary:
        Path(args.summary).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    outcomes = data["outcomes"]
    if outcomes["invalid_input"] or outcomes["engine_error"]:
        return EXIT_USAGE
    if outcomes["violations"]:
        return EXIT_VIOLATIONS
    return EXIT_INDETERMINATE if outcomes["indeterminate"] else EXIT_OK


SERVE_MODULES = {
    "fastapi": ("fastapi",),
    "uvicorn": ("uvicorn",),
    "python-multipart": ("python_multipart", "multipart"),
}
"""The packages of the ``serve`` extra and the modules each may be imported as."""


def _cmd_serve(args: argparse.Namespace) -> int:
    from importlib.util import find_spec

    missing = [name for name, modules in SERVE_MODULES.items() if not any(find_spec(m) for m in modules)]
    if missing:
        install = "pip install 'cadre-rules[serve]'"
        print(
            f"cadre-rules: HTTP 服务需要安装 serve 附加依赖（缺少 {'、'.join(missing)}）：{install} / "
            f"the HTTP service needs the serve extra ({', '.join(missing)} missing): {install}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from cadre_rules.service._serve import serve

    serve(host=args.host, port=args.port, workers=args.workers, decision_log=args.decision_log)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code (0 compliant, 1 violations, 3 indeterminate, 2 bad input)."""
    args = _parser().parse_args(argv)
    handlers = {
        "check": _cmd_check,
        "record": _cmd_record,
        "rules": _cmd_rules,
        "explain": _cmd_explain,
        "schema": _cmd_schema,
        "catalogue": _cmd_catalogue,
        "lint": _cmd_lint,
        "import": _cmd_import,
        "batch": _cmd_batch,
        "serve": _cmd_serve,
        "template": _cmd_template,
    }
    try:
        return handlers[args.command](args)
    except BrokenPipeError:
        # The reader went away (`cadre-rules explain … | head`): stop quietly, as a shell's own tools do, and keep
        # the interpreter's final flush of standard output from raising again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except CaseError as exc:
        calendar = isinstance(exc, CalendarFileError)
        what = "日历文件无效 / invalid calendar file" if calendar else "输入无效 / invalid input"
        _print_problems(what, exc.problems, exc.more)
        return EXIT_USAGE
    except ProfileError as exc:
        _print_problems(f"规则集无效 / invalid profile {exc.source}", exc.problems, exc.more)
        return EXIT_USAGE
    except (CadreRulesError, EngineError, ValueError) as exc:
        print(f"cadre-rules: {clip(str(exc), 2000)}", file=sys.stderr)
        return EXIT_USAGE


def _print_problems(what: str, problems: list[Problem], more: int) -> None:
    """An invalid input on standard error: what it is, then each problem (capped) and the count of the rest."""
    lines = [f"cadre-rules: {what}:", *(f"  {clip(p.render(), 1000)}" for p in problems)]
    if more:
        lines.append(f"  另有 {more} 处问题未列出 / {more} more problems not listed")
    print("\n".join(lines), file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
