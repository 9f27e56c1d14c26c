def load(stdout, style) -> None:
    """Filled in by the accounts module: demo accounts for every role."""
