"""Small reusable widgets (field types the editor's forms use)."""
