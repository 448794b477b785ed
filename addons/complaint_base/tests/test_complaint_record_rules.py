"""Every model of the complaint suite that a non-administrator group may read
has record rules, or is listed here as configuration (docs/security.md).

A new model with access rights and no rules fails this test until it gets
rules (own / team / manager / portal / multi-company) or is listed below with
the reason why every user of its company may read all of it."""

from odoo.tests import TransactionCase, tagged

# set up by administrators, read by every user who handles complaints (and,
# for the first group, by portal users: stage and category names are shown on
# the complaint's page); multi-company rule when they have a company
CONFIGURATION_MODELS = {
    "complaint.stage": "stage names and their status",
    "complaint.channel": "intake channels",
    "complaint.category": "categories (per company or shared)",
    "complaint.tag": "tags",
    "complaint.team": "teams and their members (per company)",
    "complaint.team.role": "escalation roles of a team",
    "complaint.clock.kind": "kinds of deadline clocks",
    "complaint.deadline.policy": "deadline policies (per company or shared)",
    "complaint.deadline.target": "a policy's deadlines",
    "complaint.escalation.step": "a deadline's escalation ladder",
    "complaint.holiday.year": "public-holiday schedules",
    "complaint.holiday.day": "days of a holiday schedule",
    "complaint.penalty.rule": "fine schedule (articles and amounts, per company)",
    "complaint.api.integration": "external systems (managers read, administrators edit; keys are hashed)",
    "courier.evidence.kind": "kinds of evidence of the courier schedule",
    "automotive.script": "the dealer's standard answers (话术) by topic",
    "hotline.line": "the hotline's source lines (12345 and the merged lines)",
    "hotline.area": "administrative divisions (shared by every company)",
    "hotline.knowledge": "the hotline's knowledge base, read by agents and departments (per company)",
    "hotline.route": "routing rules, read by the centre's dispatchers (per company)",
}

# the sector's master data: every complaint user of the company reads all of
# it (multi-company rule); portal users only through a portal rule
COMPANY_WIDE_MODELS = {
    "courier.outlet": "the network's outlets",
    "courier.outlet.phone": "an outlet's phone numbers",
    "courier.staff": "an outlet's staff",
    "courier.referral": "outlets referred to network management for repeated complaints",
    "automotive.vehicle": "the dealer's customers' vehicles (VIN unique per company)",
    "complaint.improvement": "the company's improvement actions (8D): every complaint user reads them, managers write",
}

# transient models that hold no complainant data and have no creator rule
WIZARDS_WITHOUT_PERSONAL_DATA = {
    "courier.outlet.statement": "a period and an outlet chosen by a manager (the statement is computed)",
}

# Odoo's own models to which the suite grants complaint administrators more
# rights; Odoo's rules govern who reads them
ODOO_MODELS = {
    "resource.calendar": "working schedules (complaint administrators edit them from Complaints > Configuration)",
    "resource.calendar.attendance": "the hours of a working schedule",
}

ADMIN_GROUPS = ("base.group_system", "base.group_erp_manager", "complaint_base.group_complaint_admin")


