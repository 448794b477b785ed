import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("complaint_courier_tour", {
    url: "/odoo/action-complaint_courier.courier_outlet_action",
    steps: () => [
        {
            content: "The outlets, as cards",
            trigger: ".o_kanban_record:contains(巡检测试网点)",
            run: "click",
        },
        {
            content: "The outlet's complaints",
            trigger: ".o_form_view .oe_stat_button[name=action_view_complaints]",
            run: "click",
        },
        {
            trigger: ".o_list_renderer .o_data_row td:contains(巡检测试不上门)",
            run: "click",
        },
        {
            content: "The courier tab: waybill, outlet, article, evidence",
            trigger: ".o_notebook .nav-link[name=courier]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=courier_waybill] input",
        },
        {
            content: "The breach is established",
            trigger: "button[name=action_courier_establish]",
            run: "click",
        },
        {
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The outlet is fined",
            trigger: ".ribbon:contains(Fined)",
        },
        {
            trigger: ".oe_stat_button[name=action_view_penalties]",
            run: "click",
        },
        {
            content: "The fine cites the article",
            trigger: ".o_list_renderer .o_data_row td:contains(STO-12)",
        },
    ],
});
