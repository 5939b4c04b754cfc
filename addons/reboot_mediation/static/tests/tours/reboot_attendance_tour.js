/** @odoo-module **/

import { registry } from "@web/core/registry";

// The mediator marks who came to a workshop, from the back office.
registry.category("web_tour.tours").add("reboot_mediator_attendance", {
    url: "/odoo/action-reboot_mediation.event_registration_action_attendance",
    steps: () => [
        {
            content: "the beneficiary who came",
            trigger: ".o_data_row:contains('Tour Présente') button[name=action_reboot_attended]",
            run: "click",
        },
        {
            content: "the one who did not",
            trigger: ".o_data_row:contains('Tour Absente') button[name=action_reboot_absent]",
            run: "click",
        },
        {
            content: "both are recorded",
            trigger: ".o_data_row:contains('Tour Absente'):not(:has(button[name=action_reboot_absent]))",
        },
        {
            trigger: ".o_data_row:contains('Tour Présente'):not(:has(button[name=action_reboot_attended]))",
        },
    ],
});
