"""Publishing: PDF copies, slide previews, the download page, serve and watch."""
