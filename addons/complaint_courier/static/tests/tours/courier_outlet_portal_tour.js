import { registry } from "@web/core/registry";

// the outlet manager, on the portal in Chinese: the outlet's complaints, one of them, answered
registry.category("web_tour.tours").add("courier_outlet_portal_tour", {
    url: "/my/outlet/complaints",
    steps: () => [
        {
            content: "The outlet's complaints, one to answer",
            trigger: "tr:contains(门户巡检不上门) .badge:contains(待答复)",
        },
        {
            content: "Open it",
            trigger: "tr:contains(门户巡检不上门) a[href^='/my/outlet/complaints/']",
            run: "click",
        },
        {
            content: "The complaint waits for the outlet's answer",
            trigger: "h5:contains(网点答复)",
        },
        {
            trigger: "form[action$='/answer'] textarea[name=answer]",
            run: "edit 已致电客户道歉，明日上门取件。",
        },
        {
            content: "提交答复",
            trigger: "form[action$='/answer'] button[type=submit]:contains(提交答复)",
            run: "click",
        },
        {
            content: "The answer is recorded; the complaint is under review, not new",
            trigger: ".badge:contains(已答复，总部审核中)",
        },
        {
            content: "The answer is shown as sent, with its time, read-only",
            trigger: ".o_outlet_answer:has(h5:contains(贵网点的答复)):contains(已致电客户道歉，明日上门取件。)",
        },
        {
            content: "The answer form is gone",
            trigger: "body:not(:has(form[action$='/answer']))",
        },
    ],
});
