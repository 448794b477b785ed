"""Screenshots of the main screens of a running demo server (make run).

    pip install playwright        # uses the system Chromium, downloads nothing
    apt-get install chromium-l10n # Debian: the browser's own texts in Chinese
    python scripts/screenshots.py [--url http://localhost:8069] [--out docs/screenshots] [--only NAME ...]

The back office is taken as the demo administrator (admin / admin), the desk as
the demo complaint manager (wanglh), the courier desk as its head-office manager
(courier_hq_manager), the 4S dealer's desk as its customer-care manager
(auto_care), the outlet portal as the demo outlet manager of 杭州西湖网点
(outlet_xihu), the grievance desk as its grievance officer (grievance_officer),
the hotline's registration form as its seat agent (hotline_agent), the rest
of the hotline as the centre's dispatcher (hotline_centre) and the outside
unit's portal as the water company's account (hotline_water_portal), the tracking page,
the public form and the anonymous grievance pages as a visitor whose browser
asks for Chinese, in Beijing time. One PNG per screen.
"""

import argparse
import os
import pathlib
import shutil

from playwright.sync_api import sync_playwright

# a manufacturer's weekly list: two good rows, one without a contact
IMPORT_SAMPLE = (
    "外部编号,投诉主题,投诉人,联系电话,投诉内容,严重程度,投诉日期\n"
    "OEM-2026-0457,保养后发动机异响,赵先生,13800138001,第三次保养后仍有异响,一般,2026-11-20 09:30\n"
    "OEM-2026-0458,交车时漆面划伤,钱女士,13800138002,提车当天发现左后门划痕,重大,2026-11-21 14:00\n"
    "OEM-2026-0459,销售承诺的赠品未兑现,,,,一般,2026-11-22 10:00\n"
)
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
VIEWPORT = {"width": 1440, "height": 900}
BROWSER = {"viewport": VIEWPORT, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}
COURIER_SCREENS = {
    "courier_complaints",
    "courier_complaint_form",
    "courier_outlets",
    "courier_outlet_form",
    "courier_claims",
    "courier_fine_schedule",
    "courier_statement",
    "courier_network_management",
}
AUTOMOTIVE_SCREENS = {
    "automotive_complaints",
    "automotive_complaint_form",
    "automotive_vehicles",
    "automotive_scripts",
    "automotive_survey_scores",
    "automotive_zero_cases",
    "automotive_zero_case_form",
    "automotive_zero_statistics",
}
EMPLOYEE_DESK_SCREENS = {"employee_grievances", "employee_grievance_form"}
EMPLOYEE_PUBLIC_SCREENS = {"employee_report", "employee_follow_up", "employee_follow_up_page"}
# the demo's anonymous report (complaint_employee/demo): its receipt code and secret
GRIEVANCE_RECEIPT = ("4821 7730 5519 2046", "演示-secret-2026")
HOTLINE_SCREENS = {
    "hotline_register",
    "hotline_orders",
    "hotline_orders_kanban",
    "hotline_order_form",
    "hotline_supervision",
    "hotline_assessment",
    "hotline_assessment_list",
    "hotline_knowledge",
    "hotline_portal_orders",
    "hotline_portal_order",
}


def call_kw(page, url, model, method, args, kwargs=None):
    """A JSON-RPC call with the page's session (to find a record to show)."""
    return page.evaluate(
        """async ([url, model, method, args, kwargs]) => {
            const response = await fetch(`${url}/web/dataset/call_kw/${model}/${method}`, {
                method: "POST",
                headers: {"Content-Type": "application/json"},
                body: JSON.stringify({jsonrpc: "2.0", method: "call",
                                      params: {model, method, args, kwargs}}),
            });
            const data = await response.json();
            if (data.error) { throw new Error(JSON.stringify(data.error)); }
            return data.result;
        }""",
        [url, model, method, args, kwargs or {}],
    )


def login(context, url, user, password):
    page = context.new_page()
    page.goto(f"{url}/web/login")
    page.fill("input[name=login]", user)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda address: "/web/login" not in address, timeout=30000)
    page.wait_for_load_state("load")
    return page


