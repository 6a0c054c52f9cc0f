"""Presentation: the checked model turned into what an audience sees, once per conference."""
