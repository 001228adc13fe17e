"""Dagster orchestration: the one Definitions, jobs, schedules."""
