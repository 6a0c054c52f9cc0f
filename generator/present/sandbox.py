"""The one bounded jinja sandbox, for the editors' narratives and the designer's download page template.

jinja's own sandbox keeps a template away from the file system, imports and private attributes; this one also bounds
what a template may make, wherever it makes it (generator/limits.py holds the numbers):

- its shape, before it is compiled: nodes, the depth of an expression, the depth of {% if %} (a deep one made Python's
  parser and compiler fail: RecursionError, IndentationError);
- every value an operator, a filter or a call makes: strings and lists past VALUE_CHARS / VALUE_ITEMS are refused,
  and the few operations that could allocate gigabytes in one step (`'x' * n`, `'%0999999999d' % 1`, `9 ** 9 ** 9`)
  are refused before they run;
- calls: a template calls the functions it is given, the filters, and a short list of methods that cannot grow their
  input (`'x'.center(10**9)`, `'{:999999999}'.format(1)` and the like are refused);
- time: a wall-clock limit (SIGALRM in the main thread, so that an empty loop is stopped too), and a deadline checked
  at every operator, attribute and call where no signal can be had.
"""
from __future__ import annotations

import functools
import re
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jinja2 import Template, nodes
from jinja2.runtime import Macro
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from .. import limits
from ..errors import GeneratorError
from ..messages import _
from .compiled import CompiledTexts, from_code

# Methods a page template may call: none makes a value larger than the one it is called on (loop.cycle picks one).
SAFE_METHODS = frozenset({"items", "keys", "values", "get", "startswith", "endswith", "lower", "upper", "strip",
                          "lstrip", "rstrip", "title", "capitalize", "split", "count", "find", "isdigit", "cycle",
                          "changed"})
