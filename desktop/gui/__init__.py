"""The Qt window. The only package that imports Qt."""

from desktop.gui import refcount_guard as _refcount_guard  # noqa: E402, F401 (PySide6 6.12 None refcount bug)
