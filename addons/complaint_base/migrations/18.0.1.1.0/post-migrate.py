"""The desk's action and menu are no longer named "Complaint Desk" (the
default team's name, with which they shared a translation: 客户投诉组) but
"Complaint Workbench"; the settings' reference prefix field is now the
sequence's technical pattern behind the prefix, year and separator fields.
Their old translations are dropped here; Odoo loads the new ones (投诉工作台)
from the catalogues right after this script, and does not overwrite a
translation that is still there."""

from odoo.tools import SQL


def migrate(cr, version):
    for table, xmlid in (
        ("ir_act_window", "complaint_complaint_action_desk"),
        ("ir_ui_menu", "complaint_desk_menu"),
    ):
        cr.execute(
            SQL(
                """
                UPDATE %(table)s t
                   SET name = jsonb_build_object('en_US', t.name->>'en_US')
                  FROM ir_model_data d
                 WHERE d.module = 'complaint_base' AND d.name = %(xmlid)s AND d.res_id = t.id
                   AND t.name ? 'en_US'
                """,
                table=SQL.identifier(table),
                xmlid=xmlid,
            )
        )
    cr.execute(
        """
        UPDATE ir_model_fields
           SET field_description = jsonb_build_object('en_US', field_description->>'en_US'),
               help = CASE WHEN help IS NULL THEN NULL ELSE jsonb_build_object('en_US', help->>'en_US') END
         WHERE model = 'res.config.settings' AND name = 'complaint_reference_prefix'
        """
    )
