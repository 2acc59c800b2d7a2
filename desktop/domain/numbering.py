"""Chinese heading numbers, computed from position, never typed by hand.

Level 1 is 壹、貳、參… (or 第一章、第二章…), then 一、 → （一） → 1. → (1). Deeper levels repeat the
last form.
"""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_FORMAL = "零壹貳參肆伍陸柒捌玖"


def chinese_number(n: int, *, formal: bool = False) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五; formal: 壹, 拾, 拾壹, 貳拾 …"""
    if n <= 0:
        raise ValueError("heading numbers start at 1")
    digits = _FORMAL if formal else _DIGITS
    ten, hundred = ("拾", "佰") if formal else ("十", "百")
    if n >= 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += digits[hundreds] + hundred
        if rest and tens == 0:
            out += digits[0]
    if tens:
        # 十一 rather than 一十一 when the number starts with its tens
        out += ("" if tens == 1 and not hundreds else digits[tens]) + ten
    if ones:
        out += digits[ones]
    return out


def heading_number(level: int, n: int, style: str = "壹") -> str:
    """The number that starts the heading of the n-th item on a level (1-based)."""
    if level <= 1:
        if style == "章":
            return f"第{chinese_number(n)}章"
        return chinese_number(n, formal=True) + "、"
    if level == 2:
        return chinese_number(n) + "、"
    if level == 3:
        return f"（{chinese_number(n)}）"
    if level == 4:
        return f"{n}."
    return f"({n})"


def numbered_heading(level: int, n: int, text: str, style: str = "壹") -> str:
    """第一章 目的 puts a space after the chapter word; 壹、目的 needs none after the 、."""
    number = heading_number(level, n, style)
    sep = " " if number.endswith(("章", ".", ")")) else ""
    return f"{number}{sep}{text}"
