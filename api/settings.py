"""Settings of the service, from ``LUOCDO_*`` environment variables (or the ``luocdo serve`` options).

>>> Settings(store="/tmp/s", token="t").writes_enabled
True
>>> Settings(store="/tmp/s").writes_enabled
False
>>> server = Settings(sparql_endpoint="http://localhost:7878/query", sparql_password="pw").server()
>>> server.update_endpoint, "pw" in repr(server)
('http://localhost:7878/update', False)
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.decode import MAX_BYTES
from graph.keys import DEFAULT_BASE
from graph.remote import Kind, Server
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
    sparql_workers: int = Field(2, ge=1, description="SPARQL worker processes (on a server: queries in flight)")
    sparql_queue_timeout: float = Field(1.0, ge=0, description="seconds a SPARQL query may wait for a free worker "
                                                               "before a 503")
    sparql_endpoint: str | None = Field(None, description="a SPARQL 1.1 server's query URL: the store, instead of "
                                                          "the embedded one")
    sparql_update_endpoint: str | None = Field(None, description="its update URL (default: by its convention)")
    sparql_store_endpoint: str | None = Field(None, description="a URL whose GET returns its whole dataset")
    sparql_server: Kind | None = Field(None, description="the server's kind, when its URL does not tell")
    sparql_user: str | None = Field(None, description="user for HTTP Basic/Digest on the server")
    sparql_password: SecretStr | None = Field(None, description="password for HTTP Basic/Digest on the server")
    sparql_bearer: SecretStr | None = Field(None, description="bearer token for the server")
    rate_limit: float = Field(10.0, ge=0, description="requests per second a client (an IPv4 address, an IPv6 /64) "
                                                       "may make on average; 0 = no limit (/health is never counted)")
    rate_burst: int = Field(60, ge=1, description="requests a client may make at once before the rate applies")
    rate_exempt: str = Field("127.0.0.1/32,::1/128", description="comma-separated networks whose clients are not "
                                                                 "limited (default: this machine's loopback)")
    refresh_interval: float = Field(1.0, ge=0, description="seconds between two looks for other processes' writes "
                                                           "(on a server)")

    def server(self) -> Server | None:
        """The SPARQL server holding the data, or None for the embedded store."""
        if not self.sparql_endpoint:
            return None
        return Server(self.sparql_endpoint, self.sparql_update_endpoint, self.sparql_store_endpoint,
                      self.sparql_user, _secret(self.sparql_password), _secret(self.sparql_bearer),
                      self.sparql_server)

    @property
    def writes_enabled(self) -> bool:
        return self.token is not None and bool(self.token.get_secret_value())


def _secret(value: SecretStr | None) -> str | None:
    return value.get_secret_value() or None if value is not None else None
