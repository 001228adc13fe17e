"""The single Dagster ``Definitions`` of wirearchive (``[tool.dagster] module_name``).

Every run executes its steps in one process (``in_process_executor``): the ``wirearchive``
resource is then set up once per run, so the run holds its partition's lock
(:mod:`wirearchive.locks`) from its first step to its last however it was launched (CLI, UI,
schedule, sensor). The steps form a chain (crawl -> extract -> stories -> catalog), so no
parallelism is lost.
"""

import dagster as dg

from assets.articles import articles
from assets.captures import captures
from assets.catalog import catalog
from assets.resources import WirearchiveResource
from assets.stories import story_members
from pipelines.jobs import import_warc_job, nightly_job, reprocess_job
from pipelines.schedules import nightly_schedule
from pipelines.sensors import reprocess_imported_days

defs = dg.Definitions(
    assets=[captures, articles, story_members, catalog],
    jobs=[nightly_job, reprocess_job, import_warc_job],
    schedules=[nightly_schedule],
    sensors=[reprocess_imported_days],
    executor=dg.in_process_executor,
    resources={
        "wirearchive": WirearchiveResource(),
        "pipes_subprocess_client": dg.PipesSubprocessClient(),
    },
)
