"""Publishing: PDF conversion and slide previews (pdf.py, fonts.py), the download page, serve and watch."""
