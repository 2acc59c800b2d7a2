"""argparse's own words (usage:, options, its error messages) in Chinese.

argparse looks its messages up through the module-level `_` and `ngettext` at the moment it
prints them, so replacing those two names translates the help and every error it reports,
without a gettext catalogue to ship. A message missing here stays as argparse wrote it.
"""

from __future__ import annotations

import argparse

WORDS = {
    "usage: ": "用法：",
    "positional arguments": "參數",
    "options": "選項",
    "show this help message and exit": "顯示這段說明後結束",
    "show program's version number and exit": "顯示版本後結束",
    "%(prog)s: error: %(message)s\n": "%(prog)s：錯誤：%(message)s\n（說明：%(prog)s --help）\n",
    "the following arguments are required: %s": "缺少必要的參數：%s",
    "unrecognized arguments: %s": "看不懂的參數：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "沒有「%(value)s」這個選擇（可用：%(choices)s）",
    "invalid %(type)s value: %(value)r": "「%(value)s」不是有效的值（需要 %(type)s）",
    "argument %(argument_name)s: %(message)s": "參數 %(argument_name)s：%(message)s",
    "expected one argument": "後面要接一個值",
    "expected at least one argument": "後面至少要接一個值",
    "expected at most one argument": "後面最多接一個值",
    "ambiguous option: %(option)s could match %(matches)s": "選項 %(option)s 不明確，可能是：%(matches)s",
    "not allowed with argument %s": "不能與 %s 一起使用",
    "one of the arguments %s is required": "需要下列其中一個參數：%s",
    "ignored explicit argument %r": "這個選項不接值：%r",
}
PLURAL_WORDS = {
    "expected %s argument": "後面要接 %s 個值",
}


def translate(message: str) -> str:
    return WORDS.get(message, message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    if singular in PLURAL_WORDS:
        return PLURAL_WORDS[singular]
    return singular if n == 1 else plural


def install() -> None:
    argparse._ = translate
    argparse.ngettext = translate_plural
