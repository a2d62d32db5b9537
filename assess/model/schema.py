"""JSON Schemas of the public file formats, generated from the pydantic models."""

from __future__ import annotations

import json
from enum import StrEnum


class SchemaKind(StrEnum):
    """The file formats that have a schema."""

    questionnaire = "questionnaire"
    answers = "answers"
    review = "review"


def json_schema(kind: SchemaKind) -> str:
    """The JSON Schema of one file format, as stable, indented JSON text."""
    # The models are imported here so that the command line can name the kinds cheaply.
    from pydantic import BaseModel

    from assess.model.answers import AnswersFile
    from assess.model.questionnaire import Questionnaire
    from assess.model.review import ReviewFile

    models: dict[SchemaKind, type[BaseModel]] = {
        SchemaKind.questionnaire: Questionnaire,
        SchemaKind.answers: AnswersFile,
        SchemaKind.review: ReviewFile,
    }
    model = models[kind]
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
