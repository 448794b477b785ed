import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("complaint_base_tour", {
    url: "/odoo/action-complaint_base.complaint_complaint_action",
    steps: () => [
        {
            content: "The kanban groups complaints by stage",
            trigger: ".o_kanban_renderer .o_kanban_group",
        },
        {
            content: "Register a complaint",
            trigger: ".o-kanban-button-new",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=subject] input",
            run: "edit 前台接待态度冷淡",
        },
        {
            trigger: ".o_field_widget[name=contact_name] input",
            run: "edit 孙立",
        },
        {
            trigger: ".o_field_widget[name=contact_phone] input",
            run: "edit 13711112222",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The complaint got its reference",
            trigger: ".o_form_saved .o_field_widget[name=name]:contains(TS)",
        },
        {
            content: "Acknowledge it",
            trigger: "button[name=action_acknowledge]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Acknowledged)",
        },
        {
            content: "Back to the list of complaints",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The list shows the new complaint",
            trigger: ".o_list_renderer .o_data_row td:contains(前台接待态度冷淡)",
        },
    ],
});
