import { registry } from "@web/core/registry";

// One short tour per role, as the desk is met in Chinese (the tests run them
// with the user's language set to zh_CN). Triggers are stable selectors; the
// Chinese texts checked are the ones a user reads.

const tours = registry.category("web_tour.tours");

// the clerk: the app tile opens the desk; 登记投诉 opens the registration wizard
tours.add("complaint_desk_clerk_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "The 投诉 app",
            trigger: ".o_app[data-menu-xmlid='complaint_base.complaint_menu_root']",
            run: "click",
        },
        {
            content: "The desk is named as the team calls it, not after the default team",
            trigger: ".o_control_panel .o_breadcrumb:contains(投诉工作台)",
        },
        {
            content: "The desk opens as a kanban, with 登记投诉 in the control panel",
            trigger: ".o_control_panel_main_buttons button.o_complaint_register:contains(登记投诉)",
            run: "click",
        },
        {
            content: "The registration wizard, in Chinese",
            trigger: ".modal .modal-title:contains(登记投诉)",
        },
        {
            trigger: ".modal .o_field_widget[name=subject] input",
            run: "edit 快递员态度恶劣",
        },
        {
            trigger: ".modal .o_field_widget[name=contact_name] input",
            run: "edit 周敏",
        },
        {
            trigger: ".modal .o_field_widget[name=contact_phone] input",
            run: "edit 13755556666",
        },
        {
            trigger: ".modal .o_field_widget[name=description] textarea",
            run: "edit 快递员送件时态度恶劣，拒绝送货上门。",
        },
        {
            trigger: ".modal .o_field_widget[name=read_back_confirmed] input",
            run: "click",
        },
        {
            content: "登记",
            trigger: ".modal-footer button[name=action_register]:contains(登记)",
            run: "click",
        },
        {
            content: "The new complaint, with its reference",
            trigger: ".o_form_view .o_field_widget[name=name]:contains(TS)",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=subject] textarea, .o_form_view .o_field_widget[name=subject] input",
            run() {
                const value = this.anchor.value;
                if (value !== "快递员态度恶劣") {
                    throw new Error(`unexpected subject ${value}`);
                }
            },
        },
    ],
});

// the handler: an assigned complaint — a call, in progress, validity and resolution, resolved
tours.add("complaint_desk_handler_tour", {
    url: "/odoo/complaint-desk",
    steps: () => [
        {
            content: "The handler's complaint on the desk",
            trigger: ".o_kanban_record:contains(包裹破损无人处理)",
            run: "click",
        },
        {
            content: "记录通话",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_log_call]:contains(记录通话)",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: "edit 已致电投诉人，承诺三日内答复。",
        },
        {
            content: "记录",
            trigger: ".modal-footer button[name=action_confirm]:contains(记录)",
            run: "click",
        },
        {
            content: "The call is in the chatter",
            trigger: ".o-mail-Message:contains(已致电投诉人)",
        },
        {
            content: "Move it to 处理中",
            trigger: ".o_statusbar_status button:contains(处理中)",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(处理中)",
        },
        {
            content: "The investigation tab: decide the validity",
            trigger: ".o_notebook .nav-link[name=investigation]:contains(调查)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=validity] select",
            run: 'select "valid"',
        },
        {
            content: "The resolution tab: write the resolution",
            trigger: ".o_notebook .nav-link[name=resolution]:contains(处理结果)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=resolution] .odoo-editor-editable",
            run: "editor 已为投诉人补发商品并赔偿运费。",
        },
        {
            content: "解决",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_resolve]:contains(解决)",
            run: "click",
        },
        {
            content: "The complaint is resolved",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(已解决)",
        },
    ],
});

