"""`make bench SCALE=seed|province`: what a refresh costs on this machine, and where it grows.

One run generates the mock feeds at the scale, refreshes a scratch warehouse from nothing,
adds one new month of feeds and refreshes again, times the engine floor and every dashboard
page's data, and writes the figures as JSON (docs/benchmarks.md explains each figure).

Modules, one concern each:
    workspace     the scratch raw/ and feeds/ folders, and the month held back for the incremental run
    memory        peak RSS of a process tree, sampled from /proc
    refresh_run   `python -m orchestration.refresh` as a child process, timed and split by stage
    engine_floor  the core attainment computation as one plain DuckDB query (engine_floor.sql)
    pages         per dashboard page, the data-fetch time (cold and warm)
    report        row counts per mart, the printed summary and the JSON file
"""
