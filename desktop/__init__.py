"""TripReport (出國報告編輯器)."""

__version__ = "0.1.0"
APP_NAME = "TripReport"
APP_TITLE = "出國報告編輯器"
