"""typer's own words in Vietnamese: help panels, the usage line, the help option, types, usage errors.

typer 0.29 (pinned in pyproject.toml) has no message catalogue: the click it carries writes English
f-strings. So each of its words is replaced where typer lets it be:

- the help panels' titles and the ``[default: …]`` / ``[required]`` notes are constants of
  :mod:`typer.rich_utils`, set by :func:`use_vietnamese` the first time help or an error is shown
  (that module takes a quarter of a second to import: a command that prints neither never pays);
- the usage line, the help option and the help of every command come from :class:`Group` and
  :class:`Command`, given to typer through its ``cls`` hook;
- the type of an argument or option (``<path>``, ``<int range>``) through the parameter classes'
  ``display_type_rich``, which typer calls for nothing else than help;
- usage errors (a missing argument, an unknown option, a bad value) are raised to
  :func:`usage_error`, which words them from the exception's class and parameter, never shows
  typer's English text, and prints them as typer would.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

if TYPE_CHECKING:
    from typer._click.core import Context
    from typer._click.exceptions import UsageError
    from typer._click.formatting import HelpFormatter

USAGE_PREFIX = "Cách dùng: "
OPTIONS_METAVAR = "[TÙY CHỌN]"
SUBCOMMAND_METAVAR = "LỆNH [ĐỐI SỐ]..."
HELP_OPTION_HELP = "Hiện hướng dẫn này rồi thoát."

_RICH_TEXTS = {
    "ARGUMENTS_PANEL_TITLE": "Đối số",
    "OPTIONS_PANEL_TITLE": "Tùy chọn",
    "COMMANDS_PANEL_TITLE": "Lệnh",
    "ERRORS_PANEL_TITLE": "Lỗi",
    "REQUIRED_LONG_STRING": "[bắt buộc]",
    "DEFAULT_STRING": "[mặc định: {}]",
    "ENVVAR_STRING": "[biến môi trường: {}]",
    "DEPRECATED_STRING": "(không còn dùng) ",
    "ABORTED_TEXT": "Đã hủy.",
    "RICH_HELP": "Gõ [blue]«{command_path} {help_option}»[/] để xem hướng dẫn.",
}

# typer's type labels → Vietnamese; None hides the label (a flag needs no value). Choices
# (``<text|json>``) are the values to type and stay as they are.
_TYPES: dict[str, str | None] = {
    "<path>": "<đường dẫn>",
    "<list[Path]>": "<đường dẫn>",
    "<str>": "<chữ>",
    "<int>": "<số>",
    "<int range>": "<số>",
    "<bool>": None,
}
_typer_type_labels = {TyperArgument: TyperArgument.display_type_rich, TyperOption: TyperOption.display_type_rich}
_installed = False


def use_vietnamese() -> None:
    """Word typer's help and errors in Vietnamese from now on (in this process)."""
    global _installed
    if _installed:
        return
    from typer import rich_utils

    for name, text in _RICH_TEXTS.items():
        setattr(rich_utils, name, text)
    # The usage line's prefix is coloured by a pattern of its English words.
    rich_utils.highlighter.highlights = [*rich_utils.highlighter.highlights, f"(?P<usage>{USAGE_PREFIX})"]
    TyperArgument.display_type_rich = _argument_type  # type: ignore[method-assign]
    TyperOption.display_type_rich = _option_type  # type: ignore[method-assign]
    _installed = True


def _argument_type(param: TyperArgument, ctx: Context) -> str | None:
    return _vietnamese_type(_typer_type_labels[TyperArgument](param, ctx))


def _option_type(param: TyperOption, ctx: Context) -> str | None:
    return _vietnamese_type(_typer_type_labels[TyperOption](param, ctx))


def _vietnamese_type(label: str | None) -> str | None:
    return _TYPES.get(label, label) if label is not None else None


class _Vietnamese:
    """What a group and a command share: the usage line, the help option, help in Vietnamese."""

    def format_usage(self: Any, ctx: Context, formatter: HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=USAGE_PREFIX)

    def get_help_option(self: Any, ctx: Context) -> TyperOption | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION_HELP
        return option

    def format_help(self: Any, ctx: Context, formatter: HelpFormatter) -> None:
        use_vietnamese()
        super().format_help(ctx, formatter)  # type: ignore[misc]


