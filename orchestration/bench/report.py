"""Row counts per mart, the printed summary and the JSON file of one benchmark run."""

from __future__ import annotations

import json
import platform
from datetime import datetime, timezone
from pathlib import Path

import duckdb

GIB = 1024**3


def mart_row_counts(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        tables = [name for (name,) in connection.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' and table_type = 'BASE TABLE' order by 1"
        ).fetchall()]
        return {table: connection.execute(f'select count(*) from marts."{table}"').fetchone()[0] for table in tables}


def machine() -> dict:
    memory_kib = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    import os

    return {"cpus": os.cpu_count(), "cpu_model": cpu, "memory_gib": round(memory_kib / 1024**2, 1),
            "python": platform.python_version(), "duckdb": duckdb.__version__, "load_average_at_start": os.getloadavg()}


def write_json(figures: dict, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = out_dir / f"bench-{figures['scale']}-{stamp}.json"
    path.write_text(json.dumps(figures, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    return path


def summary(figures: dict) -> str:
    """The figures issue 8 asks for, as a reader scans them."""
    full, incremental = figures["full_refresh"], figures["incremental_refresh"]
    lines = [f"benchmark · scale {figures['scale']} · {figures['machine']['cpus']} cores, {figures['machine']['memory_gib']} GiB"]
    generation = figures["generation"]
    if generation is None:
        lines.append(f"generation: not run (feeds reused), {figures['feed_bytes'] / GIB:.2f} GiB of files")
    else:
        lines.append(f"generation: {generation['seconds']['total']:.1f} s, {generation['institutions']:,} institutions, "
                     f"{generation['residents']:,} residents, {figures['feed_bytes'] / GIB:.2f} GiB of files")
        lines += [f"  {feed:<30} {generation['rows'][feed]:>13,} rows  {generation['seconds'][feed]:>7.1f} s"
                  for feed in generation["rows"]]
    lines.append(f"full refresh: {full['wall_seconds']:.1f} s, peak RSS {full['peak_tree_rss_bytes'] / GIB:.2f} GiB "
                 f"(process tree, sampled; largest single process {full['largest_process_peak_bytes'] / GIB:.2f} GiB)"
                 + ("" if full["succeeded"] else "  — FAILED"))
    lines += [f"  {stage:<12} {seconds:>8.1f} s" for stage, seconds in full["stages"].items()]
    threads = full.get("feed_ingestion_threads")
    if threads:
        lines.append(f"  feed ingestion threads: reader {threads['reading']:.1f} s reading + {threads['validating']:.1f} s validating, "
                     f"writer {threads['writing']:.1f} s")
    lines += [f"  slowest dbt node: {seconds:>7.1f} s {node}" for node, seconds in list(full["slowest_dbt_nodes"].items())[:3]]
    lines.append(f"incremental refresh (+1 month, {figures['new_month_files']} files): {incremental['wall_seconds']:.1f} s = "
                 f"{figures['incremental_ratio']:.1%} of the full refresh" + ("" if incremental["succeeded"] else "  — FAILED"))
    lines += [f"  {stage:<12} {seconds:>8.1f} s" for stage, seconds in incremental["stages"].items()]
    floor = figures["engine_floor"]
    lines.append(f"engine floor: {floor['seconds']:.1f} s; full refresh ÷ floor = {figures['floor_ratio']:.1f}")
    lines.append(f"dashboard data ({figures['page_repetitions']} repetitions; ms)   cold p50 / p95    warm p50 / p95")
    for page in figures["pages"]:
        if page["error"]:
            lines.append(f"  {page['page']:<26} ERROR {page['error']}")
        else:
            lines.append(f"  {page['page']:<26} {page['queries']:>2} queries  {page['cold_p50_ms']:>7.1f} / {page['cold_p95_ms']:<7.1f}"
                         f"  {page['warm_p50_ms']:>7.1f} / {page['warm_p95_ms']:<7.1f}")
    lines.append("rows per mart:")
    lines += [f"  {mart:<34} {rows:>13,}" for mart, rows in figures["mart_rows"].items()]
    return "\n".join(lines)
