/** @odoo-module **/

import { registry } from "@web/core/registry";

// The donor contact asks for a pickup from the portal. Data: the Python test.
registry.category("web_tour.tours").add("reboot_donor_pickup_request", {
    url: "/my",
    steps: () => [
        {
            content: "the donor opens its pickups",
            trigger: "a[href='/my/pickups']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "and asks for a new one",
            trigger: "a[href='/my/pickups/new']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "how many laptops",
            trigger: "form.o_reboot_pickup_request .o_reboot_qty_laptop",
            run: "edit 15",
        },
        {
            content: "how many monitors",
            trigger: "form.o_reboot_pickup_request .o_reboot_qty_monitor",
            run: "edit 6",
        },
        {
            trigger: "input[name=window_start]",
            run(helpers) {
                helpers.anchor.value = "2027-01-11"; // a date picker: typed as the browser stores it
            },
        },
        {
            trigger: "input[name=window_end]",
            run(helpers) {
                helpers.anchor.value = "2027-01-22"; // a date picker: typed as the browser stores it
            },
        },
        {
            trigger: "input[name=site_contact]",
            run: "edit Accueil du siège",
        },
        {
            content: "the donor removes the drives itself",
            trigger: "#policy_donor_removed",
            run: "click",
        },
        {
            content: "send",
            trigger: "form.o_reboot_pickup_request button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the request is listed with its equipment",
            trigger: "td:contains(15)",
        },
    ],
});
