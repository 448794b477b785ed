"""complaint.penalty.courier_outlet_id is no longer computed: it is written
when the fine is created, for fines of an outlet (or of a respondent that is
an outlet) only.  Fines of handlers and team leaders that the old compute
put on the complaint's outlet leave the outlet's statement and portal."""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE complaint_penalty p
           SET courier_outlet_id = NULL
         WHERE p.courier_outlet_id IS NOT NULL
           AND (p.payer_type NOT IN ('outlet', 'respondent')
                OR NOT EXISTS (SELECT 1 FROM courier_outlet o
                                WHERE o.id = p.courier_outlet_id AND o.partner_id = p.partner_id))
        """
    )
