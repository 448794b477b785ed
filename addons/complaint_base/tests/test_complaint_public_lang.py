"""Pages served to visitors without an account (tracking link, public form)
read in the visitor's browser language when it is installed, else in the
company's language -- not in English by default."""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestComplaintPublicLang(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["res.lang"]._activate_lang("en_US")  # a Chinese database may have retired English
        cls.env["ir.module.module"]._load_module_terms(["complaint_base", "portal", "mail"], ["zh_CN"], overwrite=True)
        cls.complaint = cls.env["complaint.complaint"].create(
            {"subject": "快件破损", "contact_name": "钱女士", "contact_phone": "13900002222"}
        )
        cls.complaint._portal_ensure_token()
        cls.url = f"/my/complaints/{cls.complaint.id}?access_token={cls.complaint.access_token}"

    def _open(self, url, accept_language=None):
        self.opener.cookies.clear()
        headers = {"Accept-Language": accept_language} if accept_language else {}
        response = self.url_open(url, headers=headers)
        self.assertEqual(response.status_code, 200)
        return response

    def test_no_browser_language_reads_the_company_language(self):
        self.env.company.partner_id.lang = "zh_CN"
        page = self._open(self.url)
        self.assertIn("消息", page.text)
        self.assertNotIn(">Messages<", page.text)
        # the page's scripts load their texts (the chatter) in the language of the cookie
        self.assertEqual(self.opener.cookies.get("frontend_lang"), "zh_CN")
        form = self._open("/complaint/new")
        self.assertIn("提交投诉", form.text)

    def test_first_installed_browser_language_wins(self):
        self.env.company.partner_id.lang = "en_US"
        # Japanese is not installed: the next language of the browser is served
        page = self._open(self.url, "ja-JP,ja;q=0.9,zh-CN;q=0.8,en;q=0.5")
        self.assertIn("消息", page.text)
        self.assertEqual(self.opener.cookies.get("frontend_lang"), "zh_CN")
        # an English browser reads English
        page = self._open(self.url, "en-US,en;q=0.9")
        self.assertIn(">Messages<", page.text.replace("\n", "").replace(" ", ""))

    def test_a_language_chosen_in_the_address_is_kept(self):
        self.env.company.partner_id.lang = "en_US"
        page = self._open(f"/zh_CN{self.url}", "en-US,en;q=0.9")
        self.assertIn("消息", page.text)
        # the form posted next (no language in its address) follows the choice
        self.assertEqual(self.opener.cookies.get("frontend_lang"), "zh_CN")
