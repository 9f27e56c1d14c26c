"""Where a problem in the imported data is (file and JSON path) and what it is."""

from collections.abc import Iterable
from dataclasses import dataclass, field

#: A position inside one JSON document: keys and list indexes from the root.
JsonPath = tuple[str | int, ...]


def format_path(path: JsonPath) -> str:
    """``$[3].services[0].phones[1].number``, the notation of JSONPath."""
    text = "$"
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


@dataclass(frozen=True)
class Place:
    """One place in the imported files: the file and the JSON path inside it."""

    file: str
    path: JsonPath = ()

    def __str__(self) -> str:
        # a problem of the whole file (unreadable, too big) has no JSON path
        return f"{self.file}: {format_path(self.path)}" if self.path else self.file

    def child(self, *parts: str | int) -> "Place":
        return Place(self.file, self.path + parts)


@dataclass(frozen=True)
class Problem:
    """An error or a warning about the data, with the place it concerns."""

    place: Place
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class HsdsImportError(Exception):
    """The import was aborted; `problems` lists every error found (up to the cap)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class TooManyProblems(Exception):
    """Raised inside the checks once the cap is reached; the collected errors are reported."""


@dataclass
class ProblemList:
    """Collects errors up to a cap, and warnings (uncapped, but merged per message)."""

    max_errors: int
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, place: Place, message: str) -> None:
        self.errors.append(Problem(place, message))
        if len(self.errors) >= self.max_errors:
            raise TooManyProblems

    def warn(self, place: Place, message: str) -> None:
        self.warnings.append(Problem(place, message))
