"""Dagster definitions, one concern per module; `orchestration.definitions` loads this folder."""
