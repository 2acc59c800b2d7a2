"""Drafts leaving and entering the app: the draft JSON format (and later the portable package)."""
