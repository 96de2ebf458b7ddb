"""The benchmark's memory figures (orchestration/bench/memory.py): the peak of a process tree's
summed RSS, and the exact peak of its largest process — its own, not its parent's."""

import subprocess
import sys
import textwrap

from orchestration.bench.memory import PeakTreeMemory

MIB = 1024**2

# Holds `mib` MiB resident, starts `children` copies of itself holding as much, waits for them.
HOLDER = textwrap.dedent("""
    import subprocess, sys, time
    mib, children = int(sys.argv[1]), int(sys.argv[2])
    held = bytearray(mib * 1024 * 1024)
    for page in range(0, len(held), 4096):
        held[page] = 1
    for child in [subprocess.Popen([sys.executable, "-c", sys.argv[3], sys.argv[1], "0", sys.argv[3]])
                  for _ in range(children)]:
        child.wait()
    time.sleep(0.8)
""")


def _sample(mib: int, children: int) -> PeakTreeMemory:
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(mib), str(children), HOLDER])
    with PeakTreeMemory(process.pid, interval=0.05) as memory:
        assert process.wait() == 0
    return memory


def test_the_tree_peak_sums_the_processes_and_the_largest_is_one_of_them():
    # A parent and two children holding 150 MiB each, at once.
    memory = _sample(150, children=2)
    assert memory.peak_bytes >= 3 * 150 * MIB
    assert 150 * MIB <= memory.largest_process_peak_bytes < 2 * 150 * MIB


def test_a_process_started_by_a_large_parent_is_not_given_the_parents_peak():
    # The benchmark generates the province feeds in its own process (~6 GiB) before it starts
    # the refresh; Linux hands a parent's peak on to a child at its exec (ru_maxrss).
    held = bytearray(600 * MIB)
    for page in range(0, len(held), 4096):
        held[page] = 1
    memory = _sample(100, children=0)
    assert 100 * MIB <= memory.largest_process_peak_bytes < 300 * MIB
    del held


def test_the_largest_peak_is_exact_where_sampling_the_resident_size_misses_a_spike():
    # 300 MiB held for a moment between two samples half a second apart.
    spike = textwrap.dedent("""
        import time
        held = bytearray(300 * 1024 * 1024)
        for page in range(0, len(held), 4096):
            held[page] = 1
        del held
        time.sleep(1.2)
    """)
    process = subprocess.Popen([sys.executable, "-c", spike])
    with PeakTreeMemory(process.pid, interval=0.5) as memory:
        assert process.wait() == 0
    assert memory.largest_process_peak_bytes >= 300 * MIB