_WIDTH = re.compile(r"%[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


class TooMuch(SecurityError):
    """A template passed one of its bounds: its time, the size of a value or of its output, or a refused call."""


class _Clock:
    deadline: float | None = None
    overrun = ""  # what the refusal says, the same whichever of the two bounds fires first


def _in_time() -> None:
    if _Clock.deadline is not None and time.monotonic() > _Clock.deadline:
        _Clock.deadline = None
        raise TooMuch(_Clock.overrun)


@contextmanager
def deadline(seconds: float, what: str) -> Iterator[None]:
    """A wall-clock bound on what runs inside: SIGALRM where a signal can be had (the main thread, POSIX), so that a
    loop with nothing in it stops too; and a deadline every operator, attribute and call checks in any case."""
    previous_deadline, previous_overrun = _Clock.deadline, _Clock.overrun
    _Clock.deadline = time.monotonic() + seconds
    _Clock.overrun = overrun = f"{what} took over {seconds:g} s"
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread() \
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    if not usable:
        try:
            yield
        finally:
            _Clock.deadline, _Clock.overrun = previous_deadline, previous_overrun
        return

    def stop(_signum, _frame):
        raise TooMuch(overrun)

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        _Clock.deadline, _Clock.overrun = previous_deadline, previous_overrun


def bounded(value: Any) -> Any:
    """`value` when its size is within the bounds; TooMuch otherwise."""
    if isinstance(value, str) and len(value) > limits.VALUE_CHARS:
        raise TooMuch(f"makes a text of {len(value):,} characters; at most {limits.VALUE_CHARS:,}")
    if isinstance(value, (list, tuple, dict, set, range)) and len(value) > limits.VALUE_ITEMS:
        raise TooMuch(f"makes {len(value):,} items; at most {limits.VALUE_ITEMS:,}")
    if isinstance(value, int) and value.bit_length() > limits.POWER_DIGITS * 3.33:
        raise TooMuch(f"makes a number of more than {limits.POWER_DIGITS} digits")
    return value


def _sized(x: Any) -> bool:
    return isinstance(x, (str, list, tuple))


class BoundedSandbox(SandboxedEnvironment):
    """jinja's sandbox with every operator, filter and call bounded in size and time."""

    intercepted_binops = frozenset(["*", "**", "%", "+", "-", "/", "//"])
    intercepted_unops = frozenset(["-", "+"])

    def __init__(self, *args, methods: frozenset[str] = SAFE_METHODS, **kwargs):
        super().__init__(*args, **kwargs)
        self.methods = methods
        self.globals["range"] = _range

    def call_binop(self, context, operator, left, right):
        _in_time()
        if operator == "**":
            if not isinstance(right, (int, float)) or abs(right) > 64:
                raise TooMuch("exponent too large")
            if isinstance(left, (int, float)) and abs(left) > 1 and right > 0:
                import math

                if right * math.log10(abs(left)) > limits.POWER_DIGITS:
                    raise TooMuch(f"power too large: more than {limits.POWER_DIGITS} digits")
        elif operator == "*":
            sized = [x for x in (left, right) if _sized(x)]
            count = [x for x in (left, right) if isinstance(x, int) and not isinstance(x, bool)]
            if sized and count and len(sized[0]) * max(count[0], 0) > limits.VALUE_CHARS:
                raise TooMuch(f"repeats to more than {limits.VALUE_CHARS:,} characters or items")
        elif operator == "%" and isinstance(left, str):
            for width, precision in _WIDTH.findall(left):
                for n in (width, precision):
                    if n == "*" or (n and int(n) > limits.VALUE_CHARS):
                        raise TooMuch(f"a %-format wider than {limits.VALUE_CHARS:,} characters")
        return bounded(super().call_binop(context, operator, left, right))

    def call_unop(self, context, operator, arg):
        _in_time()
        return super().call_unop(context, operator, arg)

    def getattr(self, obj, attribute):
        _in_time()
        return super().getattr(obj, attribute)

    def getitem(self, obj, argument):
        _in_time()
        return super().getitem(obj, argument)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (jinja's own signature)
        _in_time()
        own = any(__obj is f for f in __self.globals.values()) or isinstance(__obj, Macro)  # its own code
        name = getattr(__obj, "__name__", "")
        if not own and (getattr(__obj, "__self__", None) is None or name not in __self.methods):
            raise TooMuch(f"calls {name or type(__obj).__name__}(); a template may call "
                          f"{', '.join(sorted(__self.methods)) or 'only its own functions'}")
        for a in (*args, *kwargs.values()):
            bounded(a)
            if isinstance(a, int) and abs(a) > limits.VALUE_CHARS and not own:
                raise TooMuch(f"a method called with {a:,}")
        return bounded(super().call(__context, __obj, *args, **kwargs))

    def bound_filters(self) -> None:
        """Every filter's result bounded like an operator's (`join` with a long separator made gigabytes)."""
        self.filters = {name: _bounded_filter(f) for name, f in self.filters.items()}


def _bounded_filter(f):
    @functools.wraps(f)  # keeps jinja's pass_context / pass_eval_context marks
    def bounded_filter(*args, **kwargs):
        _in_time()
        return bounded(f(*args, **kwargs))

    return bounded_filter


def _range(*args: int) -> range:
    r = range(*args)
    if len(r) > limits.VALUE_ITEMS:
        raise TooMuch(f"a range of {len(r):,} items; at most {limits.VALUE_ITEMS:,}")
    return r


# ---------------------------------------------------------------- a template's shape, checked before it is compiled


def too_deep(env: SandboxedEnvironment, source: str) -> tuple[int, str] | None:
    """(line, problem) when an expression nests past EXPRESSION_DEPTH in the text itself: brackets and signs in a row
    are what make jinja's parser recurse, so they are counted on the tokens, before it runs."""
    depth = signs = 0
    try:
        for line, kind, value in env.lex(source):
            if kind == "whitespace":
                continue
            op = value if kind == "operator" else ""
            depth += (op in "([{" and op != "") - (op in ")]}" and op != "")
            signs = signs + 1 if op in ("-", "+") and op or (kind == "name" and value == "not") else 0
            if depth + signs > limits.EXPRESSION_DEPTH:
                return line, f"an expression nested deeper than {limits.EXPRESSION_DEPTH} levels; write it simpler"
    except Exception:  # noqa: BLE001 (a lexing error is the parser's to report, with its line)
        return None
    return None


def shape_problem(tree: nodes.Template, most_nodes: int) -> tuple[int, str] | None:
    """(line, problem) when a parsed template is too big or too deep to compile safely; walked without recursion."""
    count = 0
    stack: list[tuple[nodes.Node, int, int]] = [(tree, 0, 0)]
    while stack:
        node, depth, ifs = stack.pop()
        count += 1
        line = getattr(node, "lineno", 1) or 1
        if count > most_nodes:
            return line, f"a template of more than {most_nodes:,} parts; split the text"
        if depth > limits.EXPRESSION_DEPTH:
            return line, f"an expression nested deeper than {limits.EXPRESSION_DEPTH} levels; write it simpler"
        if ifs > limits.IF_DEPTH:
            return line, f"{{% if %}} nested deeper than {limits.IF_DEPTH} levels"
        for child in node.iter_child_nodes():
            elif_ = isinstance(node, nodes.If) and any(child is e for e in node.elif_)
            stack.append((child, 0 if isinstance(child, nodes.Stmt) else depth + 1,
                          ifs + 1 if isinstance(child, nodes.If) and not elif_ else ifs))
    return None


_UNARY: dict[type, str] = {nodes.Neg: "-", nodes.Pos: "+"}


def constant_problem(env: BoundedSandbox, tree: nodes.Template) -> tuple[int, str] | None:
    """(line, problem) when an expression of constants alone would pass a bound (`9**9**9**9`, `'x' * 10**9`): worked
    out here with the bounded operators, so `check` refuses what the build would stop on."""
    def value(node: nodes.Node) -> Any:
        if isinstance(node, nodes.Const):
            return node.value
        if isinstance(node, nodes.BinExpr):
            return env.call_binop(None, node.operator, value(node.left), value(node.right))
        if type(node) in _UNARY:
            return env.call_unop(None, _UNARY[type(node)], value(node.node))  # type: ignore[attr-defined]
        raise LookupError  # not a constant

    for node in tree.find_all((nodes.BinExpr, nodes.UnaryExpr)):
        try:
            value(node)
        except TooMuch as exc:
            return node.lineno, f"not allowed: {exc}"
        except Exception:  # noqa: BLE001 (not a constant, or an error the render reports with its line)
            continue
    return None


# ---------------------------------------------------------------- the download page's template


def page_environment() -> BoundedSandbox:
    """The page template's environment: autoescaped, strict, bounded like a narrative's, loops allowed (range is
    bounded, and so is the time), calls limited to SAFE_METHODS and its own functions."""
    from jinja2 import StrictUndefined

    env = BoundedSandbox(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    env.bound_filters()
    return env


# a page template stands alone: it has no loader, so what would read another file is refused by `check`
NOT_IN_A_PAGE = (nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)
PAGE_NODES = 50_000  # the shipped page template has about 400


def page_template_problem(text: str) -> tuple[int, str] | None:
    """(line, problem) for a page template `check` must refuse: syntax, include/extends/import, shape, size."""
    from jinja2 import TemplateSyntaxError

    if len(text.encode("utf-8")) > limits.PAGE_TEMPLATE_BYTES:
        return 1, f"the page template is over {limits.PAGE_TEMPLATE_BYTES // 1024} KB"
    if PAGE_COMPILED.get(text) is not None:  # passed these checks before, on this machine, under these rules
        return None
    env = page_environment()
    deep = too_deep(env, text)
    if deep:
        return deep
    try:
        tree = env.parse(text)
    except TemplateSyntaxError as exc:
        return exc.lineno or 1, f"template syntax: {exc.message}"
    except RecursionError:
        return 1, "an expression nested too deep to read; write it simpler"
    shape = shape_problem(tree, PAGE_NODES)  # first: the walks below recurse
    if shape:
        return shape
    for node in tree.find_all(NOT_IN_A_PAGE):
        word = type(node).__name__.lower().replace("fromimport", "import")
        return node.lineno, f"{{% {word} %}} is not allowed: the page template stands alone (no include or extends)"
    shape = constant_problem(env, tree)
    if shape:
        return shape
    try:
        code = env.compile(tree)
    except (RecursionError, SyntaxError, MemoryError) as exc:
        return 1, f"too complex to compile ({type(exc).__name__}); write it simpler"
    PAGE_COMPILED.put(text, code)
    PAGE_COMPILED.save()
    return None


def page_template(text: str) -> Template:
    """The page template made from `text`, which read_page_template has checked: its code is remembered then."""
    env = page_environment()
    known = PAGE_COMPILED.get(text)
    return from_code(env, known[0]) if known is not None else env.from_string(text)


# page templates that passed the checks above, compiled, remembered across runs (present/compiled.py)
PAGE_COMPILED = CompiledTexts("page", Path(__file__))


def read_page_template(template: Path, shown: str) -> str:
    """The page template's text, refused with its line when `check` would refuse it (present/sandbox.py)."""
    if template.stat().st_size > limits.PAGE_TEMPLATE_BYTES:
        raise GeneratorError(_("{shown}: over {value} KB; a page template is a page", shown=shown,
                               value=limits.PAGE_TEMPLATE_BYTES // 1024))
    try:
        text = template.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise GeneratorError(_("{shown}: not UTF-8; save it as UTF-8", shown=shown)) from None
    problem = page_template_problem(text)
    if problem:
        raise GeneratorError(_("{shown}:{value}: {value2}", shown=shown, value=problem[0], value2=problem[1]))
    return text
