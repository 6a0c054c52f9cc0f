"""Press-conference decks and briefings from plain content files."""
import os

__version__ = "0.1.0"

# pydantic looks for plugins in the entry points of every installed distribution when it makes its first validator
# (some 10 ms a run); the generator uses none. An explicit setting in the environment is kept.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
