"""One module per ``hamyar`` command; each defines ``command`` (a click command)."""