def show_tab(page, name):
    """Open the form's notebook page ``name`` and scroll the notebook to the top."""
    page.click(f".o_notebook .nav-link[name={name}]")
    page.locator(".o_notebook").evaluate("(notebook) => notebook.scrollIntoView({block: 'start'})")


def shoot(page, out, name, ready, full_page=False):
    page.wait_for_selector(ready, timeout=20000)
    page.wait_for_timeout(900)
    path = out / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    print(path)


def backend(browser, args, out, wanted):
    url = args.url
    context = browser.new_context(**BROWSER)
    page = login(context, url, args.login, args.password)
    page.wait_for_selector(".o_main_navbar")

    def want(name):
        return not wanted or name in wanted

    if want("complaints-list"):
        page.goto(f"{url}/odoo/action-complaint_base.complaint_complaint_action?view_type=list")
        shoot(page, out, "complaints-list", ".o_data_row")
    if want("complaint-form") or want("complaint-form-deadlines"):
        page.goto(f"{url}/odoo/action-complaint_base.complaint_complaint_action?view_type=list")
        page.wait_for_selector(".o_data_row")
        page.click(".o_data_row:first-child td.o_data_cell:nth-child(3)")
        shoot(page, out, "complaint-form", ".o_form_view .o_field_widget[name=subject]")
        page.click(".o_notebook .nav-link[name=deadlines]")
        shoot(page, out, "complaint-form-deadlines", ".o_field_widget[name=clock_ids] .o_data_row")
    if want("registration-wizard"):
        page.goto(f"{url}/odoo/complaint-desk")
        page.click(".o_control_panel_main_buttons button.o_complaint_register")
        shoot(page, out, "registration-wizard", ".modal .o_field_widget[name=subject]")
        page.click(".modal-footer button.btn-secondary")
    if want("overdue-list"):
        page.goto(f"{url}/odoo/action-complaint_base.complaint_complaint_action_overdue")
        shoot(page, out, "overdue-list", ".o_list_view")
    if want("deadline-policy"):
        page.goto(f"{url}/odoo/action-complaint_base.complaint_deadline_policy_action")
        page.wait_for_selector(".o_data_row")
        page.click(".o_data_row:first-child td.o_data_cell[name=name]")
        shoot(page, out, "deadline-policy", ".o_form_view .o_form_sheet")
    if want("sla-attainment"):
        page.goto(f"{url}/odoo/action-complaint_base.complaint_clock_action_sla")
        shoot(page, out, "sla-attainment", ".o_pivot")
    if want("sla-graph"):
        page.goto(f"{url}/odoo/action-complaint_base.complaint_clock_action_sla?view_type=graph")
        shoot(page, out, "sla-graph", ".o_graph_renderer canvas")
    if want("complaint-overview"):
        page.goto(f"{url}/odoo/action-complaint_base.complaint_analysis_overview_action_open")
        shoot(page, out, "complaint-overview", ".o_kanban_record")
    if want("complaint-report"):
        # the demo's complaint analysis report of last month, as its PDF is laid out
        [report] = call_kw(
            page,
            url,
            "complaint.analysis.report",
            "search_read",
            [[("team_id", "=", False), ("period_type", "=", "month")]],
            {"fields": ["id"], "order": "date_from asc", "limit": 1},
        )
        page.goto(f"{url}/report/html/complaint_base.complaint_analysis_report_pdf/{report['id']}")
        shoot(page, out, "complaint-report", ".page h2", full_page=True)
    if want("fines"):
        page.goto(f"{url}/odoo/action-complaint_base.complaint_penalty_action")
        shoot(page, out, "fines", ".o_list_view .o_data_row")
    if want("settings"):
        page.goto(f"{url}/odoo/action-complaint_base.complaint_config_settings_action")
        shoot(page, out, "settings", ".o_setting_box")
    if want("api-integration"):
        page.goto(f"{url}/odoo/action-complaint_base.complaint_api_integration_action")
        shoot(page, out, "api-integration", ".o_list_view")
    if want("import-check"):
        page.goto(f"{url}/odoo/action-complaint_base.complaint_import_action")
        page.wait_for_selector(".o_form_view")
        sample = out / ".import-sample.csv"
        sample.write_text(IMPORT_SAMPLE, encoding="utf-8-sig")
        page.set_input_files(".o_field_binary input[type=file]", str(sample))
        page.fill(".o_field_widget[name=external_source] input", "厂家投诉平台")
        page.wait_for_timeout(800)
        page.click("button[name=action_check]")
        shoot(page, out, "import-check", ".o_field_one2many .o_data_row")
        sample.unlink()
    tracking = None
    if want("tracking-page"):
        complaint = call_kw(
            page,
            url,
            "complaint.complaint",
            "search_read",
            [[("channel_id", "!=", False), ("is_anonymous", "=", False), ("state", "=", "in_progress")]],
            {"fields": ["id"], "limit": 1},
        ) or call_kw(page, url, "complaint.complaint", "search_read", [[]], {"fields": ["id"], "limit": 1})
        tracking = call_kw(page, url, "complaint.complaint", "get_portal_url", [[complaint[0]["id"]]])
    context.close()

    if want("complaints-kanban"):
        # the desk, as a complaint manager of a team meets it after login
        context = browser.new_context(**BROWSER)
        page = login(context, url, "wanglh", "wanglh")
        page.goto(f"{url}/odoo/complaint-desk")
        shoot(page, out, "complaints-kanban", ".o_kanban_record")
        context.close()
    if want("recurring-complaints") or want("improvement-kanban") or want("improvement-form"):
        # analysis and improvement, as the administrator (manager of the courier desk's team)
        context = browser.new_context(**BROWSER)
        page = login(context, url, args.login, args.password)
        page.wait_for_selector(".o_main_navbar")
        if want("recurring-complaints"):
            page.goto(f"{url}/odoo/action-complaint_base.complaint_recurring_action_refresh")
            shoot(page, out, "recurring-complaints", ".o_list_view .o_data_row")
        if want("improvement-kanban"):
            page.goto(f"{url}/odoo/action-complaint_base.complaint_improvement_action")
            shoot(page, out, "improvement-kanban", ".o_kanban_record")
        if want("improvement-form"):
            open_record(
                page,
                url,
                "complaint_base.complaint_improvement_action",
                "complaint.improvement",
                [("state", "=", "open")],
            )
            page.wait_for_selector(".o_form_view .o_field_widget[name=title]")
            show_tab(page, "d4")
            shoot(page, out, "improvement-form", ".o_form_view .o_field_widget[name=d4_root_cause]")
        context.close()
    return tracking


