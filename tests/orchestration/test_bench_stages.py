"""The benchmark's split of a refresh by stage (orchestration/bench/refresh_run.py)."""

from orchestration.bench.refresh_run import _stages

# Two readers at once: their seconds (12 + 31) add up to more than the feed step took (22 s).
FEED_METADATA = {"seconds_hashing": 0.0, "seconds_reading": 12.0, "seconds_validating": 31.0}
STEPS = {"feed_ingestion": 22.0, "reference_tables": 1.0, "warehouse_models": 10.0, "published_warehouse": 0.5}


def test_validation_is_the_feed_steps_share_spent_validating_and_the_stages_add_up_to_the_wall_time():
    stages = _stages(60.0, STEPS, set(), FEED_METADATA, {"model.x": 8.0, "test.y": 1.5})
    assert stages["validation"] == round(22.0 * 31 / 43, 2)
    assert stages["ingest"] == round(22.0 * 12 / 43 + 1.0, 2)
    assert stages["checks"] == 1.5 and stages["dbt_models"] == 8.0 and stages["publication"] == 0.5
    assert abs(sum(stages.values()) - 60.0) < 0.05
