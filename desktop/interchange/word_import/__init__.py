"""Reading an existing report (.docx, and .odt/.doc through LibreOffice) into a new draft.

The file is opened without trusting it (container.py), walked into a plain outline of paragraphs,
tables and pictures with Word's automatic numbering, tracked changes and fields resolved
(walker.py), read by recognisers that know the report's parts (cover, 提要, headings, chapters by
the kind's names, itinerary, travellers, recommendations, captions) and mapped into a Report
(mapping.py). What was recognised and what was kept as plain text is listed in an ImportNotes
report. No Qt here: the command line and the window both drive it.
"""
