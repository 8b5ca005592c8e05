"""Settings of the service, from ``LUOCDO_*`` environment variables (or the ``luocdo serve`` options).

>>> Settings(store="/tmp/s", token="t").writes_enabled
True
>>> Settings(store="/tmp/s").writes_enabled
False
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.decode import MAX_BYTES
from graph.keys import DEFAULT_BASE
from graph.store import default_store_path

__all__ = ["Settings"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LUOCDO_", extra="ignore")

    store: Path = Field(default_factory=default_store_path, description="the embedded store's folder")
    base: str = Field(DEFAULT_BASE, description="base IRI of the data")
    token: SecretStr | None = Field(None, description="bearer token for writes; none = writes disabled")
    max_upload_bytes: int = Field(MAX_BYTES, gt=0, description="largest document a POST may carry")
    sparql_timeout: float = Field(30.0, gt=0, description="seconds a SPARQL query may run")
    sparql_max_rows: int = Field(10_000, gt=0, description="rows (or triples) a SPARQL answer may hold")
    sparql_workers: int = Field(2, ge=1, description="SPARQL worker processes")

    @property
    def writes_enabled(self) -> bool:
        return self.token is not None and bool(self.token.get_secret_value())
