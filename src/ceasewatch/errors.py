"""The exception every ceasewatch layer raises for a problem the user can fix (one clear line)."""


class CeasewatchError(Exception):
    """A user-facing error: its message is one line that says what is wrong and what to do."""
