"""The report and the rules about it, as plain Python (no Qt, no database)."""
