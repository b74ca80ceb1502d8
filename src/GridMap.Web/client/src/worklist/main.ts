// The worklist page (/worklist): htmx does the requests and swaps (filters, counts, sort heads,
// pager, rows opening the case panel, the panel's action forms). This module does what htmx
// cannot: refresh the list when a case changes (gm:case-changed, fired by the panel's action
// response), keep the filter form and the address bar in step with the results, and mark the
// row whose panel is open.
import type { Htmx } from "htmx.org";

declare global {
  interface Window {
    htmx?: Htmx;
  }
}

const results = document.getElementById("worklist-results");
const host = document.getElementById("case-panel-host");
const form = document.getElementById("worklist-filters") as HTMLFormElement | null;
let selectedId: string | null = null;

function inner(): HTMLElement | null {
  return results?.querySelector<HTMLElement>("[data-url]") ?? null;
}

/** Marks the row of the open panel, after every swap of the results too. */
function markSelected(): void {
  results?.querySelectorAll<HTMLElement>("tr[data-case-id]").forEach((row) => {
    const on = row.dataset.caseId === selectedId;
    row.classList.toggle("table-active", on);
    row.setAttribute("aria-selected", on ? "true" : "false");
  });
}

/** The results tell which state and sort they show: the form follows, so its next change keeps them. */
function syncForm(): void {
  const current = inner();
  if (!current || !form) return;
  const state = form.elements.namedItem("state") as HTMLInputElement | null;
  if (state) state.value = current.dataset.state ?? "";
  const sort = form.elements.namedItem("sort") as HTMLSelectElement | null;
  if (sort && current.dataset.sort) sort.value = current.dataset.sort;
  if (current.dataset.pageUrl) {
    history.replaceState(null, "", current.dataset.pageUrl);
    // The export takes exactly the filters shown: the results' query string, without the page.
    const exportLink = document.getElementById("worklist-export") as HTMLAnchorElement | null;
    if (exportLink) {
      const query = new URLSearchParams(current.dataset.pageUrl.split("?")[1] ?? "");
      query.delete("page");
      const text = query.toString();
      exportLink.href = "/worklist/export.csv" + (text ? `?${text}` : "");
    }
  }
}

async function refresh(): Promise<void> {
  const url = inner()?.dataset.url;
  if (!url || !results) return;
  if (window.htmx) {
    await window.htmx.ajax("GET", url, { source: results, target: results, swap: "innerHTML" });
  } else {
    const response = await fetch(url, { credentials: "same-origin", headers: { "HX-Request": "true" } });
    if (response.ok) results.innerHTML = await response.text();
  }
  syncForm();
  markSelected();
}

document.addEventListener("htmx:after:swap", (event) => {
  const target = event.target as Node | null;
  if (results && target && results.contains(target)) {
    syncForm();
    markSelected();
  }
});

results?.addEventListener("click", (event) => {
  const row = (event.target as HTMLElement).closest<HTMLElement>("tr[data-case-id]");
  if (row) {
    selectedId = row.dataset.caseId ?? null;
    markSelected();
  }
});

// Rows are focusable: Enter opens the panel as a click does.
results?.addEventListener("keydown", (event) => {
  const row = (event.target as HTMLElement).closest<HTMLElement>("tr[data-case-id]");
  if (row && event.key === "Enter") row.click();
});

host?.addEventListener("click", (event) => {
  if ((event.target as HTMLElement).closest("[data-panel-close]")) {
    selectedId = null;
    markSelected();
    const empty = document.createElement("div");
    empty.className = "gm-panel-empty";
    empty.textContent = host.dataset.emptyText ?? "";
    host.replaceChildren(empty);
  }
});

document.addEventListener("gm:case-changed", () => {
  void refresh();
});

syncForm();
