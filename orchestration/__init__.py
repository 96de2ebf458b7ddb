"""Reform-target monitoring warehouse: Dagster orchestration and the libraries it calls."""
