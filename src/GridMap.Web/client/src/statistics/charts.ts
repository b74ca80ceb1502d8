// The three charts of the statistics page. Only the chart types and components used are
// registered with echarts/core, which keeps the bundle a fraction of the full build.
import * as echarts from "echarts/core";
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent, DataZoomComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import type { StatisticsData } from "./data";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

export type Chart = echarts.ECharts;

const stageColours = {
  pending: "#f0ad4e",
  inProgress: "#0d6efd",
  closed: "#198754",
  cancelled: "#adb5bd",
  parked: "#6f42c1",
} as const;

function init(id: string, data: StatisticsData): Chart | null {
  const element = document.getElementById(id);
  if (!element) return null;
  return echarts.init(element, null, { renderer: "canvas", locale: data.lang === "en" ? "EN" : "ZH" });
}

/**
 * Axis labels without the prefix all groups share ("小金口社区第6网格第1片区", "…第2片区" →
 * "第1片区", "第2片区"), so that truncation keeps the part that tells them apart.
 */
export function shortLabels(labels: string[]): string[] {
  if (labels.length < 2) return labels;
  let prefix = labels[0] ?? "";
  for (const label of labels) {
    while (prefix && !label.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  // Keep whole words of the name: cut back to the last 社区/网格/村 boundary when there is one.
  const cut = Math.max(prefix.lastIndexOf("网格") + 2, prefix.lastIndexOf("社区") + 2, prefix.lastIndexOf("村") + 1, 0);
  const length = cut > 1 ? cut : prefix.length;
  return labels.map((l) => (l.length > length ? l.slice(length) : l));
}

const percent = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);

const title = (text: string) => ({ text, left: 8, top: 4, textStyle: { fontSize: 14, fontWeight: 600 } });

/** On-time closure rate per group, best first; groups without the rate show no bar (not 0). */
export function rankChart(data: StatisticsData): Chart | null {
  const chart = init("chart-rank", data);
  if (!chart) return null;
  const groups = [...data.groups].sort((a, b) => (b.onTimeClosureRate ?? -1) - (a.onTimeClosureRate ?? -1));
  chart.setOption({
    title: title(data.text.rankTitle),
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => (v === null || v === undefined ? "—" : `${v}%`) },
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
    // Wrapped, not truncated: names of grids in different villages share no prefix to drop,
    // and a cut after the village's name made every label read the same ("小金口社区第…").
    yAxis: { type: "category", inverse: true, data: shortLabels(groups.map((g) => g.label)), axisLabel: { interval: 0, width: 132, overflow: "break", lineHeight: 14 } },
    dataZoom: groups.length > 15 ? [{ type: "inside", yAxisIndex: 0, startValue: 0, endValue: 14 }] : [],
    series: [
      {
        name: data.text.onTime,
        type: "bar",
        data: groups.map((g) => percent(g.onTimeClosureRate)),
        itemStyle: { color: "#198754" },
        label: { show: groups.length <= 15, position: "right", formatter: "{c}%" },
      },
    ],
  });
  return chart;
}

/** Cases by where they stand at the period end, stacked per group. */
export function stagesChart(data: StatisticsData): Chart | null {
  const chart = init("chart-stages", data);
  if (!chart) return null;
  const keys = ["pending", "inProgress", "closed", "cancelled", "parked"] as const;
  chart.setOption({
    title: title(data.text.stagesTitle),
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 24, left: "center", itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
    xAxis: {
      type: "category",
      data: shortLabels(data.groups.map((g) => g.label)),
      axisLabel: { interval: 0, rotate: data.groups.length > 6 ? 35 : 0, width: data.groups.length > 6 ? 140 : 90, overflow: "break", lineHeight: 14 },
    },
    dataZoom: data.groups.length > 20 ? [{ type: "inside", xAxisIndex: 0, startValue: 0, endValue: 19 }] : [],
    yAxis: { type: "value", minInterval: 1 },
    series: keys.map((key) => ({
      name: data.text[key],
      type: "bar",
      stack: "cases",
      emphasis: { focus: "series" },
      itemStyle: { color: stageColours[key] },
      data: data.groups.map((g) => g.stages[key]),
    })),
  });
  return chart;
}

/** Filed vs closed per day (or per week for long periods). */
export function trendChart(data: StatisticsData): Chart | null {
  const chart = init("chart-trend", data);
  if (!chart) return null;
  const points = data.series.points;
  chart.setOption({
    title: title(data.text.trendTitle),
    tooltip: { trigger: "axis" },
    legend: { top: 4, right: 16 },
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: "category", boundaryGap: false, data: points.map((p) => p.start.slice(5)) },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: data.text.filed, type: "line", data: points.map((p) => p.filed), itemStyle: { color: "#0d6efd" }, areaStyle: { opacity: 0.08 } },
      { name: data.text.closedSeries, type: "line", data: points.map((p) => p.closed), itemStyle: { color: "#198754" }, areaStyle: { opacity: 0.08 } },
    ],
  });
  return chart;
}
