"""Callback hops carry their own outcome now (a re-handled order is called
back again and each callback counts with what the caller said then).  The
callbacks recorded before keep the outcome their order holds, which is all
that was stored; the orders' partial index of the former count goes."""


def migrate(cr, version):
    cr.execute(
        """UPDATE hotline_hop h
              SET callback_satisfaction = o.hotline_satisfaction, callback_resolved = o.hotline_resolved
             FROM complaint_complaint o
            WHERE h.order_id = o.id AND h.kind = 'callback' AND h.callback_satisfaction IS NULL"""
    )
    cr.execute("DROP INDEX IF EXISTS complaint_complaint_hotline_callback_index")
