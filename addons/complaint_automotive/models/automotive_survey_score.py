from datetime import datetime, time, timedelta

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.addons.complaint_base.engine.complaint_import import build_template, parse_datetime
from odoo.addons.complaint_base.plugins.default import is_valid_phone
from odoo.addons.complaint_base.wizard.complaint_import import RowResult
from odoo.exceptions import AccessError, UserError, ValidationError

from ..rules import roles
from ..rules import survey as survey_rules
from ..rules import vin as vin_rules

NPS_BANDS = [("detractor", "Detractor (0-6)"), ("passive", "Passive (7-8)"), ("promoter", "Promoter (9-10)")]
SURVEY_KINDS = [("sales", "Sales (Delivery)"), ("service", "After-Sales (Visit)")]
# column -> headers the manufacturer's lists use (the column's name is accepted too)
SURVEY_COLUMNS = {
    "vin": ("车架号", "vin码", "车辆识别代号", "车辆识别号", "底盘号", "车架号码"),
    "customer": ("customer name", "客户", "客户姓名", "车主", "车主姓名", "姓名"),
    "phone": ("mobile", "telephone", "电话", "联系电话", "手机", "手机号", "手机号码"),
    "visit_date": (
        "visit date",
        "delivery date",
        "visit or delivery date",
        "delivery_date",
        "进店日期",
        "到店日期",
        "交车日期",
        "维修日期",
        "服务日期",
    ),
    "survey_date": ("survey date", "回访日期", "调查日期", "评价日期", "回访时间"),
    "question": ("问题", "调查问题", "评价项目", "题目", "回访问题", "考核项目"),
    "score": ("得分", "分数", "评分", "分值", "打分"),
    "comment": ("客户意见", "意见", "评语", "客户评价", "备注", "客户原话"),
    "kind": ("survey type", "type", "回访类型", "业务类型", "类型"),
}
TEMPLATE_COLUMNS = (
    ("vin", "车架号"),
    ("customer", "客户姓名"),
    ("phone", "联系电话"),
    ("visit_date", "进店日期"),
    ("survey_date", "回访日期"),
    ("question", "调查问题"),
    ("score", "得分"),
    ("comment", "客户意见"),
    ("kind", "回访类型"),
)


def local_midnight(day, tz_name):
    """The start of ``day`` in the time zone ``tz_name``, as naive UTC."""
    local = pytz.timezone(tz_name).localize(datetime.combine(day, time()))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


def recheck_start(survey_date, tz_name):
    """The recheck clock runs from the end of the survey day (the local
    midnight after it): 7 days later is the end of the 7th day."""
    return local_midnight(survey_date + timedelta(days=1), tz_name)


