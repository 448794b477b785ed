import { registry } from "@web/core/registry";

// The seat agent's keyboard-first registration: the caller number first (the
// caller's earlier calls appear at once), then the request, its type, save;
// the dispatcher dispatches it and the routing rules choose the department.
registry.category("web_tour.tours").add("hotline_register_tour", {
    url: "/odoo/action-complaint_hotline.complaint_complaint_action_hotline_register",
    steps: () => [
        {
            content: "The caller number first",
            trigger: ".o_field_widget[name=contact_phone] input",
            run: "edit 13905718888 && press Tab",
        },
        {
            content: "The caller's earlier call appears at once",
            trigger: ".o_notebook .nav-link[name=history]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=hotline_caller_history_ids] td:contains(巡检测试上次来电)",
        },
        {
            trigger: ".o_field_widget[name=subject] input",
            run: "edit 学院路88号停水一天",
        },
        {
            content: "A complaint, not a consultation",
            trigger: ".o_field_widget[name=hotline_order_type] select",
            run: 'select "complaint"',
        },
        {
            trigger: ".o_field_widget[name=contact_name] input",
            run: "edit 林先生",
        },
        {
            content: "Saved: the order is registered",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=registered]",
        },
        {
            content: "Dispatched by the routing rules",
            trigger: "button[name=action_hotline_dispatch]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=dispatched]",
        },
    ],
});
