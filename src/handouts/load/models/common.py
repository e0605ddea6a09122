"""Turn the value types every input file shares (lengths, ids, language codes) into pydantic types."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from handouts.units import LENGTH_PATTERN, to_points


class Model(BaseModel):
    """Every model rejects unknown keys (typos) and is immutable once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


Length = Annotated[
    float,
    BeforeValidator(to_points),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": LENGTH_PATTERN}, {"type": "number"}]}),
]
PaperName = Literal["letter", "a4"]
PerPaperLength = Length | dict[PaperName, Length]
Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
NonEmpty = Annotated[str, Field(min_length=1)]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2}$")]
Localized = str | dict[LanguageCode, str]  # one text, or one per language


def per_paper(value: Any, paper: str) -> Any:
    """A length given once, or once per paper size."""
    return value[paper] if isinstance(value, dict) else value
