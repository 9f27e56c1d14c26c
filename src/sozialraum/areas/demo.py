def load(stdout, style) -> None:
    """Filled in by the areas module: imports Berlin's LOR areas."""
