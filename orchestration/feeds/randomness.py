"""Independent random streams keyed by purpose, so output never depends on generation order.

A feed for one city is drawn from `stream(seed, "contracts", city_id)`, whatever else was
generated before it; labels become integers through CRC32 (stable across runs and
platforms, unlike Python's salted hash()).
"""

from __future__ import annotations

import zlib

import numpy as np


def stream(seed: int, *labels: str | int) -> np.random.Generator:
    keys = [seed, *(label if isinstance(label, int) else zlib.crc32(label.encode()) for label in labels)]
    return np.random.default_rng(keys)