class AutomotiveSurveyScore(models.Model):
    _name = "automotive.survey.score"
    _description = "Manufacturer Survey Score"
    _order = "survey_date desc, id desc"
    _rec_names_search = ["vin", "customer_name", "question"]

    vin = fields.Char(string="VIN", required=True, index=True)
    vehicle_id = fields.Many2one("automotive.vehicle", string="Vehicle", index="btree_not_null", ondelete="set null")
    partner_id = fields.Many2one("res.partner", string="Customer", index="btree_not_null", ondelete="set null")
    customer_name = fields.Char(string="Customer Name", help="The name the manufacturer's survey gives.")
    phone = fields.Char()
    visit_date = fields.Date(string="Visit / Delivery Date")
    survey_date = fields.Date(required=True, index=True, help="The day the manufacturer's survey was answered.")
    kind = fields.Selection(SURVEY_KINDS, string="Survey")
    question = fields.Char(help="The question scored; empty for the overall score.")
    score = fields.Integer(required=True, aggregator="avg", help="From 0 to 10.")
    nps_band = fields.Selection(NPS_BANDS, string="NPS Band", compute="_compute_nps", store=True, index=True)
    nps_value = fields.Integer(
        string="NPS",
        compute="_compute_nps",
        store=True,
        aggregator="avg",
        help="+100 for a promoter, 0 for a passive, -100 for a detractor: the average is the Net Promoter Score.",
    )
    is_low = fields.Boolean(string="Low Score", compute="_compute_nps", store=True, help="6 or less.")
    comment = fields.Text()
    source = fields.Char(string="Received From", help="The manufacturer's system or file the score came from.")
    complaint_id = fields.Many2one(
        "complaint.complaint",
        string="Zero-Complaint Case",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        help="The complaint a score of 6 or less opened.",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    _sql_constraints = [
        ("score_range", "CHECK(score >= 0 AND score <= 10)", "A survey score is from 0 to 10."),
    ]

    def init(self):
        # a survey answers each question once: the same VIN, survey date and question is a duplicate
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS automotive_survey_score_unique
                   ON automotive_survey_score (company_id, vin, survey_date, lower(COALESCE(question, '')))"""
        )

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._normalize_vals(dict(vals)) for vals in vals_list]
        # the vehicle known by its VIN (and its owner) is linked, in one search
        unlinked = [vals for vals in vals_list if not vals.get("vehicle_id")]
        if unlinked:
            vehicles = {
                (vehicle.company_id.id, vehicle.vin): vehicle
                for vehicle in self.env["automotive.vehicle"]
                .sudo()
                .with_context(active_test=False)
                .search([("vin", "in", list({vals["vin"] for vals in unlinked if vals.get("vin")}))])
            }
            for vals in unlinked:
                vehicle = vehicles.get((vals.get("company_id") or self.env.company.id, vals.get("vin")))
                if vehicle:
                    vals["vehicle_id"] = vehicle.id
                    vals.setdefault("partner_id", vehicle.partner_id.id)
        return super().create(vals_list)

    def write(self, vals):
        return super().write(self._normalize_vals(dict(vals)))

    def _normalize_vals(self, vals):
        """The VIN checked and normalised, the question as compared for
        duplicates (spaces collapsed), whatever the channel."""
        if vals.get("vin"):
            try:
                vals["vin"] = vin_rules.validate(vals["vin"])
            except vin_rules.VinError as error:
                raise ValidationError(self.env._(error.message, **error.params)) from None
        if "question" in vals:
            vals["question"] = survey_rules.normalize_question(vals["question"]) or False
        return vals

    @api.depends("score")
    def _compute_nps(self):
        for record in self:
            record.nps_band = survey_rules.band(record.score)
            record.nps_value = survey_rules.NPS_VALUES[record.nps_band]
            record.is_low = survey_rules.is_low(record.score)

    @api.depends("vin", "question", "score")
    def _compute_display_name(self):
        for record in self:
            record.display_name = " · ".join(filter(None, [record.vin, record.question, f"{record.score}/10"]))

    # --- rights -------------------------------------------------------------
    @api.model
    def _automotive_check_callback(self):
        """Survey scores and rechecks are the customer-care desk's: its
        callback specialists and managers."""
        if self.env.su or self.env.user.has_group("complaint_automotive.group_automotive_callback"):
            return
        raise AccessError(
            self.env._("Only customer care (callback specialists) receive survey scores and record rechecks.")
        )

    # --- checking rows (import and API) -----------------------------------
    @api.model
    def _survey_labels(self):
        _ = self.env._
        return {
            "vin": _("VIN (车架号 / vin)"),
            "customer": _("customer (客户姓名 / customer)"),
            "phone": _("phone (联系电话 / phone)"),
            "visit_date": _("visit or delivery date (进店日期 / visit_date)"),
            "survey_date": _("survey date (回访日期 / survey_date)"),
            "question": _("question (调查问题 / question)"),
            "score": _("score (得分 / score)"),
            "comment": _("comment (客户意见 / comment)"),
            "kind": _("survey type (回访类型 / kind)"),
        }

    @api.model
    def _survey_check_rows(self, rows, company):
        """Check survey rows ``rows`` [(row label, {column: raw value})] for
        ``company``: [(values, [(column, translated problem)])] in order.
        A row repeating the VIN, survey date and question of an earlier row
        or of a score already received is a duplicate."""
        today = fields.Date.context_today(self.with_context(tz=company._complaint_tz()))

        def parse_date(value):
            moment = parse_datetime(value)
            return moment.date() if moment else None

        checked = []
        for __, raw in rows:
            values, problems = survey_rules.check_row(raw, today, parse_date, is_valid_phone)
            checked.append((values, [(column, self.env._(message, **params)) for column, message, params in problems]))
        keys = [
            (index, survey_rules.survey_key(v["vin"], v["survey_date"], v.get("question")))
            if v.get("vin") and v.get("survey_date")
            else (index, None)
            for index, (v, __) in enumerate(checked)
        ]
        labels = [label for label, __ in rows]
        for index, first in survey_rules.duplicates(keys).items():
            checked[index][1].append(
                ("question", self.env._("the same VIN, survey date and question as %s.", labels[first]))
            )
        wanted = {key for __, key in keys if key}
        if wanted:
            existing = self.sudo().search(
                [
                    ("company_id", "=", company.id),
                    ("vin", "in", list({key[0] for key in wanted})),
                    ("survey_date", "in", list({key[1] for key in wanted})),
                ]
            )
            known = {survey_rules.survey_key(score.vin, score.survey_date, score.question): score for score in existing}
            for index, key in keys:
                if key in known:
                    checked[index][1].append(
                        (
                            "question",
                            self.env._(
                                "this VIN's score for this question on this survey date was already received "
                                "(%(score)s/10).",
                                score=known[key].score,
                            ),
                        )
                    )
        return checked

    # --- receiving --------------------------------------------------------
    @api.model
    def _automotive_receive(self, vals_list, company, source):
        """Record checked survey rows (values of ``_survey_check_rows``) for
        ``company`` and open the zero-complaint cases of the low ones.  The
        caller checked the rights (``_automotive_check_callback``)."""
        records = []
        for vals in vals_list:
            records.append(
                {
                    "vin": vals["vin"],
                    "customer_name": vals.get("customer"),
                    "phone": vals.get("phone"),
                    "visit_date": vals.get("visit_date"),
                    "survey_date": vals["survey_date"],
                    "kind": vals.get("kind"),
                    "question": vals.get("question"),
                    "score": vals["score"],
                    "comment": vals.get("comment"),
                    "source": source,
                    "company_id": company.id,
                }
            )
        scores = self.sudo().create(records)
        scores._automotive_open_cases()
        return scores.with_env(self.env)

    def _automotive_zero_team(self, company):
        team = company.automotive_zero_team_id
        if not team:
            team = (
                self.env["complaint.team"]
                .sudo()
                .search([("sector", "=", roles.SECTOR), ("company_id", "in", (False, company.id))], order="id", limit=1)
            )
        if not team:
            raise UserError(
                self.env._(
                    "No dealer team takes the zero-complaint cases of %s: create a 4S dealer team, or choose one "
                    "in the Settings.",
                    company.name,
                )
            )
        return team

    def _automotive_open_cases(self):
        """Open (or join) the zero-complaint case of each survey — company,
        VIN and survey date — with a score of 6 or less, in batches: the
        customer is the vehicle's owner, else a contact with the survey's
        phone, else a new contact; the vehicle is found by its VIN or
        created.  The recheck clock falls due 7 days after the survey."""
        todo = self.sudo().filtered(lambda s: s.is_low and not s.complaint_id)
        Complaint = self.env["complaint.complaint"].sudo()
        if not todo:
            return Complaint
        groups = survey_rules.cases(
            {"id": s.id, "company_id": s.company_id.id, "vin": s.vin, "survey_date": s.survey_date, "score": s.score}
            for s in todo
        )
        vins = list({vin for (__, vin, ___), ____ in groups})
        companies = todo.company_id
        existing = {
            (case.company_id.id, case.automotive_survey_vin, case.automotive_survey_date): case
            for case in Complaint.search(
                [
                    ("automotive_zero_case", "=", True),
                    ("company_id", "in", companies.ids),
                    ("automotive_survey_vin", "in", vins),
                    ("automotive_survey_date", "in", list({date for (__, ___, date), ____ in groups})),
                ]
            )
        }
        Vehicle = self.env["automotive.vehicle"].sudo().with_context(active_test=False)
        vehicles = {
            (vehicle.company_id.id, vehicle.vin): vehicle
            for vehicle in Vehicle.search([("vin", "in", vins), ("company_id", "in", companies.ids)])
        }
        Partner = self.env["res.partner"].sudo()
        phones = list(set(todo.filtered("phone").mapped("phone")))
        by_phone = {}
        known = (
            Partner.search(["|", ("phone", "in", phones), ("mobile", "in", phones)], order="id") if phones else Partner
        )
        for partner in known:
            for number in (partner.phone, partner.mobile):
                by_phone.setdefault(number, partner)

        joined, new = [], []
        for (company_id, vin, survey_date), rows in groups:
            scores = todo.browse([row["id"] for row in rows])
            case = existing.get((company_id, vin, survey_date))
            if case:
                joined.append((case, scores))
            else:
                new.append(((company_id, vin, survey_date), scores))
        for case, scores in joined:
            scores.write({"complaint_id": case.id, "vehicle_id": case.vehicle_id.id, "partner_id": case.partner_id.id})
            env = case.company_id._complaint_env()
            case.message_post(body=self._automotive_scores_note(scores, env), subtype_xmlid="mail.mt_note")
        if not new:
            return Complaint

        # the customers and vehicles the new cases need, created in one batch each
        customers, to_create = {}, []
        for key, scores in new:
            vehicle = vehicles.get(key[:2])
            phone = next((s.phone for s in scores if s.phone), False)
            partner = (vehicle and vehicle.partner_id) or by_phone.get(phone)
            if partner:
                customers[key] = partner
            else:
                name = next((s.customer_name for s in scores if s.customer_name), False)
                to_create.append((key, {"name": name, "phone": phone}))
        for (key, __), partner in zip(to_create, Partner.create([vals for __, vals in to_create]), strict=True):
            customers[key] = partner
        missing = [(key, scores) for key, scores in new if key[:2] not in vehicles]
        created = Vehicle.create(
            [{"vin": key[1], "partner_id": customers[key].id, "company_id": key[0]} for key, __ in missing]
        )
        for (key, __), vehicle in zip(missing, created, strict=True):
            vehicles[key[:2]] = vehicle
        for key, __ in new:
            vehicle = vehicles[key[:2]]
            if not vehicle.partner_id:
                vehicle.partner_id = customers[key]

        channel = self.env.ref("complaint_base.complaint_channel_callback")
        category = self.env.ref("complaint_automotive.automotive_category_service")
        vals_list = []
        for (company_id, vin, survey_date), scores in new:
            company = scores.company_id
            env = company._complaint_env()
            team = self._automotive_zero_team(company)
            lowest = scores[0]
            subject = (
                env._(
                    "Zero complaint: manufacturer survey score %(score)s — %(question)s",
                    score=lowest.score,
                    question=lowest.question,
                )
                if lowest.question
                else env._("Zero complaint: manufacturer survey score %(score)s", score=lowest.score)
            )
            values = {
                "subject": subject[:200],
                "description": self._automotive_scores_note(scores, env),
                "partner_id": customers[(company_id, vin, survey_date)].id,
                "vehicle_id": vehicles[(company_id, vin)].id,
                "team_id": team.id,
                "user_id": team.role_ids.filtered(lambda r: r.code == roles.CALLBACK_SPECIALIST)[:1].user_id.id,
                "company_id": company_id,
                "channel_id": channel.id,
                "category_id": category.id,
                "external_source": lowest.source or False,
                "automotive_zero_case": True,
                "automotive_survey_vin": vin,
                "automotive_survey_date": survey_date,
            }
            kind = next((s.kind for s in scores if s.kind), False)
            if kind:
                values["automotive_line"] = kind
            vals_list.append(values)
        cases = self.env["complaint.intake"].sudo()._create_complaints(vals_list)
        starts = {}
        for ((__, ___, survey_date), scores), case in zip(new, cases, strict=True):
            scores.write({"complaint_id": case.id, "vehicle_id": case.vehicle_id.id, "partner_id": case.partner_id.id})
            starts[case.id] = recheck_start(survey_date, case.company_id._complaint_tz())
        cases._clock_events("automotive_survey", starts)
        return cases

    @api.model
    def _automotive_scores_note(self, scores, env):
        items = Markup("").join(
            Markup("<li>%s</li>")
            % env._(
                "%(question)s: %(score)s/10 (survey of %(date)s)%(comment)s",
                question=score.question or env._("Overall"),
                score=score.score,
                date=score.survey_date,
                comment=f" — {score.comment}" if score.comment else "",
            )
            for score in scores
        )
        return Markup("<p>%s</p><ul>%s</ul>") % (env._("Manufacturer survey scores:"), items)

    # --- import target (complaint_base wizard/complaint_import_target.py) --
    @api.model
    def _import_columns(self):
        return SURVEY_COLUMNS

    @api.model
    def _import_required_columns(self):
        labels = self._survey_labels()
        return [(column, labels[column]) for column in ("vin", "survey_date", "score")]

    @api.model
    def _import_check_access(self, wizard):
        self._automotive_check_callback()

    @api.model
    def _import_title(self):
        return self.env._("Import Manufacturer Survey Scores")

    @api.model
    def _import_check(self, wizard, table):
        rows = [(self.env._("row %s", number), raw) for number, raw in table.rows]
        checked = self._survey_check_rows(rows, wizard.company_id)
        labels = self._survey_labels()
        results = []
        for (number, __), (values, problems) in zip(table.rows, checked, strict=True):
            ref = " ".join(
                filter(
                    None,
                    [values.get("vin"), values["survey_date"].isoformat() if values.get("survey_date") else None],
                )
            )
            result = RowResult(row=number, ref=ref or None)
            for column, message in problems:
                header = table.header_of(column) if column in table.columns.values() else labels[column]
                result.reject(f"{header}: {message}")
            if result.status != "reject":
                result.vals = values
                if survey_rules.is_low(values["score"]):
                    result.notes.append(self.env._("Score %s: opens a zero-complaint case (零抱怨).", values["score"]))
            results.append(result)
        return results

    @api.model
    def _import_write(self, wizard, accepted):
        scores = self._automotive_receive(
            [result.vals for result in accepted], wizard.company_id, (wizard.external_source or "").strip()
        )
        for result, score in zip(accepted, scores, strict=True):
            result.complaint = score.sudo().complaint_id or None

    @api.model
    def _import_template(self, wizard):
        _ = self.env._
        notes = {
            "vin": _("Required. The 17-character VIN (GB 16735)."),
            "customer": _("The customer's name; required for a score of 6 or less."),
            "phone": _("Mobile or landline."),
            "visit_date": _("The visit or delivery the survey asks about, e.g. 2026-03-01."),
            "survey_date": _("Required. The day the survey was answered, e.g. 2026-03-02."),
            "question": _("The question scored; empty for the overall score."),
            "score": _("Required. A whole number from 0 to 10; 6 or less opens a zero-complaint case."),
            "comment": _("What the customer said."),
            "kind": _("销售/售后 or sales/service."),
        }
        data = build_template(
            notes, instructions_title=_("Instructions")[:31], columns=TEMPLATE_COLUMNS, sheet_title="厂家回访得分"
        )
        return data, "survey-score-template.xlsx"
