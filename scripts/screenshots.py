"""Screenshots of the main screens of a running demo server (make run).

    pip install playwright        # uses the system Chromium, downloads nothing
    python scripts/screenshots.py [--url http://localhost:8069] [--out docs/screenshots] [--only NAME ...]

The back office is taken as the demo administrator (admin / admin), the desk as
the demo complaint manager (wanglh), the outlet portal as the demo outlet
manager of 杭州西湖网点 (outlet_xihu), the tracking page and the public form as a
visitor whose browser asks for Chinese. One PNG per screen.
"""

import argparse
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


def shoot(page, out, name, ready, full_page=False):
    page.wait_for_selector(ready, timeout=20000)
    page.wait_for_timeout(900)
    path = out / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    print(path)


def backend(browser, args, out, wanted):
    url = args.url
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
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
        context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
        page = login(context, url, "wanglh", "wanglh")
        page.goto(f"{url}/odoo/complaint-desk")
        shoot(page, out, "complaints-kanban", ".o_kanban_record")
        context.close()
    return tracking


def portal(browser, args, out, wanted, tracking):
    url = args.url

    def want(name):
        return not wanted or name in wanted

    visitor = browser.new_context(viewport=VIEWPORT, locale="zh-CN", extra_http_headers={"Accept-Language": "zh-CN"})
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
        context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
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
        browser = p.chromium.launch(executable_path=browser_path, args=BROWSER_ARGS)
        tracking = backend(browser, args, out, wanted)
        portal(browser, args, out, wanted, tracking)
        browser.close()


if __name__ == "__main__":
    main()
