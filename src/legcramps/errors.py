"""The one exception type for mistakes an editor can make."""


class ContentError(ValueError):
    """A content mistake. Its message is one line that says what is wrong and how to fix it.

    The build glue prefixes the file name, so the core never needs to know which page it is on.
    """
