"""netaudit: tells you how many of your LinkedIn connections are real relationships."""

__version__ = "0.1.0"
