/** @odoo-module **/

import { registry } from "@web/core/registry";

// The commune officer hands a delivered device over to a school.
registry.category("web_tour.tours").add("reboot_commune_allocate", {
    url: "/my",
    steps: () => [
        {
            content: "the officer opens the delivered devices",
            trigger: "a[href='/my/allocations']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "pick the first device",
            trigger: "form.o_reboot_allocate input[type=checkbox]",
            run: "click",
        },
        {
            trigger: "select[name=beneficiary_type]",
            run: "select school",
        },
        {
            trigger: "input[name=beneficiary_name]",
            run: "edit École Jules-Ferry",
        },
        {
            content: "allocate",
            trigger: "form.o_reboot_allocate button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the allocation is listed",
            trigger: "td:contains('École Jules-Ferry')",
        },
    ],
});
