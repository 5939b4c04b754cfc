import { onWillUnmount } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import {
    ProgressBarField,
    progressBarField,
} from "@web/views/fields/progress_bar/progress_bar_field";

/**
 * A background job's progress bar that follows the job: the job tells the
 * browser of the person who asked (bus notification "reboot.job/progress")
 * at each step and when it ends, and the record is read again, so that its
 * page shows the progress, then the file or the error, without a reload.
 */
export class RebootJobProgressField extends ProgressBarField {
    setup() {
        super.setup();
        const busService = useService("bus_service");
        const onProgress = (payload) => {
            const record = this.props.record;
            if (payload.id === record.resId && !record.dirty) {
                record.load();
            }
        };
        busService.subscribe("reboot.job/progress", onProgress);
        onWillUnmount(() => busService.unsubscribe("reboot.job/progress", onProgress));
    }
}

registry.category("fields").add("reboot_job_progress", {
    ...progressBarField,
    component: RebootJobProgressField,
});
