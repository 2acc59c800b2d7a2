"""The Jinja environment every template renders in: sandboxed, autoescaping, strict, and bounded.

Templates are code, and an agency's template is code written by someone else. Jinja's sandbox keeps
it away from Python internals; on top of that a template here is one file (no include, extends or
import: there is nothing else to load, and a loader would reach the disk), may not mutate lists or
dicts, and may not build a value of more than MAX_ITEMS characters or items: `'x' * 300000000`,
`'x'|center(10**9)`, a range of a billion steps or a string doubled in a namespace stop with a message in
Chinese instead of taking gigabytes. Jinja's own range limit raises OverflowError (a traceback);
here every refusal is a TemplateLimitError, a Jinja SecurityError, so export reports it as a
template error. What no rule here can foresee (a loop of loops that runs for hours) is bounded by
rendering agency templates in a child process with a time and memory limit (isolated.py).

Only the operators that can grow a value are intercepted, and the built-in templates use none of
them, so they render as fast as before.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sized
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, Template
from jinja2.exceptions import SecurityError
from jinja2.runtime import Namespace
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import _PassArg

MAX_ITEMS = 1_000_000  # characters of one value, items of one list
MAX_RANGE = 100_000  # steps of one range(), as Jinja's own sandbox allows
MAX_OUTPUT_CHARS = 64 * 1024 * 1024  # one rendered part; a 10,000-row itinerary is ~15 MB of XML
MAX_POWER_DIGITS = 1000
# A format width or precision of seven digits or more ('%9999999d', '{:>10000000}'), or one taken
# from the arguments ('%*d', '{:{}}'), where the arguments then must stay small.
WIDE_FORMAT = re.compile(r"%(\([^)]*\))?[-+ #0]*(\d{7,}|\d*\.\d{7,})|\{[^{}]*:[^{}]*\d{7,}")
WIDTH_FROM_ARGS = re.compile(r"%(\([^)]*\))?[-+ #0]*\d*\.?\*|\{[^{}]*:[^{}]*\{")


class TemplateLimitError(SecurityError):
    """The template asked for more than a template may; the message says what, in Chinese."""


def _too_big(what: str) -> TemplateLimitError:
    return TemplateLimitError(f"範本中的「{what}」會產生超過 {MAX_ITEMS:,} 個字元或項目的內容，超出範本的處理上限。"
                              "範本只需印出報告欄位；請移除這個運算。")


def _size(value: Any) -> int:
    return len(value) if isinstance(value, Sized) else 0


def bounded_range(*args: int) -> range:
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise TemplateLimitError(f"範本中的 range() 有 {len(rng):,} 步，超過上限 {MAX_RANGE:,}。")
    return rng


class BoundedNamespace(Namespace):
    """namespace() whose attributes cannot grow past the limit (`{% set ns.s = ns.s ~ ns.s %}`
    in a loop doubles a string thirty times into a gigabyte)."""

    def __setitem__(self, name: str, value: Any) -> None:
        if _size(value) > MAX_ITEMS:
            raise _too_big(f"namespace 的 {name}")
        super().__setitem__(name, value)


def _check_repeat(what: str, left: Any, right: Any) -> None:
    for seq, times in ((left, right), (right, left)):
        if isinstance(times, int) and isinstance(seq, Sized) and _size(seq) * times > MAX_ITEMS:
            raise _too_big(what)


def _check_format_string(text: Any, args: tuple = ()) -> None:
    if not isinstance(text, str):
        return
    if WIDE_FORMAT.search(text) or (WIDTH_FROM_ARGS.search(text)
                                    and any(isinstance(a, int) and a > MAX_ITEMS for a in args)):
        raise _too_big("格式寬度")


def _limit_filter(name: str, func):
    """Wrap a filter that can make its result much larger than its input."""
    skip = 1 if _PassArg.from_obj(func) is not None else 0

    @functools.wraps(func)
    def bounded(*args, **kwargs):
        value, rest = args[skip] if len(args) > skip else None, args[skip + 1:]
        if name in ("center", "indent", "batch", "slice", "tojson", "wordwrap", "truncate"):
            numbers = [a for a in (*rest, *kwargs.values()) if isinstance(a, int)]
            if any(n > MAX_ITEMS for n in numbers):
                raise _too_big(f"|{name}")
        elif name == "replace" and len(rest) >= 2 and isinstance(value, str):
            old, new = str(rest[0]), str(rest[1])
            if old and value.count(old) * len(new) > MAX_ITEMS:
                raise _too_big("|replace")
        elif name == "format":
            _check_format_string(value, rest)
        elif name == "join" and isinstance(value, Sized) and rest and len(value) * _size(rest[0]) > MAX_ITEMS:
            raise _too_big("|join")
        result = func(*args, **kwargs)
        if name == "join" and _size(result) > MAX_ITEMS:
            raise _too_big("|join")
        return result

    return bounded


GROWING_FILTERS = ("center", "indent", "batch", "slice", "tojson", "wordwrap", "truncate", "replace", "format", "join")
GROWING_METHODS = ("ljust", "rjust", "center", "zfill", "expandtabs", "join", "replace")


class NoOtherTemplates(BaseLoader):
    """The loader {% include %}, {% extends %} and {% import %} reach: it refuses them all."""

    def get_source(self, environment, template):
        raise TemplateLimitError(f"範本不能引用其他範本（include、extends、import「{template}」）："
                                 "機關範本必須是單一的 Word 檔。請把要引用的內容直接放進範本。")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset(("*", "**", "+", "%"))

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined, loader=NoOtherTemplates(),
                         finalize=bounded_print)
        self.globals["range"] = bounded_range
        self.globals["namespace"] = BoundedNamespace
        self.globals.pop("lipsum", None)
        for name in GROWING_FILTERS:
            self.filters[name] = _limit_filter(name, self.filters[name])
        self.template_class = BoundedTemplate

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            _check_repeat("*", left, right)
        elif operator == "+" and _size(left) + _size(right) > MAX_ITEMS:
            raise _too_big("+")
        elif operator == "**" and isinstance(right, int) and isinstance(left, int | float) \
                and abs(left) > 1 and right * len(str(int(abs(left)))) > MAX_POWER_DIGITS:
            raise _too_big("**")
        elif operator == "%":
            _check_format_string(left, right if isinstance(right, tuple) else (right,))
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        name = getattr(__obj, "__name__", "")
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str) and name in GROWING_METHODS:
            if any(isinstance(a, int) and a > MAX_ITEMS for a in (*args, *kwargs.values())):
                raise _too_big(f".{name}()")
            if name == "join" and args and isinstance(args[0], Sized) and len(owner) * len(args[0]) > MAX_ITEMS:
                raise _too_big(".join()")
            if name == "replace" and len(args) >= 2 and str(args[0]) and \
                    owner.count(str(args[0])) * len(str(args[1])) > MAX_ITEMS:
                raise _too_big(".replace()")
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, str | list | tuple) and len(result) > MAX_ITEMS:
            raise _too_big(f"{name or '函式'}()")
        return result

    def wrap_str_format(self, value: Any):
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        text = value.__self__

        @functools.wraps(wrapper)
        def bounded(*args, **kwargs):
            _check_format_string(text, args + tuple(kwargs.values()))
            return wrapper(*args, **kwargs)

        return bounded



def printed_size(value: Any, limit: int = MAX_ITEMS) -> int:
    """Roughly how many characters printing `value` makes, counted only up to just past `limit`:
    a list of a thousand references to one long text is small in memory and huge as text."""
    size, stack, seen = 0, [value], 0
    while stack and size <= limit and seen <= limit:
        item = stack.pop()
        seen += 1
        if isinstance(item, str):
            size += len(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)
            size += 2
        else:
            size += 8
    return size


def bounded_print(value: Any) -> Any:
    """Every {{ }} passes here before it is printed (Environment.finalize)."""
    if isinstance(value, list | tuple | dict | set | frozenset) and printed_size(value) > MAX_ITEMS:
        raise _too_big("印出的清單")
    return value


def explain(err: Exception) -> str:
    """A Jinja error as a user reads it, in Chinese."""
    from jinja2.exceptions import UndefinedError

    if isinstance(err, TemplateLimitError):
        return f"範本有錯誤：{err}"
    if isinstance(err, SecurityError):
        return f"範本有錯誤：範本使用了不允許的操作（例如修改清單或存取程式內部），已停止。（{err}）"
    if isinstance(err, UndefinedError):
        return f"範本有錯誤：範本用到不存在的欄位或屬性。（{err}）"
    return f"範本有錯誤：{err}"


def _bounded_output(chunks):
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT_CHARS:
            raise TemplateLimitError(f"範本產生的內容超過 {MAX_OUTPUT_CHARS // 1024 // 1024} MB 字元，"
                                     "超出處理上限（通常是迴圈重複印出太多內容）。")
        yield chunk


class BoundedTemplate(Template):
    """A template whose output stops at MAX_OUTPUT_CHARS (Template.render, counting)."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        ctx = self.new_context(dict(*args, **kwargs))
        try:
            return self.environment.concat(_bounded_output(self.root_render_func(ctx)))
        except Exception:
            self.environment.handle_exception()


def jinja_environment() -> BoundedSandbox:
    return BoundedSandbox()