class Group(_Vietnamese, TyperGroup):
    pass


class Command(_Vietnamese, TyperCommand):
    pass


# --- Usage errors ------------------------------------------------------------------------------------
_EXTRA = re.compile(r"Got unexpected extra argument\(s\) \((?P<args>.*)\)")
_NO_COMMAND = re.compile(r"No such command '(?P<name>.*?)'")
_SUGGESTED = re.compile(r"Did you mean (?P<names>.*)\?")
_NOT_ONE_OF = re.compile(r"^(?:Value error, )?'(?P<value>.*)' is not one of (?P<choices>.*)\.$")
_LIMIT = re.compile(r"^Input should be (?P<relation>greater|less) than or equal to (?P<limit>-?[\d.]+)")


def usage_error(exc: UsageError) -> None:
    """Print a usage error as typer prints one (the usage line, how to get help, a panel), in
    Vietnamese. The command's help, when it is shown for a missing command, is printed already."""
    from typer import rich_utils
    from typer._click.exceptions import NoArgsIsHelpError, UsageError

    if isinstance(exc, NoArgsIsHelpError):
        return
    use_vietnamese()
    rich_utils.rich_format_error(UsageError(error_message(exc), exc.ctx))


def error_message(exc: UsageError) -> str:
    """The Vietnamese sentence for a usage error."""
    from typer._click.exceptions import BadOptionUsage, BadParameter, MissingParameter, NoSuchOption

    if isinstance(exc, MissingParameter):
        what = {"argument": "đối số", "option": "tùy chọn"}.get(_param_type(exc), "tham số")
        return f"Thiếu {what} {_hint(exc)}."
    if isinstance(exc, BadParameter):
        detail = _value_problem(exc.message)
        return f"Giá trị của {_hint(exc)} không hợp lệ" + (f": {detail}." if detail else ".")
    if isinstance(exc, NoSuchOption):
        suggestion = f" Có phải ý bạn là {', '.join(sorted(exc.possibilities))}?" if exc.possibilities else ""
        return f"Không có tùy chọn «{exc.option_name}».{suggestion}"
    if isinstance(exc, BadOptionUsage):
        if "does not take a value" in exc.message:
            return f"Tùy chọn «{exc.option_name}» không nhận giá trị."
        return f"Tùy chọn «{exc.option_name}» cần một giá trị."
    return _general_problem(exc.message)


def _param_type(exc: Any) -> str:
    return exc.param_type or (exc.param.param_type_name if exc.param is not None else "")


def _hint(exc: Any) -> str:
    """The parameter as the user types it: «-j / --jobs», «TỆP»."""
    param = exc.param
    if param is None:
        return "tham số"
    if isinstance(param, TyperOption):
        return "«" + " / ".join(sorted(param.opts, key=len)) + "»"
    return f"«{param.metavar or param.name}»"


def _value_problem(message: str) -> str:
    """Why a value was refused, for the messages typer's conversions give; empty otherwise."""
    if message.startswith("Input should be a valid integer"):
        return "phải là một số nguyên"
    if match := _LIMIT.match(message):
        relation = "lớn hơn" if match["relation"] == "greater" else "nhỏ hơn"
        return f"phải {relation} hoặc bằng {match['limit']}"
    if match := _NOT_ONE_OF.match(message):
        choices = ", ".join(choice.strip("'") for choice in match["choices"].split(", "))
        return f"«{match['value']}» không phải là một trong các giá trị {choices}"
    return ""


def _general_problem(message: str) -> str:
    if match := _EXTRA.match(message):
        return f"Thừa đối số: {match['args']}."
    if match := _NO_COMMAND.search(message):
        suggested = _SUGGESTED.search(message)
        names = ", ".join(f"«{name.strip(chr(39))}»" for name in suggested["names"].split(", ")) if suggested else ""
        hint = f" Có phải ý bạn là {names}?" if names else ""
        return f"Không có lệnh «{match['name']}».{hint}"
    if message.startswith("Missing command"):
        return "Thiếu tên lệnh."
    return "Lệnh được gọi không đúng cách; xem hướng dẫn của lệnh."
