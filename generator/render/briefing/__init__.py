"""The briefing (.docx) in the official-document layout, from the view."""