def portal(browser, args, out, wanted, tracking):
    url = args.url

    def want(name):
        return not wanted or name in wanted

    visitor = browser.new_context(**BROWSER, extra_http_headers={"Accept-Language": "zh-CN"})
    page = visitor.new_page()
    if tracking and want("tracking-page"):
        page.goto(f"{url}{tracking}")
        # the conversation is drawn by the portal chatter once its messages arrive
        page.wait_for_selector(".o_portal_chatter, .o-mail-Chatter, .o-mail-Thread", timeout=20000)
        page.wait_for_timeout(2500)
        shoot(page, out, "tracking-page", "main", full_page=True)
    if want("web-form") or want("web-form-received"):
        page.goto(f"{url}/complaint/new")
        page.wait_for_selector("form input[name=subject]")
        page.fill("input[name=subject]", "营业厅排队时间过长")
        page.fill("textarea[name=description]", "周六上午在营业厅排队两个小时仍未办理业务，工作人员态度冷淡。")
        page.fill("input[name=contact_name]", "陈静")
        page.fill("input[name=contact_phone]", "13600001111")
        page.check("input[name=consent]")
        shoot(page, out, "web-form", "form button[type=submit]", full_page=True)
        page.wait_for_timeout(3500)  # the form refuses robots' speed
        page.click("form button[type=submit]")
        shoot(page, out, "web-form-received", "main h1", full_page=True)
    visitor.close()

    if (
        wanted & {"portal-home", "courier_portal_complaints", "courier_portal_complaint", "courier_portal_fines"}
        or not wanted
    ):
        context = browser.new_context(**BROWSER)
        page = login(context, url, "outlet_xihu", "outlet_xihu")
        if want("portal-home"):
            page.goto(f"{url}/my")
            shoot(page, out, "portal-home", ".o_portal_docs", full_page=True)
        page.goto(f"{url}/my/outlet/complaints")
        shoot(page, out, "courier_portal_complaints", "main table", full_page=True)
        page.click("main table tbody tr:first-child a[href^='/my/outlet/complaints/']")
        shoot(page, out, "courier_portal_complaint", "main h4", full_page=True)
        page.goto(f"{url}/my/outlet/fines")
        shoot(page, out, "courier_portal_fines", "main table", full_page=True)
        context.close()


