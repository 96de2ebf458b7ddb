"""Data-quality suites (great-expectations), callable without Dagster."""
