"""ceasewatch: monitor ceasefires and the commitments parties make."""
__version__ = "0.1.0"
