"""Screenshots of the main screens of a running server (make run).

    pip install playwright        # uses the system Chromium, downloads nothing
    python scripts/screenshots.py [--url http://localhost:8069] [--out docs/screenshots]

Logs in as admin (interface language of the demo database: Simplified Chinese)
and saves one PNG per screen.
"""

import argparse
import pathlib
import shutil

from playwright.sync_api import sync_playwright

SCREENS = [
    ("complaints-kanban", "/odoo/action-complaint_base.complaint_complaint_action", ".o_kanban_record"),
    ("complaints-list", "/odoo/action-complaint_base.complaint_complaint_action?view_type=list", ".o_data_row"),
    ("complaint-form", None, ".o_form_view .o_field_widget[name=subject]"),
    ("complaint-form-deadlines", None, ".o_form_view"),
    ("overdue-list", "/odoo/action-complaint_base.complaint_complaint_action_overdue", ".o_list_view"),
    ("deadline-policy", "/odoo/action-complaint_base.complaint_deadline_policy_action", ".o_list_view"),
    ("sla-attainment", "/odoo/action-complaint_base.complaint_clock_action_sla", ".o_pivot"),
    ("fines", "/odoo/action-complaint_base.complaint_penalty_action", ".o_list_view"),
    ("settings", "/odoo/action-complaint_base.complaint_config_settings_action", ".app_settings_block"),
    ("api-integration", "/odoo/action-complaint_base.complaint_api_integration_action", ".o_list_view"),
    ("import-check", "/odoo/action-complaint_base.complaint_import_action", ".o_form_view"),
]

# a manufacturer's weekly list: two good rows, one without a contact
IMPORT_SAMPLE = (
    "外部编号,投诉主题,投诉人,联系电话,投诉内容,严重程度,投诉日期\n"
    "OEM-2026-0457,保养后发动机异响,赵先生,13800138001,第三次保养后仍有异响,一般,2026-11-20 09:30\n"
    "OEM-2026-0458,交车时漆面划伤,钱女士,13800138002,提车当天发现左后门划痕,重大,2026-11-21 14:00\n"
    "OEM-2026-0459,销售承诺的赠品未兑现,,,,一般,2026-11-22 10:00\n"
)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    browser_path = shutil.which("chromium") or shutil.which("google-chrome")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=browser_path,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="zh-CN")
        page.goto(f"{args.url}/web/login")
        page.fill("input[name=login]", args.login)
        page.fill("input[name=password]", args.password)
        page.click("button[type=submit]")
        page.wait_for_selector(".o_main_navbar")
        for name, path, ready in SCREENS:
            if path:
                page.goto(f"{args.url}{path}")
            elif name == "complaint-form":
                page.goto(f"{args.url}/odoo/action-complaint_base.complaint_complaint_action?view_type=list")
                page.wait_for_selector(".o_data_row")
                page.click(".o_data_row:first-child td.o_data_cell:nth-child(3)")
            elif name == "complaint-form-deadlines":
                page.click(".o_notebook .nav-link:has-text('时限')")
            page.wait_for_selector(ready, timeout=20000)
            if name == "import-check":
                sample = out / ".import-sample.csv"
                sample.write_text(IMPORT_SAMPLE, encoding="utf-8-sig")
                page.set_input_files(".o_field_binary input[type=file]", str(sample))
                page.fill(".o_field_widget[name=external_source] input", "厂家投诉平台")
                page.wait_for_timeout(800)
                page.click("button[name=action_check]")
                page.wait_for_selector(".o_field_one2many .o_data_row", timeout=20000)
                sample.unlink()
            page.wait_for_timeout(800)
            page.screenshot(path=str(out / f"{name}.png"))
            print(out / f"{name}.png")
        browser.close()


if __name__ == "__main__":
    main()
