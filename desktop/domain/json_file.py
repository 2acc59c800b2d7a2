"""Reading the JSON files people edit by hand (kind files, template manifests, the working-day
calendar), with every failure said in Chinese.

Python's JSON messages are English ("Expecting ',' delimiter") and name the parser's expectation,
not the mistake; the people who edit these files are an agency's IT staff working in Notepad. So a
syntax error is reported with its line and column, the mistake it most likely is, and the usual
mistakes to look for.
"""

from __future__ import annotations

import errno
import json
from pathlib import Path

COMMON_MISTAKES = ("常見的錯誤：兩個項目之間少了逗號、最後一項後面多了逗號、文字或欄位名稱沒有用半形雙引號 \" 括住"
                   "（單引號 ' 與全形引號「」“” 都不行）、括號 { } [ ] 沒有成對。")

# Python's message (its beginning) → what the writer most likely did.
_LIKELY = (
    ("Expecting ',' delimiter", "這裡少了一個逗號：兩個項目之間要用半形逗號 , 隔開"),
    ("Expecting property name enclosed in double quotes",
     "這裡應該是用半形雙引號括住的欄位名稱：可能是最後一項後面多了逗號，或欄位名稱用了單引號、全形引號或沒有引號"),
    ("Illegal trailing comma", "最後一項後面多了逗號"),
    ("Expecting ':' delimiter", "欄位名稱後面少了半形冒號 :"),
    ("Expecting value",
     "這裡應該是一個值：文字要用半形雙引號括住，true、false、null 要小寫；也可能是多了一個逗號，或檔案是空的"),
    ("Unterminated string", "一段文字少了結尾的半形雙引號 \""),
    ("Invalid control character", "文字中間直接換了行或有定位字元；要換行請寫 \\n"),
    ("Invalid \\escape", "反斜線 \\ 的寫法不對：Windows 路徑請寫成 \\\\ 或改用 /"),
    ("Invalid \\u", "反斜線 \\u 後面應該是四個十六進位數字"),
    ("Extra data", "資料已經結束，後面還有多餘的內容：可能多了一個 } 或 ]"),
)


class JsonFileError(ValueError):
    """A JSON file that cannot be read; str(err) says why, in Chinese."""


def explain_json_error(err: json.JSONDecodeError) -> str:
    """Where the syntax error is and what it most likely is, in Chinese."""
    likely = next((text for start, text in _LIKELY if err.msg.startswith(start)), "這裡的寫法不符合 JSON 格式")
    return f"第 {err.lineno} 行第 {err.colno} 欄：{likely}。{COMMON_MISTAKES}"


def explain_read_error(err: OSError, path: Path) -> str:
    """Why a file could not be opened for reading, in Chinese."""
    if isinstance(err, FileNotFoundError) or err.errno == errno.ENOENT:
        return f"找不到「{path}」"
    if isinstance(err, PermissionError) or err.errno in (errno.EACCES, errno.EPERM):
        return f"沒有權限讀取「{path}」"
    if isinstance(err, IsADirectoryError):
        return f"「{path}」是資料夾，不是檔案"
    return f"無法讀取「{path}」（系統錯誤代碼 {err.errno}）"


def read_json_object(path: Path) -> dict:
    """The object `path` holds (a UTF-8 file, a BOM allowed); JsonFileError when it cannot be read,
    is not JSON, or is not an object."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise JsonFileError(explain_read_error(err, path)) from err
    except UnicodeDecodeError as err:
        raise JsonFileError(f"「{path.name}」不是 UTF-8 文字檔（用記事本另存時，編碼請選 UTF-8）") from err
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise JsonFileError(f"「{path.name}」不是有效的 JSON（{explain_json_error(err)}）") from err
    if not isinstance(data, dict):
        raise JsonFileError(f"「{path.name}」的最上層應該是物件 {{ }}")
    return data
