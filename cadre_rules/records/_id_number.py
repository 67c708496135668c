"""Resident ID numbers (居民身份证号码, GB 11643): what a number says and what is wrong with it, and masking.

:func:`check_id_number` reads a number the way python-stdnum's ``stdnum.cn.ric`` validates one (18 characters: a
6-digit region code, the birth date ``YYYYMMDD``, a 3-digit sequence code and an ISO 7064 MOD 11-2 check digit),
and also the older 15-digit form (GB 11643-1989: region, ``YYMMDD`` in the 1900s, sequence, no check digit).
Unlike ``ric.validate``, which stops at the first fault, it names each fault on its own: the check digit, the
birth date, the region code (a county that existed in the birth year, from stdnum's own table). The facts of the
plausibility rules (``eligibility.plausibility_id_number_*``) are derived from it; a faulty number is a finding
in the report, never an input error, so the rest of the case is still checked.

:func:`mask_id` shows a number as its first six and last four characters (``110105********123X``); reports,
records, errors and batch lines show numbers only that way unless the caller asks (``--show-id``,
``show_id=True``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from cadre_rules._errors import mask_id

_FORM_18 = re.compile(r"^[0-9]{17}[0-9X]$")
_FORM_15 = re.compile(r"^[0-9]{15}$")


@dataclass(frozen=True)
class IdNumberCheck:
    """What is wrong with an ID number, each part on its own (``None``: the part cannot be read)."""

    well_formed: bool  # 18 characters (17 digits, then a digit or X) or 15 digits
    check_digit_ok: bool  # the 18th character is the MOD 11-2 check digit of the first 17 (15 digits: no check digit)
    birth_date: date | None  # the birth date in the number, when it is a real date
    region_ok: bool | None  # the region code names a county in the birth year (None: no birth date to judge by)

    @property
    def birth_date_ok(self) -> bool | None:
        """The birth date in the number is a real date (None when the number is not well formed)."""
        return None if not self.well_formed else self.birth_date is not None

    @property
    def valid(self) -> bool:
        """Every part is right."""
        return self.well_formed and self.check_digit_ok and self.birth_date is not None and bool(self.region_ok)


def normalised(number: str) -> str:
    """The number as stdnum compacts it: surrounding spaces dropped, full-width digits as ASCII, x as X."""
    from stdnum.cn import ric  # imported on first use: python-stdnum's import costs a cold check without an ID

    return ric.compact(number)


def check_id_number(number: str) -> IdNumberCheck:
    """Each part of ``number`` checked on its own (see the module docstring)."""
    text = normalised(number)
    if _FORM_18.match(text):
        from stdnum.cn import ric

        check_ok = ric.calc_check_digit(text) == text[-1]
        born = _date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    elif _FORM_15.match(text):
        check_ok = True  # the 15-digit form has no check digit
        born = _date(1900 + int(text[6:8]), int(text[8:10]), int(text[10:12]))
    else:
        return IdNumberCheck(False, False, None, None)
    region = None if born is None else region_name(text[:6], born.year) is not None
    return IdNumberCheck(True, check_ok, born, region)


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@cache
def _counties() -> dict[str, tuple[str, str]]:
    """Region code → (province, county entry) from stdnum's ``cn/loc.dat``, read in one pass.

    The file nests two-digit province lines and indented four-digit county lines (the format of stdnum's numdb);
    reading it directly takes a few milliseconds where numdb's generic parser takes over a hundred on a cold check.
    """
    text = resources.files("stdnum").joinpath("cn/loc.dat").read_text(encoding="utf-8")
    out: dict[str, tuple[str, str]] = {}
    province_code, province = "", ""
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        code, _, props = line.strip().partition(" ")
        value = props.partition("=")[2].strip('"')
        if not line.startswith(" "):
            province_code, province = code, value
        else:
            out[province_code + code] = (province, value)
    return out


def region_name(code: str, year: int) -> str | None:
    """The province and county a six-digit region code named in ``year`` (``北京市朝阳区``), or ``None`` when it
    named none then; the same answer as ``stdnum.cn.ric.get_birth_place`` for a number of that year."""
    found = _counties().get(code)
    if found is None:
        return None
    province, counties = found
    for county in counties.split(","):
        if not county.startswith("["):
            return province + county
        span, name = county[1:].split("]", 1)
        start, end = span.split("-")
        if (start and year < int(start)) or (end and year > int(end)):
            continue
        return province + name
    return None


__all__ = ["IdNumberCheck", "check_id_number", "mask_id", "normalised", "region_name"]
