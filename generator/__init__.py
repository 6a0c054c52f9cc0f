"""Press-conference decks and briefings from plain content files."""
__version__ = "0.1.0"
