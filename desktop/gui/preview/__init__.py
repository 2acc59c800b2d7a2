"""The page preview (檢視 → 頁面預覽): the report's real pages as they will print."""
