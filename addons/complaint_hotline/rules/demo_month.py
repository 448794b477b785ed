"""The demo's month of calls at a district 12345 hotline, planned without Odoo.

:func:`plan_month` draws, from a seed, the work orders of a month: when each
call came in (local day and minute, more calls in the day than at night,
fewer at weekends), what it is about (a realistic catalogue of 12345 calls:
停水, 噪音扰民, 路灯不亮, 占道经营, 欠薪, 社保咨询, 表扬...), who called, and
what happens to it (answered on the call, mis-routed and returned, arbitrated,
signed for late, reminded, supervised, extended, replied late, re-handled
after a dissatisfied callback, merged with a second caller's duplicate).
The same seed gives the same month.  The addon's demo plays the plan through
the work orders' own methods (``ComplaintComplaint._hotline_demo_month``).

The texts are demo content (the demo is a Chinese district hotline)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

#: order types and their share of the calls (12345 centres: consultations and
#: help requests first, then complaints and reports)
TYPE_WEIGHTS = {"consult": 24, "help": 20, "complaint": 26, "report": 12, "suggestion": 10, "praise": 8}

#: department keys (the executor maps them to the demo departments)
DEPARTMENTS = ("water", "urban", "street", "hrss", "service_area")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁沈"
STREETS = {
    "wenxin": ("文新街道", ("学院路", "文一西路", "古墩路", "文新路", "莲花街")),
    "cuiyuan": ("翠苑街道", ("文三路", "翠苑路", "万塘路", "文二路")),
    "gudang": ("古荡街道", ("古翠路", "教工路", "文教路", "天目山路")),
    "beishan": ("北山街道", ("北山路", "曙光路", "保俶路", "西湖大道")),
    "liuxia": ("留下街道", ("留和路", "屏峰街", "留下街", "西溪路")),
}
ESTATES = (
    "翠苑一区",
    "文鼎苑",
    "古荡新村",
    "嘉绿苑",
    "骆家庄",
    "西溪花园",
    "星洲花园",
    "金都花园",
    "桂花城",
    "府苑新村",
)
SERVICE_AREA_SPOTS = ("北区", "南区")

#: name, knowledge article key, reply when dispatched (consultations answered on the call use the article)
CONSULTS = (
    ("咨询社保卡丢失如何补办", "social_card", "hrss"),
    ("咨询水费缴纳方式", "water_bill", "water"),
    ("咨询居住证办理需要哪些材料", "residence_permit", "street"),
    ("咨询公积金提取条件", "housing_fund", "hrss"),
    ("咨询垃圾分类投放时间", "garbage_sorting", "street"),
    ("咨询医保异地就医备案", "medical_filing", "hrss"),
    ("咨询灵活就业人员社保缴费标准", "flexible_insurance", "hrss"),
    ("咨询新生儿医保参保流程", "newborn_insurance", "hrss"),
)
CONSULT_REPLIES = {
    "hrss": "已电话联系来电人，详细解释了办理条件、所需材料及线上办理渠道，来电人表示清楚。",
    "water": "已告知来电人缴费渠道及欠费停水的相关规定，来电人表示理解。",
    "street": "已由社区工作人员电话联系来电人，告知办理地点、材料和时间。",
}

#: key: (category, department, urgency, types, subjects, descriptions, replies)
ISSUES = {
    "water_outage": (
        "water",
        "water",
        "utility",
        ("complaint", "help", "report"),
        ("小区停水无人告知", "停水超过十二小时仍未恢复", "自来水水压低，高层用不上水", "突然停水影响做饭"),
        (
            "{estate}{building}幢从早上开始停水，物业说是管网维修，但没有提前通知，也不知道何时恢复。",
            "{road}一带停水已半天，家里有老人和小孩，希望尽快恢复供水或安排送水车。",
            "{estate}高层住户水压很低，六楼以上基本没水，已持续一周。",
        ),
        (
            "经核实系管网抢修导致停水，已于当日恢复供水，并要求物业今后提前张贴停水通知。",
            "已安排抢修班组到场处置，临时调配送水车，当晚恢复供水。",
            "已对小区二次供水泵房进行检修，水压恢复正常，并向居民致歉。",
        ),
    ),
    "water_leak": (
        "water",
        "water",
        "utility",
        ("report", "help"),
        ("路边自来水管爆裂漏水", "人行道下水管漏水", "消防栓漏水"),
        (
            "{road}路口人行道下水管破裂，水漫到非机动车道，已持续半天。",
            "{road}{number}号门口地面一直冒水，怀疑自来水管漏水。",
        ),
        ("已安排抢修人员关阀抢修，更换破损管段，路面已恢复。", "经查为供水支管老化破裂，已完成维修。"),
    ),
    "noise_night": (
        "noise",
        "urban",
        "general",
        ("complaint", "report"),
        ("夜间施工噪音扰民", "工地凌晨还在施工", "渣土车夜间作业噪音大"),
        (
            "{road}工地每天晚上十点后仍在打桩施工，噪音很大，严重影响休息。",
            "{estate}旁边的工地凌晨一两点还在作业，多次反映无果。",
        ),
        (
            "经现场核查，该工地无夜间施工许可，已责令停止夜间作业并立案处罚。",
            "已约谈施工单位，要求严格遵守作业时间，城管执法队员将加强夜间巡查。",
        ),
    ),
    "noise_square": (
        "noise",
        "urban",
        "general",
        ("complaint", "report"),
        ("广场舞音响声音过大", "商铺门口音响噪音扰民"),
        (
            "{estate}小区旁边广场每晚广场舞音响开得很大，一直到九点半以后。",
            "{road}{number}号商铺每天在门口用大音响促销，噪音很大。",
        ),
        (
            "已联系社区与广场舞队伍负责人协商，约定音量和结束时间，并安排巡查。",
            "执法队员已到场劝导商户关闭外放音响，商户表示整改。",
        ),
    ),
    "street_vendor": (
        "city",
        "urban",
        "general",
        ("complaint", "report"),
        ("占道经营影响通行", "流动摊贩占用人行道", "店外经营堵塞盲道"),
        (
            "{road}{number}号附近每天傍晚有多个流动摊贩占道经营，行人只能走机动车道。",
            "{road}菜场门口摊位占用人行道和盲道，存在安全隐患。",
        ),
        (
            "已对占道摊贩进行劝离，并设置临时疏导点，城管中队将每日定时巡查。",
            "已责令店铺将经营物品收回店内，后续纳入重点巡查。",
        ),
    ),
    "parking": (
        "city",
        "urban",
        "general",
        ("complaint", "report"),
        ("共享单车乱停放堵塞道路", "机动车违停占用人行道"),
        ("{road}地铁口共享单车大量堆放，堵塞人行道。", "{road}{number}号门口长期有车辆违停，占用人行道。"),
        ("已通知运营企业清理调运车辆，并增设停放点。", "已对违停车辆进行劝离和贴单处理，并安排定时巡查。"),
    ),
    "streetlight": (
        "urban",
        "urban",
        "general",
        ("report", "help"),
        ("路灯不亮", "一整排路灯晚上不亮", "小区外道路路灯损坏"),
        (
            "{road}从{number}号到路口的一排路灯已经一周晚上不亮，行人很不安全。",
            "{estate}门口路灯杆被撞歪，灯也不亮了。",
        ),
        ("已安排路灯养护单位检修，更换损坏灯具和线路，路灯已恢复照明。", "经查为线路故障，已修复。"),
    ),
    "garbage": (
        "sanitation",
        "street",
        "general",
        ("complaint", "report"),
        ("垃圾清运不及时", "垃圾桶满溢无人清理"),
        ("{estate}{building}幢旁边垃圾桶已满溢两天，气味很大，无人清运。", "{road}沿线垃圾清运不及时，夏天蚊蝇很多。"),
        ("已督促保洁公司当日完成清运，并增加每日清运频次。", "已约谈保洁公司，调整清运时间并增加巡查。"),
    ),
    "property": (
        "property",
        "street",
        "general",
        ("complaint", "help"),
        ("物业不作为", "电梯经常故障困人", "小区楼道灯长期不亮"),
        (
            "{estate}物业对业主反映的问题长期不处理，楼道堆满杂物。",
            "{estate}{building}幢电梯一个月内故障三次，有老人被困。",
        ),
        (
            "街道已约谈物业公司，限期清理楼道杂物并公示整改情况。",
            "已督促物业联系电梯维保单位全面检修，并加强日常维保。",
        ),
    ),
    "wages": (
        "wages",
        "hrss",
        "complex",
        ("help", "complaint", "report"),
        ("装修公司拖欠工资", "工地老板拖欠农民工工资", "公司倒闭拖欠员工工资"),
        (
            "在{road}一家装修公司做了三个月，老板拖欠两个月工资共一万二千元。",
            "{road}工地十几名工人被拖欠工资，包工头联系不上。",
        ),
        (
            "劳动监察大队已约谈企业负责人，企业承诺并已分期支付欠薪。",
            "已立案调查，督促总包单位先行垫付，工人已领到工资。",
        ),
    ),
    "insurance": (
        "insurance",
        "hrss",
        "general",
        ("help", "complaint"),
        ("单位未缴纳社保", "社保转移接续办理慢", "医保报销迟迟未到账"),
        (
            "入职半年单位一直未缴纳社保，多次询问无果。",
            "从外省转入社保已两个月，仍未办理完成。",
            "三月份住院的医保报销款到现在还没到账。",
        ),
        (
            "已责令用人单位限期补缴社保。",
            "已核实办理进度，转移接续手续已完成。",
            "经查为材料不全，已电话告知补交，报销款已发放。",
        ),
    ),
    "service_area": (
        "sa_toilets",
        "service_area",
        "general",
        ("complaint", "report"),
        ("服务区卫生间无纸巾", "服务区卫生间地面湿滑"),
        ("沪杭高速嘉兴服务区（{spot}）卫生间没有纸巾，地面很滑。", "嘉兴服务区（{spot}）卫生间排队很长，隔间太少。"),
        ("已安排保洁加强巡查，补充纸巾并放置防滑提示。", "已在高峰时段增派保洁人员，并计划增设隔间。"),
    ),
    "service_area_food": (
        "sa_catering",
        "service_area",
        "general",
        ("complaint",),
        ("服务区餐厅价格过高", "服务区餐厅饭菜不新鲜"),
        (
            "嘉兴服务区（{spot}）餐厅一碗面卖四十八元，没有明码标价。",
            "在嘉兴服务区（{spot}）买的盒饭是冷的，口味也不好。",
        ),
        ("已责令经营户明码标价，并调整部分餐品价格。", "已对餐厅进行检查，督促加强食品质量管理，并向旅客致歉。"),
    ),
    "service_area_fuel": (
        "sa_fuel",
        "service_area",
        "general",
        ("complaint", "help"),
        ("服务区充电桩故障", "服务区加油排队时间长"),
        (
            "嘉兴服务区（{spot}）四个充电桩坏了三个，排队一个多小时。",
            "节假日嘉兴服务区（{spot}）加油站只开两台加油机。",
        ),
        ("已联系充电桩运营商完成维修，并增设故障提示。", "已要求加油站在高峰时段开足加油机并安排引导人员。"),
    ),
}
#: issue key: share of the dispatched calls
ISSUE_WEIGHTS = {
    "water_outage": 9,
    "water_leak": 5,
    "noise_night": 8,
    "noise_square": 5,
    "street_vendor": 7,
    "parking": 5,
    "streetlight": 6,
    "garbage": 6,
    "property": 7,
    "wages": 7,
    "insurance": 7,
    "service_area": 4,
    "service_area_food": 3,
    "service_area_fuel": 2,
}
#: praise: department, subject, description
PRAISES = (
    ("urban", "表扬城管队员耐心劝导", "{road}的城管队员对摊贩耐心劝导，处理得很有人情味。"),
    ("hrss", "表扬社保窗口工作人员", "区社保服务大厅的工作人员帮我一次办好了退休手续，态度很好。"),
    ("water", "表扬水务抢修队连夜抢修", "{estate}停水后，抢修队连夜施工，第二天一早就恢复了供水。"),
    ("street", "表扬社区网格员", "{estate}的网格员经常上门看望独居老人，非常负责。"),
    ("service_area", "表扬服务区保洁阿姨", "嘉兴服务区（{spot}）的保洁阿姨帮我找回了遗失的钱包。"),
)
#: suggestions: department, category, subject, description, reply
SUGGESTIONS = (
    (
        "urban",
        "city",
        "建议地铁口增设非机动车停放点",
        "{road}地铁站出口共享单车无处停放，建议增设停放点。",
        "已会同运营企业在站口增设两处非机动车停放点。",
    ),
    (
        "street",
        "sanitation",
        "建议小区增设垃圾分类投放点",
        "{estate}只有一个分类投放点，距离较远，建议增设。",
        "经社区调研，已在小区北门增设一处分类投放点。",
    ),
    (
        "street",
        "property",
        "建议老旧小区加装电梯",
        "{estate}多为六层老楼，老人上下楼困难，建议推进加装电梯。",
        "街道已将该小区列入加装电梯意向排摸，将组织业主协商。",
    ),
    (
        "urban",
        "urban",
        "建议在学校门口增设减速带",
        "{road}小学门口车速较快，建议增设减速带和警示标志。",
        "已联系道路养护单位增设减速带及警示标志。",
    ),
    (
        "service_area",
        "sa_toilets",
        "建议服务区增设母婴室",
        "嘉兴服务区（{spot}）没有母婴室，带小孩很不方便。",
        "服务区已规划在综合楼增设母婴室，预计下月投用。",
    ),
    (
        "hrss",
        "insurance",
        "建议社保大厅延长周末服务时间",
        "上班族工作日没时间办社保业务，建议周末延长窗口服务时间。",
        "社保服务大厅已试行周六上午延时服务。",
    ),
)
PRAISE_REPLY = "已将来电人的表扬转达至相关单位和工作人员，并予以通报表扬。"
#: a department's reason to return an order sent to it by mistake, by the right department
RETURN_REASONS = {
    "water": "经核实属小区二次供水设施问题，应由街道督促物业处理。",
    "urban": "该事项属于施工许可及工地管理范围，应由街道牵头核查。",
    "street": "该事项属于城管执法范围，街道无执法权限。",
    "hrss": "来电人反映的是物业问题，不属于人社部门职责。",
    "service_area": "该问题不属于服务区管辖范围。",
}
EXTENSION_REASONS = (
    "涉及多个部门协调，需要现场勘查，申请延期。",
    "需等待施工单位提供材料，申请延长办理时限。",
    "企业负责人暂时联系不上，需进一步调查取证。",
)
REMINDER_NOTES = ("请尽快签收并处理。", "来电人再次来电催问，请加快办理。", "已超过承诺时间，请立即反馈办理进度。")
SUPERVISION_REASONS = ("来电人多次来电反映，列入督办。", "涉及群众切身利益，中心列入督办。")
CALLBACK_NOTES = {
    "satisfied": ("来电人表示满意。", "问题已解决，来电人表示感谢。"),
    "basic": ("问题基本解决，来电人希望今后加强管理。", "来电人认可处理结果，但认为办理速度偏慢。"),
    "dissatisfied": ("来电人表示问题仍未解决。", "来电人认为答复敷衍，要求重新处理。"),
}
#: the next department a wrong dispatch goes to (the right one, before it)
WRONG_DEPARTMENT = {
    "water": "street",
    "urban": "street",
    "street": "urban",
    "hrss": "street",
    "service_area": "urban",
}


@dataclass
class OrderPlan:
    """One call and what happens to it (see the module's docstring)."""

    index: int
    day: int  # days after the first day of the month
    minute: int  # local minute of the day
    order_type: str
    department: str | None  # the right department (None: answered on the call)
    category: str | None
    urgency: str
    line: str
    channel: str
    area: str
    address: str
    subject: str
    description: str
    contact_name: str
    contact_phone: str
    reply: str
    knowledge: str | None = None
    answered_on_call: bool = False
    wrong_departments: list[str] = field(default_factory=list)
    dispute: bool = False
    arbitrate: bool = False
    portal: bool = False  # the outside unit works it on the portal
    sign_late: bool = False
    reply_late: bool = False
    extension: str | None = None  # approve or refuse
    extension_reason: str = ""
    reminders: int = 0
    supervise: bool = False
    satisfactions: list[str] = field(default_factory=list)  # one per callback, re-handling after dissatisfied
    duplicate_caller: tuple[str, str] | None = None  # (name, phone) of a second caller merged into this order
    seed: int = 0  # of the order's own delays


def _caller(rng: random.Random) -> tuple[str, str]:
    name = rng.choice(SURNAMES) + rng.choice(("先生", "女士", "女士", "先生", "师傅", "阿姨"))
    return name, f"13{rng.choice('5789')}{rng.randrange(10**8):08d}"


def _place(rng: random.Random) -> dict[str, str]:
    area = rng.choice(tuple(STREETS))
    __, roads = STREETS[area]
    return {
        "area": area,
        "road": rng.choice(roads),
        "estate": rng.choice(ESTATES),
        "building": str(rng.randint(1, 30)),
        "number": str(rng.randint(1, 300)),
        "spot": rng.choice(SERVICE_AREA_SPOTS),
    }


def _minute(rng: random.Random) -> int:
    """A local minute of the day: calls from 07:00 to 23:00, peaks in the morning and evening."""
    hours = list(range(7, 23))
    weights = [2, 6, 9, 10, 8, 5, 6, 8, 8, 7, 6, 5, 6, 5, 3, 2]
    return rng.choices(hours, weights)[0] * 60 + rng.randrange(60)


def _satisfactions(rng: random.Random, late: bool) -> list[str]:
    first = rng.choices(("satisfied", "basic", "dissatisfied"), (60, 20, 30 if late else 10))[0]
    if first != "dissatisfied":
        return [first]
    return [first, rng.choices(("satisfied", "basic", "dissatisfied"), (55, 35, 10))[0]]


def plan_month(
    count: int = 240, days: int = 30, seed: int = 12345, weekdays: list[int] | None = None
) -> list[OrderPlan]:
    """``count`` calls over ``days`` days, in the order they came in.
    ``weekdays``: the weekday (0 = Monday) of each day, for fewer calls at
    weekends (every day alike without it)."""
    rng = random.Random(seed)  # noqa: S311 - demo data, reproducible on purpose
    day_weights = [0.5 if weekdays and weekdays[day] >= 5 else 1.0 for day in range(days)]
    times = sorted((rng.choices(range(days), day_weights)[0], _minute(rng)) for __ in range(count))
    plans: list[OrderPlan] = []
    callers: list[tuple[str, str]] = []
    issue_keys = tuple(ISSUE_WEIGHTS)
    types, type_weights = zip(*TYPE_WEIGHTS.items(), strict=True)
    for index, (day, minute) in enumerate(times, start=1):
        order_type = rng.choices(types, type_weights)[0]
        place = _place(rng)
        # a caller who called before (about one call in twelve)
        name, phone = rng.choice(callers) if callers and rng.random() < 0.08 else _caller(rng)
        callers.append((name, phone))
        common = {
            "index": index,
            "day": day,
            "minute": minute,
            "order_type": order_type,
            "contact_name": name,
            "contact_phone": phone,
            "seed": rng.randrange(10**9),
            "channel": rng.choices(("hotline", "app", "mini_program", "email"), (75, 10, 10, 5))[0],
        }
        if order_type == "consult":
            subject, knowledge, department = rng.choice(CONSULTS)
            on_call = rng.random() < 0.7
            plans.append(
                OrderPlan(
                    **common,
                    department=None if on_call else department,
                    category="insurance" if department == "hrss" else None,
                    urgency="general",
                    line="12333" if department == "hrss" else "12345",
                    area=place["area"],
                    address="",
                    subject=subject,
                    description="",
                    reply=CONSULT_REPLIES[department],
                    knowledge=knowledge,
                    answered_on_call=on_call,
                    satisfactions=[] if on_call else ["satisfied"],
                )
            )
            continue
        if order_type == "praise":
            department, subject, text = rng.choice(PRAISES)
            category, urgency, reply = None, "general", PRAISE_REPLY
            texts = [text]
        elif order_type == "suggestion":
            department, category, subject, text, reply = rng.choice(SUGGESTIONS)
            urgency, texts = "general", [text]
        else:
            keys = [key for key in issue_keys if order_type in ISSUES[key][3]]
            key = rng.choices(keys, [ISSUE_WEIGHTS[key] for key in keys])[0]
            category, department, urgency, __, subjects, texts, replies = ISSUES[key]
            subject, reply = rng.choice(subjects), rng.choice(replies)
        description = rng.choice(texts).format(**place)
        service_area = department == "service_area"
        plan = OrderPlan(
            **common,
            department=department,
            category=category,
            urgency=urgency if rng.random() > 0.04 else "emergency",
            line={"hrss": "12333", "urban": "12319"}.get(department, "12345"),
            area="service_area" if service_area else place["area"],
            address=(
                f"沪杭高速嘉兴服务区（{place['spot']}）"
                if service_area
                else f"{STREETS[place['area']][0]}{place['road']}{place['number']}号"
            ),
            subject=subject,
            description=description,
            reply=reply,
        )
        if service_area and plan.channel != "email":
            plan.channel = rng.choice(("opinion_box", "posted_number", "hotline"))
        if order_type != "praise":
            if rng.random() < 0.09:
                plan.wrong_departments = [WRONG_DEPARTMENT[department]]
                plan.dispute = rng.random() < 0.35
                plan.arbitrate = plan.dispute and rng.random() < 0.6
            plan.sign_late = rng.random() < 0.12
            plan.reply_late = rng.random() < (0.25 if urgency == "utility" else 0.12)
            if urgency in ("general", "complex") and rng.random() < 0.07:
                plan.extension = "approve" if rng.random() < 0.75 else "refuse"
                plan.extension_reason = rng.choice(EXTENSION_REASONS)
            plan.reminders = rng.choices((0, 1, 2, 3), (80, 11, 6, 3))[0]
            plan.supervise = rng.random() < 0.04
            if rng.random() < 0.04:
                plan.duplicate_caller = _caller(rng)
        plan.portal = department == "water" and rng.random() < 0.3
        plan.satisfactions = ["satisfied"] if order_type == "praise" else _satisfactions(rng, plan.reply_late)
        plans.append(plan)
    _add_showcases(plans)
    return plans


def _add_showcases(plans: list[OrderPlan]) -> None:
    """Make sure the month shows the rare cases: an order bounced between
    three departments (escalated supervision), one re-handled four times
    (escalated supervision), one returned in a dispute and arbitrated."""
    early = [p for p in plans if p.department and p.order_type in ("complaint", "help", "report") and p.day < 8]
    if len(early) < 3:
        return
    bounced, reworked, arbitrated = early[0], early[1], early[2]
    first = WRONG_DEPARTMENT[bounced.department]
    second = next(d for d in DEPARTMENTS if d not in (bounced.department, first, "service_area"))
    bounced.wrong_departments = [first, second]
    bounced.dispute, bounced.arbitrate = False, False
    reworked.wrong_departments = []
    reworked.satisfactions = ["dissatisfied"] * 4 + ["basic"]
    arbitrated.wrong_departments = [WRONG_DEPARTMENT[arbitrated.department]]
    arbitrated.dispute, arbitrated.arbitrate = True, True
