// Cases on the command-centre map: the case layer, the live case feed, case selection (URL state
// "case:ID", side panel /fragments/cases/{id}) and reporting a hazard from the console. Started
// by the map script; the hub's "cases" messages come in through the live layer's connection.
import type { Map as MapLibreMap, MapMouseEvent, PointLike } from "maplibre-gl";
import type { ConnectionStatus } from "../live/connection";
import type { CaseMessage } from "../live/messages";
import { readCaseConfig } from "./config";
import { CaseFeed, type FeedEntryView } from "./feed";
import { CaseLayer } from "./layer";
import type { CaseItem } from "./model";
import { CaseReporter } from "./report";

/** What the map script lends the case layer. */
export interface CaseHost {
  map: MapLibreMap;
  /** Selects "case:ID" (or any selection string) and loads its panel, without moving the map. */
  select(value: string | null): Promise<void>;
  interceptClicks(handler: (event: MapMouseEvent) => boolean): void;
  onSelectionChange(listener: (selection: string | null) => void): void;
  pickBuilding(point: PointLike): string | null;
}

export interface CasesHandle {
  /** Resolves once the first layer and feed loads finished. */
  ready: Promise<void>;
  cases(): CaseItem[];
  /** Case ids drawn as single symbols right now (not inside a cluster). */
  rendered(): number[];
  feed(): FeedEntryView[];
  unread(): number;
  reportMode(): boolean;
  lastReportStatus(): number | null;
  reload(): Promise<void>;
  onLive(batch: CaseMessage[]): void;
  onLiveStatus(status: ConnectionStatus): void;
}

declare global {
  interface Window {
    gridmapCases?: CasesHandle;
  }
}

/** Deadlines pass without a message; overdue marks are re-evaluated this often. */
const CLOCK_MS = 30_000;

export function startCases(host: CaseHost): CasesHandle | null {
  const config = readCaseConfig();
  if (!config) return null;
  const { map } = host;
  const layer = new CaseLayer(map, config);

  const openCase = (item: Pick<CaseItem, "id" | "lat" | "lon">) => {
    feed.markRead(item.id);
    map.flyTo({ center: [item.lon, item.lat], zoom: Math.max(map.getZoom(), 17), duration: 700 });
    void host.select(`case:${item.id}`);
  };

  const feedRoot = document.getElementById("case-feed") ?? document.createElement("section");
  const feed = new CaseFeed(feedRoot, config, openCase);

  const form = document.getElementById("case-report-form") as HTMLFormElement | null;
  const reporter = form
    ? new CaseReporter(
        map,
        config,
        form,
        document.getElementById("case-report-toggle") as HTMLButtonElement | null,
        document.getElementById("case-report-hint"),
        host.pickBuilding,
        (filed, item) => {
          // Shown at once; the hub's message for the same case follows and is merged.
          layer.upsert([item]);
          feed.push([item], false);
          feed.markRead(item.id);
          void host.select(`case:${filed.id}`);
        },
        (id) => {
          const known = layer.get(id);
          if (known) openCase(known);
          else void host.select(`case:${id}`);
        },
      )
    : null;

  host.interceptClicks((event) => {
    if (reporter?.intercept(event)) return true;
    const hit = layer.hitTest(event.point);
    if (!hit) return false;
    if (hit.kind === "cluster") void layer.expandCluster(hit.clusterId, hit.lngLat);
    else {
      feed.markRead(hit.id);
      void host.select(`case:${hit.id}`);
    }
    return true;
  });
  map.on("mousemove", (e) => {
    if (reporter?.reportMode) map.getCanvas().style.cursor = "crosshair";
    else if (layer.hitTest(e.point)) map.getCanvas().style.cursor = "pointer";
  });
  host.onSelectionChange((selection) => {
    const match = /^case:(\d+)$/.exec(selection ?? "");
    layer.setSelected(match ? Number(match[1]) : null);
  });

  let moveTimer: number | undefined;
  map.on("moveend", () => {
    window.clearTimeout(moveTimer);
    moveTimer = window.setTimeout(() => void layer.ensureLoaded(), 250);
  });
  document.querySelector<HTMLInputElement>('input[data-layer="casesClosed"]')?.addEventListener("change", () => void layer.ensureLoaded(true));

  // The case panel's actions (worklist branch) announce changes; the hub's message follows too,
  // but this console may be the only one, and the reload also picks up what the panel changed.
  document.addEventListener("gm:case-changed", () => void reload());
  window.setInterval(() => {
    layer.refreshClock();
    feed.render();
  }, CLOCK_MS);

  const reload = async () => {
    await Promise.all([layer.ensureLoaded(true), feed.load()]);
  };

  const ready = new Promise<void>((resolve) => {
    const install = () => {
      layer.install();
      void reload().then(() => resolve());
    };
    if (map.isStyleLoaded()) install();
    else map.once("load", install);
  });

  let lastStatus: ConnectionStatus = "connecting";
  const handle: CasesHandle = {
    ready,
    cases: () => layer.all(),
    rendered: () => layer.renderedIds(),
    feed: () => feed.view(),
    unread: () => feed.unread,
    reportMode: () => reporter?.reportMode ?? false,
    lastReportStatus: () => reporter?.lastStatus ?? null,
    reload,
    onLive: (batch) => {
      layer.upsert(batch);
      feed.push(batch);
    },
    onLiveStatus: (status) => {
      // Messages sent while the connection was down are lost: read the current state again.
      if (status === "live" && lastStatus === "lost") void reload();
      lastStatus = status;
    },
  };
  window.gridmapCases = handle;
  return handle;
}
