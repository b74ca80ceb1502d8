// Patrol coverage of the selected third-level grid: its buildings coloured by the last patrol
// that passed them (today / not today / not for N days), from GET /api/v1/coverage, painted as
// feature state on a second copy of the building tiles, plus a small card with the numbers.
import type { Map as MapLibreMap } from "maplibre-gl";
import { tileUrl, type MapConfig } from "../map/config";
import { ids as mapIds } from "../map/layers";
import { clock, day, text, type LiveConfig } from "./config";

interface CoverageBuilding {
  buildingId: number;
  address: string;
  lastVisit: string | null;
}

export interface Coverage {
  gridCode: string;
  buildings: number;
  visited: number;
  percent: number;
  days: number;
  visitedBuildingIds: number[];
  /** Not visited in the period, but within the last `days` days. */
  notVisitedBuildingIds: number[];
  notVisitedSince: CoverageBuilding[];
}

const SOURCE = "live-coverage";
const LAYER = "live-coverage-fill";
const LIST_LIMIT = 8;
const colours = { visited: "#2f9e44", idle: "#f59f00", overdue: "#e03131" };

export class CoverageLayer {
  private enabled = false;
  private installed = false;
  private grid: string | null = null;
  private painted: number[] = [];
  private request = 0;
  private current: Coverage | null = null;

  constructor(
    private readonly map: MapLibreMap,
    private readonly mapConfig: MapConfig,
    private readonly config: LiveConfig,
    private readonly card: HTMLElement,
  ) {}

  get coverage(): Coverage | null {
    return this.current;
  }

  install(): void {
    if (this.installed) return;
    // The same building tiles as the map's building layer, with the id promoted so that
    // feature state can colour each building without shipping its geometry again.
    this.map.addSource(SOURCE, {
      type: "vector",
      tiles: [tileUrl(this.mapConfig, "buildings")],
      minzoom: 14,
      maxzoom: 18,
      promoteId: { buildings: "id" },
    });
    this.map.addLayer(
      {
        id: LAYER,
        type: "fill",
        source: SOURCE,
        "source-layer": "buildings",
        minzoom: 14,
        layout: { visibility: this.enabled ? "visible" : "none" },
        paint: {
          "fill-color": [
            "match", ["feature-state", "coverage"],
            "visited", colours.visited,
            "idle", colours.idle,
            "overdue", colours.overdue,
            "rgba(0,0,0,0)",
          ],
          "fill-opacity": ["case", ["==", ["feature-state", "coverage"], null], 0, 0.85],
        },
      },
      this.map.getLayer(mapIds.buildingsOutline) ? mapIds.buildingsOutline : undefined,
    );
    this.installed = true;
  }

  setEnabled(on: boolean): void {
    this.enabled = on;
    if (this.installed) this.map.setLayoutProperty(LAYER, "visibility", on ? "visible" : "none");
    this.card.hidden = !on;
    if (on) void this.refresh();
  }

  /** The grid whose coverage to show (a third-level grid panel is open), or null. */
  setGrid(code: string | null): void {
    if (code === this.grid) return;
    this.grid = code;
    if (this.enabled) void this.refresh();
  }

  async refresh(): Promise<void> {
    const request = ++this.request;
    this.clearPaint();
    this.current = null;
    if (!this.grid) {
      this.showMessage(text(this.config, "Live_Coverage_Pick"));
      return;
    }
    this.showMessage(text(this.config, "Live_Coverage_Loading"));
    try {
      const response = await fetch(`/api/v1/coverage?grid=${encodeURIComponent(this.grid)}`, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) throw new Error(String(response.status));
      const coverage = (await response.json()) as Coverage;
      if (request !== this.request) return; // a newer grid was picked meanwhile
      this.current = coverage;
      this.paint(coverage);
      this.showCoverage(coverage);
    } catch {
      if (request === this.request) this.showMessage(text(this.config, "Live_Coverage_Failed"));
    }
  }

  private paint(coverage: Coverage): void {
    if (!this.installed) return;
    const visited = new Set(coverage.visitedBuildingIds);
    const overdue = new Set(coverage.notVisitedSince.map((b) => b.buildingId));
    const all = new Set([...visited, ...overdue]);
    for (const id of all) {
      const state = visited.has(id) ? "visited" : "overdue";
      this.map.setFeatureState({ source: SOURCE, sourceLayer: "buildings", id }, { coverage: state });
    }
    this.painted = [...all];
    for (const id of coverage.notVisitedBuildingIds) {
      this.map.setFeatureState({ source: SOURCE, sourceLayer: "buildings", id }, { coverage: "idle" });
      this.painted.push(id);
    }
  }

  private clearPaint(): void {
    if (!this.installed) return;
    for (const id of this.painted) {
      this.map.removeFeatureState({ source: SOURCE, sourceLayer: "buildings", id });
    }
    this.painted = [];
  }

  private showMessage(message: string): void {
    const div = document.createElement("div");
    div.className = "gm-live-coverage-message";
    div.textContent = message;
    this.card.replaceChildren(this.title(), div);
  }

  private showCoverage(coverage: Coverage): void {
    const summary = document.createElement("div");
    summary.className = "gm-live-coverage-summary";
    summary.dataset.testid = "coverage-summary";
    summary.textContent = text(this.config, "Live_Coverage_Summary", coverage.visited, coverage.buildings, coverage.percent);
    const bar = document.createElement("div");
    bar.className = "gm-share-bar gm-live-coverage-bar";
    const fill = document.createElement("span");
    fill.style.width = `${Math.min(100, coverage.percent)}%`;
    bar.append(fill);
    const overdue = document.createElement("div");
    overdue.className = "gm-live-coverage-overdue";
    overdue.textContent = text(this.config, "Live_Coverage_Overdue", coverage.days, coverage.notVisitedSince.length);
    const list = document.createElement("ul");
    list.className = "gm-live-coverage-list";
    for (const building of coverage.notVisitedSince.slice(0, LIST_LIMIT)) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = `/?sel=building:${building.buildingId}`;
      link.dataset.select = `building:${building.buildingId}`;
      link.textContent = building.address;
      const last = document.createElement("span");
      last.className = "gm-muted";
      last.textContent = building.lastVisit ? ` ${day(this.config, building.lastVisit)} ${clock(this.config, building.lastVisit)}` : ` ${text(this.config, "Live_Coverage_Never")}`;
      item.append(link, last);
      list.append(item);
    }
    this.card.replaceChildren(this.title(coverage.gridCode), summary, bar, overdue, list);
  }

  private title(code?: string): HTMLElement {
    const title = document.createElement("div");
    title.className = "gm-live-coverage-title";
    title.textContent = code ? `${text(this.config, "Live_Coverage_Title")} · ${code}` : text(this.config, "Live_Coverage_Title");
    return title;
  }
}
