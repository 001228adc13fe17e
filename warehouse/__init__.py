"""The analysts' warehouse: table contracts, atomic Parquet publish and the DuckDB catalog."""
