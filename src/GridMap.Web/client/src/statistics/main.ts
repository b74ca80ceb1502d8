// Entry point of the statistics page bundle: the charts, the sortable table and the period picker.
import { readData } from "./data";
import { rankChart, stagesChart, trendChart, type Chart } from "./charts";
import { makeSortable } from "./table";

declare global {
  interface Window {
    /** The page's chart instances, for the browser tests and the console. */
    gmStatistics?: { charts: Record<string, Chart> };
  }
}

function wirePeriodPicker(): void {
  const form = document.getElementById("stats-form") as HTMLFormElement | null;
  if (!form) return;
  const apply = () => {
    const mode = (form.querySelector<HTMLInputElement>('input[name="period"]:checked')?.value ?? "month");
    form.querySelectorAll<HTMLElement>("[data-period]").forEach((element) => {
      const active = element.dataset.period === mode;
      element.hidden = !active;
      // Only the chosen period's fields go into the query string.
      element.querySelectorAll<HTMLInputElement>("input").forEach((input) => (input.disabled = !active));
    });
  };
  form.querySelectorAll<HTMLInputElement>('input[name="period"]').forEach((r) => r.addEventListener("change", apply));
  apply();
}

function start(): void {
  wirePeriodPicker();
  const table = document.getElementById("stats-table") as HTMLTableElement | null;
  if (table) makeSortable(table);

  const data = readData();
  if (!data) return;
  const charts: Record<string, Chart> = {};
  for (const [name, make] of [["rank", rankChart], ["stages", stagesChart], ["trend", trendChart]] as const) {
    const chart = make(data);
    if (chart) charts[name] = chart;
  }
  window.gmStatistics = { charts };

  let pending = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => Object.values(charts).forEach((c) => c.resize()));
  });
}

start();
