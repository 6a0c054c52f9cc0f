"""Ingest: a raw press text in, a draft content file out."""