// the manager: the overdue list from the menu, then a proposed fine, confirmed
tours.add("complaint_desk_manager_tour", {
    url: "/odoo/complaint-desk",
    steps: () => [
        {
            content: "The 投诉 menu",
            trigger: ".o_main_navbar .o_menu_sections [data-menu-xmlid='complaint_base.complaint_menu_main']",
            run: "click",
        },
        {
            content: "逾期",
            trigger: ".o-dropdown--menu [data-menu-xmlid='complaint_base.complaint_complaint_menu_overdue']",
            run: "click",
        },
        {
            content: "The overdue list shows the late complaint",
            trigger: ".o_list_renderer .o_data_row td:contains(逾期测试投诉)",
        },
        {
            trigger: ".o_main_navbar .o_menu_sections [data-menu-xmlid='complaint_base.complaint_menu_main']",
            run: "click",
        },
        {
            content: "罚款",
            trigger: ".o-dropdown--menu [data-menu-xmlid='complaint_base.complaint_penalty_menu']",
            run: "click",
        },
        {
            content: "The proposed fine",
            trigger: ".o_list_renderer .o_data_row td:contains(经理确认测试)",
            run: "click",
        },
        {
            content: "确认",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_confirm]:contains(确认)",
            run: "click",
        },
        {
            content: "The fine is confirmed",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(已确认)",
        },
    ],
});

// the administrator: Settings → Complaints shows the working hours; Configuration → deadline policies
tours.add("complaint_desk_admin_tour", {
    url: "/odoo/complaint-desk",
    steps: () => [
        {
            content: "配置",
            trigger: ".o_main_navbar .o_menu_sections [data-menu-xmlid='complaint_base.complaint_menu_config']",
            run: "click",
        },
        {
            content: "设置",
            trigger: ".o-dropdown--menu [data-menu-xmlid='complaint_base.complaint_config_settings_menu']",
            run: "click",
        },
        {
            content: "The Complaints settings show the default working hours",
            trigger: ".o_setting_box .o_field_widget[name=complaint_calendar_id] input",
        },
        {
            trigger: ".o_setting_box button[name=action_complaint_edit_calendar]:contains(编辑工作时间)",
        },
        {
            trigger: ".o_main_navbar .o_menu_sections [data-menu-xmlid='complaint_base.complaint_menu_config']",
            run: "click",
        },
        {
            content: "时限策略",
            trigger: ".o-dropdown--menu [data-menu-xmlid='complaint_base.complaint_deadline_policy_menu']",
            run: "click",
        },
        {
            content: "A deadline policy",
            trigger: ".o_list_renderer .o_data_row:first .o_data_cell",
            run: "click",
        },
        {
            content: "Its clock lines read in Chinese",
            trigger: ".o_form_view .o_breadcrumb:contains(时限策略)",
        },
    ],
});

// the citizen: the public form, filled and sent; the reference is shown
tours.add("complaint_public_form_tour", {
    url: "/zh_CN/complaint/new",
    steps: () => [
        {
            content: "The public form, in Chinese",
            trigger: "form button[type=submit]:contains(提交投诉)",
        },
        {
            trigger: "form input[name=subject]",
            run: "edit 营业厅排队时间过长",
        },
        {
            trigger: "form textarea[name=description]",
            run: "edit 周六上午在营业厅排队两个小时仍未办理业务。",
        },
        {
            trigger: "form input[name=contact_name]",
            run: "edit 陈静",
        },
        {
            trigger: "form input[name=contact_phone]",
            run: "edit 13600001111",
        },
        {
            trigger: "form input[name=consent]",
            run: "click",
        },
        {
            content: "A person takes a few seconds to fill the form (the form refuses robots' speed)",
            trigger: "form input[name=consent]:checked",
            run: () => new Promise((resolve) => setTimeout(resolve, 3500)),
        },
        {
            content: "提交投诉",
            trigger: "form button[type=submit]",
            run: "click",
        },
        {
            content: "The reference of the complaint",
            trigger: "h1:contains(我们已收到您的投诉)",
        },
        {
            trigger: "p.lead strong:contains(TS)",
        },
        {
            content: "The tracking link",
            trigger: "a[href*='/my/complaints/']",
            run: "click",
        },
        {
            content: "The tracking page: no message yet, said in Chinese (not Odoo's English empty thread)",
            trigger: "#chatterRoot:shadow .o_complaint_thread_empty:contains(暂无往来消息)",
        },
        {
            content: "mail's own texts of the chatter are Chinese too",
            trigger: "#chatterRoot:shadow button.o-mail-Composer-attachFiles[title='附加文件']",
        },
    ],
});
