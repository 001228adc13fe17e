"""Where the warehouse's object storage is: an S3 URL, its endpoint and credentials, as DuckDB needs them.

The warehouse on object storage is a DuckLake (:mod:`warehouse.lake`): DuckLake writes the data
files under this store's URL and keeps the catalog in PostgreSQL. (It replaced a home-made
``_snapshot.json`` pointer that allowed one publisher at a time.) DuckDB reaches the store through
the httpfs extension with the secret :func:`s3_secret_sql` creates. Credentials come from the
standard ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY`` environment variables.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass(frozen=True)
class ObjectStore:
    """An S3-compatible location.

    Attributes:
        url: ``s3://bucket/prefix`` (prefix optional).
        endpoint: ``http(s)://host:port`` of an S3-compatible server; empty for AWS itself.
        region: The bucket's region.
        access_key: Access key id (default: ``AWS_ACCESS_KEY_ID``).
        secret_key: Secret key (default: ``AWS_SECRET_ACCESS_KEY``).
    """

    url: str
    endpoint: str = ""
    region: str = "us-east-1"
    access_key: str = ""
    secret_key: str = field(default="", repr=False)

    @classmethod
    def from_env(cls, url: str, endpoint: str = "", region: str = "us-east-1") -> ObjectStore:
        """A store whose credentials are the standard AWS environment variables."""
        return cls(
            url, endpoint, region, os.environ.get("AWS_ACCESS_KEY_ID", ""), os.environ.get("AWS_SECRET_ACCESS_KEY", "")
        )

    @property
    def root(self) -> str:
        """``bucket/prefix`` without the scheme or a trailing slash."""
        parts = urlsplit(self.url)
        if parts.scheme != "s3" or not parts.netloc:
            raise ValueError(f"object store URL must be s3://bucket[/prefix], got {self.url!r}")
        return f"{parts.netloc}{parts.path}".rstrip("/")


def quote(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def s3_secret_sql(store: ObjectStore, name: str) -> str:
    """The ``create secret`` statement that lets DuckDB's httpfs read and write the store.

    Args:
        store: The object store.
        name: The secret's name.

    Returns:
        SQL for a temporary (connection-scoped) S3 secret; path-style URLs and plain HTTP when
        the endpoint says ``http://`` (an S3-compatible server such as MinIO or moto).
    """
    secret = {"key_id": store.access_key, "secret": store.secret_key, "region": store.region}
    options = ["type s3", *(f"{k} {quote(v)}" for k, v in secret.items())]
    if store.endpoint:
        parts = urlsplit(store.endpoint)
        options += [
            f"endpoint {quote(parts.netloc)}",
            "url_style 'path'",
            f"use_ssl {'true' if parts.scheme == 'https' else 'false'}",
        ]
    return f"create or replace secret {name} ({', '.join(options)})"
