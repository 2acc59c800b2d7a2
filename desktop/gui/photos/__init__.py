"""The photo step of the editor."""
