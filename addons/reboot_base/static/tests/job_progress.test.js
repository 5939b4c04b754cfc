import { expect, test } from "@odoo/hoot";
import { queryText, waitUntil } from "@odoo/hoot-dom";
import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import {
    MockServer,
    defineModels,
    fields,
    getService,
    models,
    mountView,
    onRpc,
} from "@web/../tests/web_test_helpers";

class RebootJob extends models.Model {
    _name = "reboot.job";
    name = fields.Char();
    progress = fields.Integer();
    state = fields.Selection({
        selection: [
            ["queued", "Waiting"],
            ["started", "In progress"],
            ["done", "Done"],
        ],
    });
    _records = [
        { id: 1, name: "Funder workbook", progress: 0, state: "queued" },
        { id: 2, name: "Another job", progress: 0, state: "queued" },
    ];
}
defineMailModels();
defineModels([RebootJob]);

/** What the job tells the browser of the person who asked (reboot_job.py). */
function jobSays(id, values) {
    MockServer.env["reboot.job"].write([id], values);
    MockServer.env["bus.bus"]._sendone("broadcast", "reboot.job/progress", { id, ...values });
}

const progressShown = () => queryText(".o_field_reboot_job_progress").replace(/\s+/g, "");

test.tags("desktop");
test("the job's page follows the job without a reload", async () => {
    onRpc("reboot.job", "web_read", ({ args }) => {
        expect.step(`read ${args[0]}`);
    });
    await mountView({
        type: "form",
        resModel: "reboot.job",
        resId: 1,
        arch: /* xml */ `
            <form>
                <field name="state" readonly="1"/>
                <field name="progress" widget="reboot_job_progress"/>
            </form>`,
    });
    await getService("bus_service").start();
    expect.verifySteps(["read 1"]);
    expect(progressShown()).toBe("0%");

    jobSays(1, { progress: 40, state: "started" });
    await waitUntil(() => progressShown() === "40%");
    expect(".o_field_widget[name=state]").toHaveText("In progress");

    // another job's news: this page is not read again
    jobSays(2, { progress: 90, state: "started" });
    jobSays(1, { progress: 100, state: "done" });
    await waitUntil(() => progressShown() === "100%");
    expect(".o_field_widget[name=state]").toHaveText("Done");
    expect.verifySteps(["read 1", "read 1"]);
});
