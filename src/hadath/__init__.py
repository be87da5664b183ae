"""hadath: Arabic news to a clean, de-duplicated, sourced dataset of political events."""

__version__ = "0.1.0"
