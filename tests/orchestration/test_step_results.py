"""A step whose streamed results go missing fails, so nothing downstream runs on trust."""

import dagster as dg

from orchestration.run_failures import describe_failures
from orchestration.step_results import fail_on_missing_results

MODELS = ["model_a", "model_b"]


def _streaming_step(lost: set[str]):
    """A multi-asset shaped like the dbt step: optional outputs and a check, results streamed."""

    @dg.multi_asset(
        outs={name: dg.AssetOut(is_required=False) for name in MODELS},
        check_specs=[dg.AssetCheckSpec("rows_unique", asset="model_a")],
        can_subset=True,
    )
    def streaming(context: dg.AssetExecutionContext):
        def stream():
            for name in MODELS:
                if name not in lost:
                    yield dg.Output(None, output_name=name)
            if "rows_unique" not in lost:
                yield dg.AssetCheckResult(asset_key="model_a", check_name="rows_unique", passed=True)

        yield from fail_on_missing_results(context, stream())

    @dg.asset(deps=MODELS)
    def publication() -> None:
        pass

    return [streaming, publication]


def test_every_result_arriving_lets_the_run_succeed_and_publish():
    result = dg.materialize(_streaming_step(lost=set()), raise_on_error=False)

    assert result.success
    materialized = {event.asset_key.to_user_string() for event in result.get_asset_materialization_events()}
    assert materialized == {"model_a", "model_b", "publication"}


def test_a_lost_model_result_fails_the_step_and_skips_publication():
    result = dg.materialize(_streaming_step(lost={"model_b"}), raise_on_error=False)

    assert not result.success
    assert "publication" not in {event.asset_key.to_user_string() for event in result.get_asset_materialization_events()}
    [failure] = describe_failures(result.all_events)
    assert failure.startswith("step streaming failed:")
    assert "without a result for 1 selected assets or checks: model_b" in failure


def test_a_lost_check_result_fails_the_step_too():
    result = dg.materialize(_streaming_step(lost={"rows_unique"}), raise_on_error=False)

    assert not result.success
    assert "model_a:rows_unique" in describe_failures(result.all_events)[0]


def test_a_subset_expects_only_its_own_results():
    result = dg.materialize(_streaming_step(lost={"model_b"}), selection=["model_a"], raise_on_error=False)

    assert result.success
