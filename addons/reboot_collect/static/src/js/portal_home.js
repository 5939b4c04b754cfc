import { PortalHomeCounters } from "@portal/js/portal";

/**
 * Sale and account show "Your Orders" and "Your Invoices" on every portal
 * home, even empty. A donor organisation buys nothing: on its home they show
 * only when it has orders or invoices (the page marks a donor's home).
 */
PortalHomeCounters.include({
    _getCountersAlwaysDisplayed() {
        const counters = this._super(...arguments);
        if (!this.el.querySelector(".o_reboot_donor_home")) {
            return counters;
        }
        return counters.filter((name) => !["order_count", "invoice_count"].includes(name));
    },
});
