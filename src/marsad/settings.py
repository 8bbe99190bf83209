"""All of marsad's settings in one object, read from `MARSAD_*` environment variables.

Command-line flags override single fields with `settings.model_copy(update=...)`; nothing
else reads the environment. The README's "Settings" table lists every field.
"""

from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

MEGABYTE = 1024 * 1024


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MARSAD_", frozen=True)

    db: str = Field(default="sqlite:///marsad.db", description="store URL, or a path to a SQLite file")
    languages: Annotated[tuple[str, ...], NoDecode] = Field(
        default=("ar", "en", "fa"), description="languages told apart (comma-separated); others are 'other'"
    )
    max_input_bytes: int = Field(default=50 * MEGABYTE, gt=0, description="larger inputs are refused")
    http_timeout: float = Field(default=20.0, gt=0, description="seconds per HTTP request")
    max_redirects: int = Field(default=5, ge=0, description="HTTP redirects followed")
    user_agent: str = Field(default="marsad/0.1", description="User-Agent header of HTTP requests")

    @field_validator("languages", mode="before")
    @classmethod
    def _split_languages(cls, value: object) -> object:
        return tuple(code.strip() for code in value.split(",") if code.strip()) if isinstance(value, str) else value

    @field_validator("db")
    @classmethod
    def _as_url(cls, value: str) -> str:
        """A bare path means a SQLite file, so `--db events.db` just works."""
        if "://" in value:
            return value
        return f"sqlite:///{Path(value).expanduser()}"
