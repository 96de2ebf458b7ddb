"""How feed files are named and filed, shared by the generator and the loader.

    <feed folder>/<delivery date>/<city code>_<feed title>_<period>[_更正N].<ext>
    family_doctor_contracts/2024-04-10/350200_家庭医生签约记录_2024-03.csv

The delivery folder is the date the file reached us; among versions of the same row the
latest delivery wins, so the date must come from the folder, never from file timestamps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

RESUBMISSION_TAG = "更正"

_FILE_NAME = re.compile(
    r"^(?P<region>\d{6})_(?P<title>[^_]+)_(?P<period>[^_.]+)(?:_(?P<tag>" + RESUBMISSION_TAG + r"\d*))?\.(?P<ext>[a-z]+)$",
    re.ASCII,
)
_DELIVERY = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


@dataclass(frozen=True)
class FileName:
    region_code: str
    title: str
    period: str  # as written: `2024-03` for monthly feeds, `2024` for yearly ones; validated by the loader
    resubmission: int  # 0 for the first submission, N for the Nth correction
    extension: str

    def render(self) -> str:
        tag = "" if self.resubmission == 0 else f"_{RESUBMISSION_TAG}" + ("" if self.resubmission == 1 else str(self.resubmission))
        return f"{self.region_code}_{self.title}_{self.period}{tag}.{self.extension}"


def parse_file_name(name: str) -> FileName | None:
    match = _FILE_NAME.match(name)
    if not match:
        return None
    tag = match.group("tag")
    resubmission = 0 if tag is None else int(tag.removeprefix(RESUBMISSION_TAG) or 1)
    return FileName(match.group("region"), match.group("title"), match.group("period"), resubmission, match.group("ext"))


def delivery_date(path: Path) -> date | None:
    """The delivery a file arrived in, from its folder name; None when it was not filed by delivery."""
    folder = path.parent.name
    if not _DELIVERY.match(folder):
        return None
    try:
        return date.fromisoformat(folder)
    except ValueError:
        return None
