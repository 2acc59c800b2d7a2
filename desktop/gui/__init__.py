"""The Qt window. The only package that imports Qt."""

from desktop.gui import none_guard as _none_guard

_none_guard.install()  # before any Qt call: see none_guard.py
