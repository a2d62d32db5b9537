"""What holds the overall maturity level down: the weakest dimensions and their unmet practices.

The overall level is the lowest dimension level, and a dimension stops one below its lowest
unmet question. So the questions that hold the overall level where it is are the unmet ones of
the next level up, in the dimensions at the overall level. `assess score` and the report both
name them from here, so the terminal and the PDF give the same reason.
"""

from __future__ import annotations

from assess.model.base import Model
from assess.scoring.engine import Result


class Blocker(Model):
    """An unmet question one level above its dimension's level."""

    question: str
    level: int
    score: float


class Limit(Model):
    """A dimension at the overall level, and the questions that keep it there."""

    dimension: str
    name: str
    level: int
    questions: list[Blocker]


def level_limits(result: Result) -> list[Limit]:
    """The dimensions that hold the overall level down, each with its blocking questions.

    Empty when the overall level is the questionnaire's top level (nothing holds it down) or
    when nothing was scored.
    """
    overall = result.overall.level
    if overall is None:
        return []
    limits = []
    for d in result.dimensions:
        if d.level != overall:
            continue
        blocking = [
            Blocker(question=q.question, level=q.level, score=q.score)
            for q in d.questions
            if q.met is False and q.level == overall + 1 and q.score is not None
        ]
        if blocking:
            limits.append(Limit(dimension=d.id, name=d.name, level=d.level, questions=blocking))
    return limits
