"""Relation names (称谓) grouped as 《公务员回避规定（试行）》(2011) 第五条 lists the avoidance relations.

A 称谓 not listed here is outside the avoidance relations (friends, colleagues, distant kin); reports say so in
the rule's reading.  The grouping is the first table the kinship-avoidance rule reads.
"""

from __future__ import annotations

SPOUSE = frozenset({"配偶", "妻子", "丈夫", "妻", "夫"})
CHILDREN = frozenset(
    {
        "子女",
        "儿子",
        "女儿",
        "长子",
        "次子",
        "三子",
        "长女",
        "次女",
        "三女",
        "独生子",
        "独生女",
        "养子",
        "养女",
        "继子",
        "继女",
    }
)
# （二）直系血亲：祖父母、外祖父母、父母、子女、孙子女、外孙子女
DIRECT_BLOOD = CHILDREN | frozenset(
    {
        "父亲",
        "母亲",
        "父母",
        "养父",
        "养母",
        "继父",
        "继母",
        "祖父",
        "祖母",
        "祖父母",
        "外祖父",
        "外祖母",
        "外祖父母",
        "孙子",
        "孙女",
        "孙子女",
        "外孙",
        "外孙子",
        "外孙女",
        "外孙子女",
    }
)
# （三）三代以内旁系血亲：伯叔姑舅姨、兄弟姐妹、堂兄弟姐妹、表兄弟姐妹、侄子女、甥子女
COLLATERAL_BLOOD = frozenset(
    {
        "伯父",
        "叔父",
        "姑母",
        "舅父",
        "姨母",
        "伯伯",
        "叔叔",
        "姑姑",
        "舅舅",
        "姨妈",
        "兄弟姐妹",
        "哥哥",
        "弟弟",
        "姐姐",
        "妹妹",
        "兄",
        "弟",
        "姐",
        "妹",
        "堂兄",
        "堂弟",
        "堂姐",
        "堂妹",
        "堂兄弟姐妹",
        "表兄",
        "表弟",
        "表姐",
        "表妹",
        "表兄弟姐妹",
        "侄子",
        "侄女",
        "侄子女",
        "外甥",
        "外甥女",
        "甥子女",
    }
)
# （四）近姻亲：配偶的父母、配偶的兄弟姐妹及其配偶、子女的配偶及子女配偶的父母、三代以内旁系血亲的配偶
CLOSE_IN_LAW = frozenset(
    {
        "岳父",
        "岳母",
        "公公",
        "婆婆",
        "配偶的父母",
        "配偶的兄弟姐妹",
        "内兄",
        "内弟",
        "妻姐",
        "妻妹",
        "大伯子",
        "小叔子",
        "大姑子",
        "小姑子",
        "连襟",
        "妯娌",
        "儿媳",
        "女婿",
        "子女的配偶",
        "亲家",
        "亲家公",
        "亲家母",
        "子女配偶的父母",
        "嫂子",
        "弟媳",
        "姐夫",
        "妹夫",
        "伯母",
        "婶母",
        "姑父",
        "舅母",
        "姨父",
        "侄媳",
        "侄女婿",
        "甥媳",
        "甥女婿",
    }
)
AVOIDANCE_RELATIONS = SPOUSE | DIRECT_BLOOD | COLLATERAL_BLOOD | CLOSE_IN_LAW
