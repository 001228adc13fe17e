"""Thin Dagster assets over the pure core (``wirearchive``) and the warehouse writer."""
