"""Report → .docx (docxtpl), and later .pdf/.odt through LibreOffice. No Qt."""
