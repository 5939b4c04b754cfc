/** @odoo-module **/

import { waitUntil } from "@odoo/hoot-dom";
import { registry } from "@web/core/registry";
import { redirect } from "@web/core/utils/urls";

// Browse the catalogue, request a quote, sign it. Data come from the Python test.
registry.category("web_tour.tours").add("reboot_commune_quote_sign", {
    url: "/my/catalogue",
    steps: () => [
        {
            content: "an offer of the ready stock is listed",
            trigger: ".o_reboot_offer:contains(Laptop) input",
            run: "edit 2",
        },
        {
            content: "say when",
            trigger: "textarea[name=comment]",
            run: "edit Pour l'école Jules Ferry",
        },
        {
            content: "request the quote",
            trigger: ".o_reboot_request_quote",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the quotation of the commune opens: sign it",
            trigger: "a:contains('Sign')",
            run: "click",
        },
        {
            trigger: ".modal .o_web_sign_name_and_signature input",
            run: "edit Marie Officer",
        },
        {
            trigger: ".modal canvas.o_web_sign_signature",
            async run(helpers) {
                await waitUntil(() => {
                    const canvas = helpers.anchor;
                    const context = canvas.getContext("2d");
                    const data = context.getImageData(0, 0, canvas.width, canvas.height);
                    return new Uint32Array(data.data.buffer).some((pixel) => pixel !== 0);
                });
            },
        },
        {
            content: "accept and sign",
            trigger: ".modal .o_portal_sign_submit:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the order is confirmed",
            trigger: "#quote_content:contains('Thank You')",
        },
        {
            trigger: "#quote_content",
            run: () => redirect("/my"),
            expectUnloadPage: true,
        },
        {
            trigger: ".o_portal_my_home",
        },
    ],
});
