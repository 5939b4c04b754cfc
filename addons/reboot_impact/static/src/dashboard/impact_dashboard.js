import { Component, onWillStart, onMounted, onWillUnmount, useRef, useState } from "@odoo/owl";
import { loadBundle } from "@web/core/assets";
import { _t } from "@web/core/l10n/translation";
import { RecordSelector } from "@web/core/record_selectors/record_selector";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";
import { formatFloat, formatInteger } from "@web/views/fields/formatters";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

/**
 * The impact dashboard: the devices' funnel in the order of their life,
 * gauges against the company's targets and grants, the monthly trend of
 * devices reused and CO2 avoided, and the donors and communes behind them.
 * Every figure opens the records it counts. The figures come from one call,
 * `reboot.impact.report.reboot_dashboard`, computed with grouped queries.
 */
export class ImpactDashboard extends Component {
    static template = "reboot_impact.ImpactDashboard";
    static components = { Layout, RecordSelector };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.trendRef = useRef("trend");
        this.state = useState({ data: null, filters: {} });
        onWillStart(async () => {
            await loadBundle("web.chartjs_lib");
            await this.load();
        });
        onMounted(() => this.renderTrend());
        onWillUnmount(() => this.chart?.destroy());
    }

    async load(filters = {}) {
        const data = await this.orm.call("reboot.impact.report", "reboot_dashboard", [
            filters,
        ]);
        this.state.data = data;
        this.state.filters = { ...data.filters };
    }

    async setFilter(name, value) {
        await this.load({ ...this.state.filters, [name]: value || false });
        this.renderTrend();
    }

    // Formatting ---------------------------------------------------------

    integer(value) {
        return formatInteger(value);
    }

    kilos(value) {
        return formatFloat(value, { digits: [false, 0] });
    }

    get funnelMax() {
        return Math.max(1, ...this.state.data.funnel.map((step) => step.value));
    }

    barWidth(value) {
        return `width: ${Math.max(value ? 2 : 0, (100 * value) / this.funnelMax)}%`;
    }

    gaugeArc(gauge) {
        return `${Math.min(100, gauge.percent)} 100`;
    }

    gaugeValue(gauge) {
        const value = gauge.currency ? formatFloat(gauge.value, { digits: [false, 0] }) : this.integer(gauge.value);
        return gauge.currency ? `${value} ${gauge.currency}` : value;
    }

    gaugeTarget(gauge) {
        const target = gauge.currency ? formatFloat(gauge.target, { digits: [false, 0] }) : this.integer(gauge.target);
        return gauge.currency ? `${target} ${gauge.currency}` : target;
    }

    // The trend chart ------------------------------------------------------

    renderTrend() {
        this.chart?.destroy();
        const canvas = this.trendRef.el;
        if (!canvas) {
            return;
        }
        const trend = this.state.data.trend;
        this.chart = new Chart(canvas, {
            data: {
                labels: trend.map((month) => month.label),
                datasets: [
                    {
                        type: "bar",
                        label: _t("Devices reused"),
                        data: trend.map((month) => month.reused),
                        backgroundColor: "#2e7d6b",
                        yAxisID: "devices",
                    },
                    {
                        type: "line",
                        label: _t("CO2 avoided (kg CO2e)"),
                        data: trend.map((month) => month.co2),
                        borderColor: "#e0a526",
                        backgroundColor: "#e0a526",
                        yAxisID: "co2",
                    },
                ],
            },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                scales: {
                    devices: {
                        position: "left",
                        beginAtZero: true,
                        ticks: { precision: 0 },
                        title: { display: true, text: _t("Devices") },
                    },
                    co2: {
                        position: "right",
                        beginAtZero: true,
                        grid: { drawOnChartArea: false },
                        title: { display: true, text: _t("kg CO2e") },
                    },
                },
                onClick: (event, elements) => {
                    if (elements.length) {
                        this.open("month", trend[elements[0].index].key);
                    }
                },
            },
        });
    }

    // Actions ---------------------------------------------------------------

    async open(kind, key = false) {
        const action = await this.orm.call("reboot.impact.report", "reboot_dashboard_open", [
            this.state.filters,
            kind,
            key,
        ]);
        await this.action.doAction(action);
    }

    async download(document) {
        const action = await this.orm.call(
            "reboot.impact.report",
            "reboot_dashboard_download",
            [this.state.filters, document]
        );
        await this.action.doAction(action);
    }
}

registry.category("actions").add("reboot_impact.dashboard", ImpactDashboard);
