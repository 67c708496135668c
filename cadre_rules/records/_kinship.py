"""A relative recorded as a structured relation (the alternative to a 称谓 string)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from cadre_rules.records._enums import CousinKind, KinKind, KinLine, MarriageLink


class KinRelation(BaseModel):
    """A kinship relation by its structure: blood or marriage, line, generations, 堂/表 and the marriage link.

    The blood link is counted through the common ancestor: ``up`` generations from the candidate (or, for
    ``spouse_blood``, from the spouse) to the nearest common ancestor, ``down`` generations from that ancestor
    to the blood relative.  父亲 is ``up=1, down=0``; 哥哥 ``1, 1``; 伯父 ``2, 1``; 堂兄 ``2, 2``; 侄子 ``1, 2``;
    子女 ``0, 1``.  A line is direct when one of the two is 0.  For ``blood_spouse_blood`` (亲家) the second
    blood link, from the relative's spouse, is ``in_law_up``/``in_law_down``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    kind: KinKind = Field(description="blood 血亲 / marriage 姻亲 (the spouse included)")
    link: MarriageLink | None = Field(default=None, description="for a marriage relation: where the marriage sits")
    line: KinLine | None = Field(
        default=None, description="direct 直系 / collateral 旁系 of the blood link (derived if omitted)"
    )
    up: int = Field(
        default=0, ge=0, le=9, description="generations up from the candidate (or spouse) to the common ancestor"
    )
    down: int = Field(
        default=0, ge=0, le=9, description="generations down from the common ancestor to the blood relative"
    )
    cousin: CousinKind | None = Field(
        default=None, description="堂 or 表 when the 称谓 says so (not needed to classify)"
    )
    in_law_up: int = Field(
        default=0, ge=0, le=9, description="blood_spouse_blood: generations up from the relative's spouse"
    )
    in_law_down: int = Field(
        default=0, ge=0, le=9, description="blood_spouse_blood: generations down to that blood relative"
    )

    @model_validator(mode="after")
    def _consistent(self) -> KinRelation:
        has_blood = (self.up, self.down) != (0, 0)
        if self.kind is KinKind.BLOOD and self.link is not None:
            raise ValueError("a blood relation has no marriage link (link is for kind: marriage)")
        if self.kind is KinKind.MARRIAGE and self.link is None:
            raise ValueError("a marriage relation needs its link (spouse, spouse_blood, blood_spouse, …)")
        if self.link is MarriageLink.SPOUSE:
            if has_blood or self.line is not None:
                raise ValueError("the spouse has no blood link: up, down and line stay unset")
        elif not has_blood:
            raise ValueError("up and down cannot both be 0 (that is the candidate, or for link spouse the spouse)")
        if self.line is not None and self.link is not MarriageLink.SPOUSE and self.line is not self.blood_line:
            raise ValueError(f"line {self.line.value} contradicts up={self.up}, down={self.down}")
        second = (self.in_law_up, self.in_law_down) != (0, 0)
        if (self.link is MarriageLink.BLOOD_SPOUSE_BLOOD) != second:
            raise ValueError("in_law_up/in_law_down are given exactly for link blood_spouse_blood")
        return self

    @property
    def blood_line(self) -> KinLine | None:
        """The line of the blood link: direct when one side of the count is 0; None for the spouse."""
        if (self.up, self.down) == (0, 0):
            return None
        return KinLine.DIRECT if self.up == 0 or self.down == 0 else KinLine.COLLATERAL

    @property
    def generation(self) -> int:
        """Generations above (positive) or below (negative) the candidate: 父亲 +1, 侄子 −1, 兄 0."""
        return self.up - self.down + self.in_law_up - self.in_law_down
