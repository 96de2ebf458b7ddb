"""Policy documents: reading, cleaning and target extraction (no Dagster here)."""
