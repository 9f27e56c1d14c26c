"""The open HSDS 3.0 API under /api/hsds/ (docs/api.md)."""
