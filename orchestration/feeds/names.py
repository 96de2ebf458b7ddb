"""Plausible Chinese place names for the generated levels (townships, villages, communities).

Names are two characters drawn from pools of characters common in place names; the caller
asks for more candidates than it needs and keeps the first unique ones per parent, so the
same seed always yields the same names.
"""

from __future__ import annotations

import numpy as np
import polars as pl

_FIRST = list(
    "东西南北中新安平和兴龙凤马白石黄红青金银玉宝福寿康宁丰盛乐清明光华荣昌德仁义永长高上下前后"
    "大小古双三五七星云杨柳桃李梅松柏竹兰桂槐杏枣榆桑洪沙河泉溪湖塘井峰岭岩坪"
)
_SECOND = list(
    "庄村家店集口坪岭坡沟湾塘溪源泉水阳城关堡寨营屯铺园庙台峪岗洼川峰岩林桥河山头坊墩坝湖田洲"
    "港渡亭岙垟里峪陵原滩坑埠"
)
_COMMUNITY_SECOND = list("苑园里坊湾城府景华安康和盛兴泰丰悦")


def _two_character_names(rng: np.random.Generator, count: int, second_pool: list[str]) -> np.ndarray:
    first = np.asarray(_FIRST)[rng.integers(0, len(_FIRST), count)]
    second = np.asarray(second_pool)[rng.integers(0, len(second_pool), count)]
    return np.char.add(first, second)


def unique_names_per_parent(
    rng: np.random.Generator,
    parents: pl.DataFrame,
    *,
    kind: str = "place",
    reserved: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """For each row of `parents` (columns `parent_id`, `needed`), `needed` distinct names.

    Returns `parent_id`, `ordinal` (0-based) and `name`. `reserved` (`parent_id`, `name`)
    lists names already taken under a parent, e.g. the real townships of 莲都区.
    """
    second_pool = _COMMUNITY_SECOND if kind == "community" else _SECOND
    # Four candidates per name leaves enough after de-duplication even for 40 villages.
    oversample = parents.with_columns((pl.col("needed") * 4 + 8).alias("candidates"))
    total = int(oversample["candidates"].sum())
    candidates = oversample.select(
        pl.col("parent_id").repeat_by("candidates").explode(),
    ).with_columns(pl.Series("name", _two_character_names(rng, total, second_pool)))
    if reserved is not None and reserved.height:
        candidates = candidates.join(
            reserved.select("parent_id", "name"), on=["parent_id", "name"], how="anti", maintain_order="left"
        )
    return (
        candidates.unique(subset=["parent_id", "name"], maintain_order=True)
        .with_columns(pl.int_range(pl.len()).over("parent_id").alias("ordinal"))
        .join(parents.select("parent_id", "needed"), on="parent_id", maintain_order="left")
        .filter(pl.col("ordinal") < pl.col("needed"))
        .select("parent_id", pl.col("ordinal").cast(pl.Int64), "name")
    )
