import { registry } from "@web/core/registry";
import { graphView } from "@web/views/graph/graph_view";
import { GraphRenderer } from "@web/views/graph/graph_renderer";

// late red, on time green, pending grey: the SLA graph reads at a glance
export const SLA_RESULT_COLORS = { late: "#dc3545", on_time: "#28a745", pending: "#adb5bd" };

export class ComplaintSlaGraphRenderer extends GraphRenderer {
    _slaColorByLabel() {
        const field = this.model.metaData.fields.result;
        const colors = {};
        for (const [value, label] of field?.selection || []) {
            if (SLA_RESULT_COLORS[value]) {
                colors[label] = SLA_RESULT_COLORS[value];
            }
        }
        return colors;
    }

    getBarChartData() {
        const data = super.getBarChartData();
        const colors = this._slaColorByLabel();
        for (const dataset of data.datasets) {
            if (colors[dataset.label]) {
                dataset.backgroundColor = colors[dataset.label];
            }
        }
        return data;
    }

    getLineChartData() {
        const data = super.getLineChartData();
        const colors = this._slaColorByLabel();
        for (const dataset of data.datasets) {
            if (colors[dataset.label]) {
                dataset.borderColor = colors[dataset.label];
                dataset.pointBackgroundColor = colors[dataset.label];
            }
        }
        return data;
    }

    getPieChartData() {
        const data = super.getPieChartData();
        const colors = this._slaColorByLabel();
        const byLabel = data.labels.map((label) => colors[label]);
        if (byLabel.some(Boolean)) {
            for (const dataset of data.datasets) {
                if (Array.isArray(dataset.backgroundColor)) {
                    dataset.backgroundColor = dataset.backgroundColor.map(
                        (color, index) => byLabel[index] || color
                    );
                    dataset.hoverBackgroundColor = dataset.backgroundColor;
                }
            }
        }
        return data;
    }
}

registry.category("views").add("complaint_sla_graph", {
    ...graphView,
    Renderer: ComplaintSlaGraphRenderer,
});
