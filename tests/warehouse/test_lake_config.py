"""Lake configuration: the embedded default has none; a lake needs a catalog and a data path."""

from __future__ import annotations

import pytest

from assets.resources import WirearchiveResource
from warehouse.lake import CATALOG_ENV, DATA_PATH_ENV, ENDPOINT_ENV, lake_from_settings
from warehouse.objectstore import s3_secret_sql


@pytest.fixture(autouse=True)
def no_lake_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests start from an environment that configures no lake."""
    for name in (CATALOG_ENV, DATA_PATH_ENV, ENDPOINT_ENV, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION"):
        monkeypatch.delenv(name, raising=False)


def test_embedded_default_has_no_lake() -> None:
    assert lake_from_settings() is None
    assert WirearchiveResource().lake() is None


def test_environment_configures_the_lake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CATALOG_ENV, "host=db dbname=lake user=w")
    monkeypatch.setenv(DATA_PATH_ENV, "s3://bucket/wh")
    monkeypatch.setenv(ENDPOINT_ENV, "http://127.0.0.1:9000")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    lake = WirearchiveResource().lake()
    assert lake is not None
    assert (lake.catalog, lake.data_path, lake.store.endpoint) == (
        "host=db dbname=lake user=w",
        "s3://bucket/wh/",
        "http://127.0.0.1:9000",
    )
    assert (lake.store.access_key, lake.store.secret_key, lake.store.region) == ("key", "secret", "us-east-1")


def test_resource_fields_override_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CATALOG_ENV, "host=env dbname=lake")
    monkeypatch.setenv(DATA_PATH_ENV, "s3://env/wh")
    lake = WirearchiveResource(lake_catalog="host=run dbname=lake", lake_data_path="s3://run/x/").lake()
    assert lake is not None and (lake.catalog, lake.data_path) == ("host=run dbname=lake", "s3://run/x/")


@pytest.mark.parametrize("catalog, data_path", [("host=db dbname=lake", None), (None, "s3://bucket/wh")])
def test_half_a_configuration_is_an_error(catalog: str | None, data_path: str | None) -> None:
    with pytest.raises(ValueError, match="both a catalog"):
        lake_from_settings(catalog, data_path)


def test_data_path_must_be_an_s3_url() -> None:
    lake = lake_from_settings("host=db dbname=lake", "/local/folder")
    assert lake is not None
    with pytest.raises(ValueError, match="s3://bucket"):
        _ = lake.data_path


def test_s3_secret_for_an_s3_compatible_endpoint() -> None:
    lake = lake_from_settings("host=db", "s3://b/p", "http://127.0.0.1:9000")
    assert lake is not None
    sql = s3_secret_sql(lake.store, "s")
    assert "endpoint '127.0.0.1:9000'" in sql and "url_style 'path'" in sql and "use_ssl false" in sql
    assert "endpoint" not in s3_secret_sql(lake_from_settings("host=db", "s3://b/p").store, "s")