@tagged("post_install", "-at_install")
class TestComplaintRecordRules(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        addons = cls.env["complaint.complaint"]._installed_complaint_addons()
        access_ids = (
            cls.env["ir.model.data"]
            .search([("model", "=", "ir.model.access"), ("module", "in", list(addons))])
            .mapped("res_id")
        )
        cls.models = cls.env["ir.model.access"].browse(access_ids).mapped("model_id")
        cls.admin_groups = cls.env["res.groups"].browse([cls.env.ref(xmlid).id for xmlid in ADMIN_GROUPS])
        cls.portal_groups = cls.env.ref("base.group_portal") | cls.env.ref("base.group_public")

    def _readers(self, ir_model):
        """Non-administrator groups with read access on the model."""
        accesses = self.env["ir.model.access"].search([("model_id", "=", ir_model.id), ("perm_read", "=", True)])
        return accesses.group_id - self.admin_groups

    def _rules(self, ir_model):
        return self.env["ir.rule"].search([("model_id", "=", ir_model.id), ("perm_read", "=", True)])

    def test_lists_name_models_of_the_suite(self):
        names = set(self.models.mapped("model"))
        self.assertIn("complaint.complaint", names)
        self.assertIn("complaint.clock.event", names)
        installed = set(self.env.registry)
        for listed in (*CONFIGURATION_MODELS, *COMPANY_WIDE_MODELS, *WIZARDS_WITHOUT_PERSONAL_DATA):
            if listed in installed:
                self.assertIn(listed, names, f"{listed} is listed but has no access rights of the suite")

    def test_every_readable_model_has_rules(self):
        problems = []
        for ir_model in self.models.sorted("model"):
            name = ir_model.model
            Model = self.env[name]
            readers = self._readers(ir_model)
            if not readers or name in ODOO_MODELS:
                continue  # administrators only, or Odoo's model
            rules = self._rules(ir_model)
            global_rules = rules.filtered(lambda r: not r.groups)
            company_rule = global_rules.filtered(lambda r: "company_ids" in (r.domain_force or ""))
            has_company = "company_id" in Model._fields and Model._fields["company_id"].store

            def rule_for(group, rules=rules):
                return rules.filtered(lambda r, g=group: r.groups & (g | g.trans_implied_ids))

            if Model._transient:
                if name in WIZARDS_WITHOUT_PERSONAL_DATA:
                    continue
                if not global_rules.filtered(lambda r: "create_uid" in (r.domain_force or "")):
                    problems.append(f"{name}: a wizard without the rule that keeps it to its creator")
                continue
            if has_company and not company_rule:
                problems.append(f"{name}: no multi-company rule")
            portal_readers = readers & self.portal_groups
            if name in CONFIGURATION_MODELS:
                continue
            if name in COMPANY_WIDE_MODELS:
                for group in portal_readers:
                    if not rule_for(group):
                        problems.append(f"{name}: {group.name} reads it without a rule of its own")
                continue
            # complaint data: one company, and each group reads through its rules
            if not company_rule:
                problems.append(f"{name}: no multi-company rule")
            for group in readers:
                if not rule_for(group):
                    problems.append(f"{name}: {group.full_name} reads all of it (no own/team/portal rule)")
        self.assertFalse(problems, "\n".join(problems))

    def test_rules_apply_for_each_reader(self):
        """Each rule compiles and runs for a user of each reading group."""
        portal = self.env.ref("base.group_portal")
        for ir_model in self.models.sorted("model"):
            Model = self.env[ir_model.model]
            if Model._transient or Model._abstract:
                continue
            for group in self._readers(ir_model) - self.env.ref("base.group_public"):
                groups = group if group == portal else group | self.env.ref("base.group_user")
                user = self.env["res.users"].create(
                    {
                        "name": f"Rules {ir_model.model} {group.id}",
                        "login": f"rules_{ir_model.model}_{group.id}",
                        "groups_id": [(6, 0, groups.ids)],
                    }
                )
                with self.subTest(model=ir_model.model, group=group.full_name):
                    Model.with_user(user).search([], limit=1)

    def test_clock_history_follows_the_complaint(self):
        Complaint = self.env["complaint.complaint"].with_context(tracking_disable=True)
        own = self.env["res.users"].create(
            {
                "name": "Clerk",
                "login": "rules_clerk",
                "groups_id": [(6, 0, self.env.ref("complaint_base.group_complaint_user_own").ids)],
            }
        )
        other = self.env["res.users"].create(
            {
                "name": "Clerk 2",
                "login": "rules_clerk2",
                "groups_id": [(6, 0, self.env.ref("complaint_base.group_complaint_user_own").ids)],
            }
        )
        kind = self.env["complaint.clock.kind"].search([], limit=1)
        complaint = Complaint.create(
            {"subject": "回访未接通", "contact_name": "张伟", "contact_phone": "13812349999", "user_id": own.id}
        )
        clock = self.env["complaint.clock"].create(
            {"complaint_id": complaint.id, "kind_id": kind.id, "date_start": "2026-03-02 01:00:00"}
        )
        event = self.env["complaint.clock.event"].create({"clock_id": clock.id, "event": "start"})
        Event = self.env["complaint.clock.event"]
        self.assertEqual(Event.with_user(own).search([("id", "=", event.id)]), event)
        self.assertFalse(Event.with_user(other).search([("id", "=", event.id)]))
        # another company's history is out of reach, even of a manager
        manager = self.env["res.users"].create(
            {
                "name": "Manager",
                "login": "rules_manager",
                "groups_id": [(6, 0, self.env.ref("complaint_base.group_complaint_manager").ids)],
            }
        )
        self.assertEqual(Event.with_user(manager).search([("id", "=", event.id)]), event)
        other_company = self.env["res.company"].create({"name": "Other Co"})
        manager.write({"company_ids": [(6, 0, other_company.ids)], "company_id": other_company.id})
        self.assertFalse(Event.with_user(manager).search([("id", "=", event.id)]))
