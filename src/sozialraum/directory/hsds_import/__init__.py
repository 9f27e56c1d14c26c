"""Import of HSDS 3.0 JSON (Open Referral) into the directory: see docs/import-hsds.md.

`hsds_import(paths=…)` reads files or folders, checks everything (JSON, the HSDS 3.0 JSON
Schemas vendored in ``schema/``, references, duplicates, sizes) and writes all of it in one
transaction, or nothing and raises `HsdsImportError` with every problem and where it is.
"""

from .importer import Counts, ImportReport, hsds_import
from .problems import HsdsImportError, Place, Problem
from .reading import ImportLimits

__all__ = [
    "Counts",
    "HsdsImportError",
    "ImportLimits",
    "ImportReport",
    "Place",
    "Problem",
    "hsds_import",
]
