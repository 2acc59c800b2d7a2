"""Photos: the app's own copy of every picture a report uses (no Qt)."""
