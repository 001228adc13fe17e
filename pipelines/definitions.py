"""The single Dagster ``Definitions`` of wirearchive (``[tool.dagster] module_name``)."""

import dagster as dg

from assets.articles import articles
from assets.captures import captures
from assets.catalog import catalog
from assets.resources import WirearchiveResource
from assets.stories import story_members
from pipelines.jobs import nightly_job, reprocess_job
from pipelines.schedules import nightly_schedule

defs = dg.Definitions(
    assets=[captures, articles, story_members, catalog],
    jobs=[nightly_job, reprocess_job],
    schedules=[nightly_schedule],
    resources={
        "wirearchive": WirearchiveResource(),
        "pipes_subprocess_client": dg.PipesSubprocessClient(),
    },
)
