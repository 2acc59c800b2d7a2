"""What a template's tags ask for that can never work, found before anything renders.

`{% include %}`, `{% extends %}` and `{% import %}` need another template file, and an agency
template is one .docx; `range(10**9)` is beyond the sandbox's range limit; two nested
`range(99999)` loops would run for ten billion steps; `'x' * 300000000` would build 300 MB. All of
them passed the check and failed (or hung) only at export. Constants are evaluated here by a small
evaluator with its own bounds (`9**9**9` is never computed), so checking stays instant.
Expressions that depend on the report cannot be judged here: template_env.py and isolated.py
bound those while rendering.
"""

from __future__ import annotations

from jinja2 import nodes

from desktop.export.template_env import MAX_ITEMS, MAX_POWER_DIGITS, MAX_RANGE

MAX_LOOP_STEPS = 1_000_000  # nested loops of known length, multiplied
HUGE = float("inf")
LOADERS = {nodes.Include: "include", nodes.Extends: "extends", nodes.Import: "import", nodes.FromImport: "from … import"}


def _const(node: nodes.Node):
    """The value of a constant integer or string expression, HUGE for an integer too large to
    compute safely, None when it depends on something else."""
    if isinstance(node, nodes.Const) and isinstance(node.value, int | str) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, nodes.Neg | nodes.Pos):
        value = _const(node.node)
        return -value if isinstance(node, nodes.Neg) and isinstance(value, int | float) else value
    if isinstance(node, nodes.Add | nodes.Sub | nodes.Mul | nodes.Pow | nodes.FloorDiv):
        left, right = _const(node.left), _const(node.right)
        if not (isinstance(left, int | float) and isinstance(right, int | float)):
            return None
        if HUGE in (abs(left), abs(right)):
            return HUGE
        if isinstance(node, nodes.Pow):
            if right < 0:
                return None
            too_big = abs(left) > 1 and right * len(str(int(abs(left)))) > MAX_POWER_DIGITS  # as the sandbox judges
            return HUGE if too_big else left ** right
        if isinstance(node, nodes.FloorDiv):
            return left // right if right else None
        if isinstance(node, nodes.Add):
            return left + right
        return left - right if isinstance(node, nodes.Sub) else left * right
    return None


def _range_steps(node: nodes.Node) -> float | None:
    """The number of steps of `range(<constants>)`, or None when it is not one."""
    if not (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name == "range"):
        return None
    args = [_const(a) for a in node.args]
    if node.kwargs or node.dyn_args or not 1 <= len(args) <= 3 or not all(isinstance(a, int | float) for a in args):
        return None
    if HUGE in [abs(a) for a in args]:
        return HUGE
    try:
        return len(range(*[int(a) for a in args]))
    except (ValueError, OverflowError):
        return HUGE


def _loop_steps(node: nodes.Node, outer: float, found: list[float]) -> None:
    """Multiply the lengths of nested constant-range loops; record the product at each loop that
    sits inside another."""
    for child in node.iter_child_nodes():
        steps = outer
        if isinstance(child, nodes.For):
            own = _range_steps(child.iter)
            steps = outer * (own if own is not None else 1)
            if outer > 1:
                found.append(steps)
        _loop_steps(child, steps, found)


def _count(n: float) -> str:
    return "無數" if n == HUGE else f"{int(n):,}"


def unworkable(ast: nodes.Template) -> list[tuple[str, str]]:
    """(code, message in Chinese) for each construct of the parsed template that cannot work."""
    out = []
    for kind, word in LOADERS.items():
        if any(True for _ in ast.find_all(kind)):
            out.append(("include", f"範本用了 {{% {word} %}} 引用其他範本：機關範本必須是單一的 Word 檔，"
                                   "不能引用其他檔案。請把要引用的內容直接放進這份範本。"))
    for call in ast.find_all(nodes.Call):
        steps = _range_steps(call)
        if steps is not None and steps > MAX_RANGE:
            out.append(("too-much", f"範本中的 range() 有 {_count(steps)} 步，超過上限 {MAX_RANGE:,}。"
                                    "範本只需要印出報告欄位，請縮小或移除這個迴圈。"))
    products: list[float] = []
    _loop_steps(ast, 1, products)
    worst = max(products, default=0)
    if worst > MAX_LOOP_STEPS:
        out.append(("too-much", f"範本中的迴圈層層相乘共要執行 {_count(worst)} 次（上限 {MAX_LOOP_STEPS:,}），"
                                "匯出會停住。請移除多餘的巢狀迴圈。"))
    for op in ast.find_all(nodes.Mul):
        left, right = _const(op.left), _const(op.right)
        for text, times in ((left, right), (right, left)):
            if isinstance(text, str) and isinstance(times, int | float) and len(text) * times > MAX_ITEMS:
                out.append(("too-much", f"範本中的字串重複（*）會產生 {_count(len(text) * times)} 個字元，"
                                        f"超過上限 {MAX_ITEMS:,}。請移除這個運算。"))
    for op in ast.find_all(nodes.Pow):
        if _const(op) == HUGE:
            out.append(("too-much", "範本中的次方（**）運算結果太大，無法計算。請移除這個運算。"))
    return list(dict.fromkeys(out))
