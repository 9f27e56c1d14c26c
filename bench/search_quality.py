"""Search quality over the demo directory: recall@5 and success@5 of the judged queries.

    .venv/bin/python bench/search_quality.py            # totals and the queries that miss
    .venv/bin/python bench/search_quality.py --verbose  # every query with its first five results

Loads Berlin's areas and the demo directory into a throw-away SQLite database. The judged
queries live in tests/directory/search_judgements.py (docs/search.md, docs/benchmarks.md).
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every query's results")
    options = parser.parse_args(argv)

    temporary = Path(tempfile.mkdtemp(prefix="sozialraum-search-quality-"))
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    os.environ.update(
        {
            "DATABASE_URL": f"sqlite:///{temporary / 'quality.sqlite3'}",
            "SECRET_KEY": os.environ.get("SECRET_KEY", "bench"),
            "DJANGO_SETTINGS_MODULE": "sozialraum.settings",
        }
    )
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.core.management.color import no_style

        from sozialraum.areas import demo as areas_demo
        from sozialraum.directory import demo
        from tests.directory.search_judgements import JUDGEMENTS, evaluate

        call_command("migrate", verbosity=0)
        areas_demo.load(StringIO(), no_style())
        demo.load_directory()
        results = evaluate()
        for query, recall, success, found in results:
            if options.verbose or recall < 1:
                relevant = dict(JUDGEMENTS)[query]
                print(f"{recall:4.2f} {'✓' if success else '✗'} {query!r}: {found}")
                if recall < 1:
                    print(f"          missing: {sorted(set(relevant) - set(found))}")
        recall_5 = statistics.mean(recall for _q, recall, _s, _f in results)
        success_5 = statistics.mean(1.0 if success else 0.0 for _q, _r, success, _f in results)
        print(f"queries: {len(results)}  recall@5: {recall_5:.3f}  success@5: {success_5:.3f}")
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    main()