def first_id(page, url, model, domain, order=None):
    """The id of the first record of ``model`` matching ``domain`` (None if none)."""
    kwargs = {"fields": ["id"], "limit": 1}
    if order:
        kwargs["order"] = order
    rows = call_kw(page, url, model, "search_read", [domain], kwargs)
    return rows[0]["id"] if rows else None


def open_record(page, url, action, model, domain, order=None):
    """Open the form of the first record matching ``domain`` within ``action``."""
    record_id = first_id(page, url, model, domain, order)
    if not record_id:
        raise SystemExit(f"no {model} record matches {domain}: is this the demo database?")
    page.goto(f"{url}/odoo/action-{action}/{record_id}")


def sectors(browser, args, out, wanted):
    """The sector desks: the courier network's, the 4S dealer's, the grievance desk's, the hotline's."""
    url = args.url

    def want(name):
        return not wanted or name in wanted

    if not wanted or wanted & COURIER_SCREENS:
        context = browser.new_context(**BROWSER)
        page = login(context, url, "courier_hq_manager", "courier_hq_manager")
        if want("courier_complaints"):
            page.goto(f"{url}/odoo/action-complaint_courier.complaint_complaint_action_courier")
            shoot(page, out, "courier_complaints", ".o_list_view .o_data_row")
        if want("courier_complaint_form"):
            # a fined complaint: the ribbon, the fines button and the article applied
            open_record(
                page,
                url,
                "complaint_courier.complaint_complaint_action_courier",
                "complaint.complaint",
                [("sector", "=", "courier"), ("courier_breach_state", "=", "fined")],
                "id",
            )
            page.wait_for_selector(".o_form_view .o_field_widget[name=subject]")
            show_tab(page, "courier")
            shoot(page, out, "courier_complaint_form", ".o_field_widget[name=courier_outlet_id]")
        if want("courier_outlets"):
            page.goto(f"{url}/odoo/action-complaint_courier.courier_outlet_action")
            shoot(page, out, "courier_outlets", ".o_kanban_record")
        if want("courier_outlet_form"):
            open_record(
                page,
                url,
                "complaint_courier.courier_outlet_action",
                "courier.outlet",
                [("kind", "=", "outlet")],
                "id",
            )
            shoot(page, out, "courier_outlet_form", ".o_form_view .o_notebook")
        if want("courier_claims"):
            page.goto(f"{url}/odoo/action-complaint_courier.courier_claim_action")
            shoot(page, out, "courier_claims", ".o_list_view .o_data_row")
        if want("courier_fine_schedule"):
            page.goto(f"{url}/odoo/action-complaint_courier.complaint_penalty_rule_action_courier")
            shoot(page, out, "courier_fine_schedule", ".o_list_view .o_data_row")
        if want("courier_statement"):
            page.goto(f"{url}/odoo/action-complaint_courier.courier_outlet_statement_action")
            page.wait_for_selector(".modal .o_field_widget[name=date_from]")
            page.click(".modal .modal-title")  # the first field's focus would select its text
            shoot(page, out, "courier_statement", ".modal .o_field_widget[name=date_to]")
            page.click(".modal .btn-close")
        if want("courier_network_management"):
            page.goto(f"{url}/odoo/action-complaint_courier.courier_referral_action")
            shoot(page, out, "courier_network_management", ".o_list_view .o_data_row")
        context.close()

    if not wanted or wanted & AUTOMOTIVE_SCREENS:
        context = browser.new_context(**BROWSER)
        page = login(context, url, "auto_care", "auto_care")
        if want("automotive_complaints"):
            page.goto(f"{url}/odoo/action-complaint_automotive.complaint_complaint_action_automotive")
            shoot(page, out, "automotive_complaints", ".o_list_view .o_data_row")
        if want("automotive_complaint_form"):
            # a complaint about a vehicle: its warranty, the department and the staff's answers
            open_record(
                page,
                url,
                "complaint_automotive.complaint_complaint_action_automotive",
                "complaint.complaint",
                [("sector", "=", "automotive"), ("vehicle_id", "!=", False), ("automotive_zero_case", "=", False)],
                "id",
            )
            page.wait_for_selector(".o_form_view .o_field_widget[name=subject]")
            show_tab(page, "automotive_vehicle")
            shoot(page, out, "automotive_complaint_form", ".o_field_widget[name=automotive_vin]")
        if want("automotive_vehicles"):
            page.goto(f"{url}/odoo/action-complaint_automotive.automotive_vehicle_action")
            shoot(page, out, "automotive_vehicles", ".o_list_view .o_data_row")
        if want("automotive_scripts"):
            page.goto(f"{url}/odoo/action-complaint_automotive.automotive_script_action")
            shoot(page, out, "automotive_scripts", ".o_list_view .o_data_row")
        if want("automotive_survey_scores"):
            page.goto(f"{url}/odoo/action-complaint_automotive.automotive_survey_score_action")
            shoot(page, out, "automotive_survey_scores", ".o_list_view .o_data_row")
        if want("automotive_zero_cases"):
            page.goto(f"{url}/odoo/action-complaint_automotive.complaint_complaint_action_automotive_zero")
            shoot(page, out, "automotive_zero_cases", ".o_list_view")
        if want("automotive_zero_case_form"):
            open_record(
                page,
                url,
                "complaint_automotive.complaint_complaint_action_automotive_zero",
                "complaint.complaint",
                [("automotive_zero_case", "=", True)],
                "id",
            )
            page.wait_for_selector(".o_form_view .o_field_widget[name=subject]")
            show_tab(page, "automotive_zero")
            shoot(page, out, "automotive_zero_case_form", ".o_notebook .tab-pane.active .o_group")
        if want("automotive_zero_statistics"):
            page.goto(f"{url}/odoo/action-complaint_automotive.automotive_zero_report_action")
            shoot(page, out, "automotive_zero_statistics", ".o_pivot")
        context.close()

    if not wanted or wanted & EMPLOYEE_DESK_SCREENS:
        context = browser.new_context(**BROWSER)
        page = login(context, url, "grievance_officer", "grievance_officer")
        if want("employee_grievances"):
            page.goto(f"{url}/odoo/action-complaint_employee.complaint_complaint_action_employee")
            shoot(page, out, "employee_grievances", ".o_list_view .o_data_row")
        if want("employee_grievance_form"):
            # a named grievance on its way up the chain (not the anonymous report)
            open_record(
                page,
                url,
                "complaint_employee.complaint_complaint_action_employee",
                "complaint.complaint",
                [("sector", "=", "employee"), ("is_anonymous", "=", False)],
                "id",
            )
            page.wait_for_selector(".o_form_view .o_field_widget[name=subject]")
            show_tab(page, "employee_grievance")
            shoot(page, out, "employee_grievance_form", ".o_notebook .tab-pane.active")
        context.close()

    if not wanted or wanted & EMPLOYEE_PUBLIC_SCREENS:
        visitor = browser.new_context(**BROWSER, extra_http_headers={"Accept-Language": "zh-CN"})
        page = visitor.new_page()
        if want("employee_report"):
            page.goto(f"{url}/grievance/report")
            shoot(page, out, "employee_report", "main form button[type=submit]", full_page=True)
        if want("employee_follow_up") or want("employee_follow_up_page"):
            page.goto(f"{url}/grievance/follow-up")
            page.wait_for_selector("main form input[name=code]")
            page.fill("input[name=code]", GRIEVANCE_RECEIPT[0])
            page.fill("input[name=secret]", GRIEVANCE_RECEIPT[1])
            shoot(page, out, "employee_follow_up", "main form button[type=submit]", full_page=True)
            if want("employee_follow_up_page"):
                page.click("main form button[type=submit]")
                page.wait_for_load_state("load")
                shoot(page, out, "employee_follow_up_page", "main textarea[name=body]", full_page=True)
        visitor.close()

    if want("hotline_register"):
        context = browser.new_context(**BROWSER)
        page = login(context, url, "hotline_agent", "hotline_agent")
        page.goto(f"{url}/odoo/action-complaint_hotline.complaint_complaint_action_hotline_register")
        shoot(page, out, "hotline_register", ".o_form_view .o_field_widget[name=subject]")
        context.close()

    if not wanted or wanted & (HOTLINE_SCREENS - {"hotline_register"}):
        context = browser.new_context(**BROWSER)
        page = login(context, url, "hotline_centre", "hotline_centre")
        if want("hotline_orders"):
            page.goto(f"{url}/odoo/action-complaint_hotline.complaint_complaint_action_hotline")
            shoot(page, out, "hotline_orders", ".o_list_view .o_data_row")
        if want("hotline_orders_kanban"):
            page.goto(f"{url}/odoo/action-complaint_hotline.complaint_complaint_action_hotline?view_type=kanban")
            shoot(page, out, "hotline_orders_kanban", ".o_kanban_record")
        if want("hotline_order_form"):
            # the noise order: returned by the water group, transferred to the street, signed for
            open_record(
                page,
                url,
                "complaint_hotline.complaint_complaint_action_hotline",
                "complaint.complaint",
                [("sector", "=", "hotline"), ("hotline_hop_ids", "!=", False)],
                "hotline_hop_count desc, id",
            )
            page.wait_for_selector(".o_form_view .o_field_widget[name=subject]")
            show_tab(page, "dispatch")
            shoot(page, out, "hotline_order_form", ".o_field_widget[name=hotline_hop_ids] .o_data_row")
        if want("hotline_supervision"):
            page.goto(f"{url}/odoo/action-complaint_hotline.complaint_complaint_action_hotline_supervision")
            shoot(page, out, "hotline_supervision", ".o_list_view .o_data_row")
        if (want("hotline_assessment") or want("hotline_assessment_list")) and not first_id(
            page, url, "hotline.assessment", []
        ):
            # the demo holds no assessment yet: compute this month's, as the centre does
            page.goto(f"{url}/odoo/action-complaint_hotline.hotline_assessment_wizard_action")
            page.wait_for_selector(".modal .o_field_widget[name=date_to]")
            page.click(".modal button[name=action_compute]")
            page.wait_for_timeout(2500)
        if want("hotline_assessment"):
            page.goto(f"{url}/odoo/action-complaint_hotline.hotline_assessment_action?view_type=pivot")
            shoot(page, out, "hotline_assessment", ".o_pivot")
        if want("hotline_assessment_list"):
            page.goto(f"{url}/odoo/action-complaint_hotline.hotline_assessment_action?view_type=list")
            shoot(page, out, "hotline_assessment_list", ".o_list_view .o_data_row")
        if want("hotline_knowledge"):
            page.goto(f"{url}/odoo/action-complaint_hotline.hotline_knowledge_action")
            shoot(page, out, "hotline_knowledge", ".o_list_view .o_data_row")
        context.close()

    if want("hotline_portal_orders") or want("hotline_portal_order"):
        # an outside unit (the water company) works its orders on the portal
        context = browser.new_context(**BROWSER)
        page = login(context, url, "hotline_water_portal", "hotline_water_portal")
        page.goto(f"{url}/my/hotline/orders")
        if want("hotline_portal_orders"):
            shoot(page, out, "hotline_portal_orders", "table tbody tr", full_page=True)
        if want("hotline_portal_order"):
            page.click("table tbody tr a")
            shoot(page, out, "hotline_portal_order", "main form, main .card", full_page=True)
        context.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--only", nargs="*", default=[], help="names of the screens to take (default: all)")
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    wanted = set(args.only)
    browser_path = shutil.which("chromium") or shutil.which("google-chrome")
    with sync_playwright() as p:
        # the browser's own texts (a file input's 选择文件) follow LANGUAGE on Linux;
        # Debian's Chromium needs its chromium-l10n package for them
        env = dict(os.environ, LANGUAGE="zh_CN", LANG="zh_CN.UTF-8")
        browser = p.chromium.launch(executable_path=browser_path, args=BROWSER_ARGS, env=env)
        tracking = backend(browser, args, out, wanted)
        sectors(browser, args, out, wanted)
        portal(browser, args, out, wanted, tracking)
        browser.close()


if __name__ == "__main__":
    main()
