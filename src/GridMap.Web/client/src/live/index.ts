// The live layer of the console: officers moving on the map (hub /hubs/live), geofence alerts,
// the officer panel, track replay and patrol coverage. Started by the map script once the map
// exists; everything it needs from the page is in #live-config and the containers of
// LiveToolbar.razor / LiveOverlay.razor.
import type { Map as MapLibreMap } from "maplibre-gl";
import type { MapConfig } from "../map/config";
import { readLiveConfig, text } from "./config";
import { LiveConnection, type ConnectionStatus, type Viewport } from "./connection";
import { CoverageLayer, type Coverage } from "./coverage";
import type { AlertMessage, CaseMessage, LiveOfficerDto, PositionMessage } from "./messages";
import { OfficerLayer, type DisplayedOfficer } from "./officers";
import { ReplayController, type ReplayState } from "./replay";
import { injectLiveStyles } from "./styles";
import { AlertToasts } from "./toasts";

export interface LiveHandle {
  /** Officers as drawn right now. */
  officers(): DisplayedOfficer[];
  /** Open alerts by officer. */
  alerts(): AlertMessage[];
  status(): ConnectionStatus;
  replay(): ReplayState;
  coverage(): Coverage | null;
  openOfficer(officerId: number): Promise<void>;
}

declare global {
  interface Window {
    gridmapLive?: LiveHandle;
  }
}

const PREFERENCES_KEY = "gridmap.live.v1";

/** Other parts of the console that listen to the same hub connection (the case layer). */
export interface LiveListeners {
  cases?(batch: CaseMessage[]): void;
  status?(status: ConnectionStatus): void;
}

export function startLive(map: MapLibreMap, mapConfig: MapConfig, listeners?: LiveListeners): LiveHandle | null {
  const config = readLiveConfig();
  const panel = document.getElementById("panel");
  if (!config || !panel) return null;
  injectLiveStyles();

  const officers = new OfficerLayer(map, config);
  const openAlerts = new Map<number, AlertMessage>();
  const toasts = new AlertToasts(document.getElementById("live-toasts") ?? document.createElement("div"), config, (id) => void locate(id, true));
  const replay = new ReplayController(map, document.getElementById("live-replay") ?? document.createElement("div"), config);
  const coverage = new CoverageLayer(map, mapConfig, config, document.getElementById("live-coverage") ?? document.createElement("div"));
  let status: ConnectionStatus = "connecting";

  const onAlerts = (batch: AlertMessage[]) => {
    for (const alert of batch) {
      if (alert.kind === "left_grid") openAlerts.set(alert.officerId, alert);
      else openAlerts.delete(alert.officerId);
      officers.setAlert(alert.officerId, alert.kind === "left_grid");
      toasts.show(alert);
    }
  };
  const onPositions = (batch: PositionMessage[]) => {
    officers.upsert(batch);
    // An alert can arrive before the officer's first position; the marker takes it when it appears.
    for (const p of batch) if (openAlerts.has(p.officerId)) officers.setAlert(p.officerId, true);
    showStatus(status);
  };
  const showStatus = (next: ConnectionStatus) => {
    if (next !== status) listeners?.status?.(next);
    status = next;
    const element = document.getElementById("live-status");
    if (!element) return;
    element.dataset.status = next;
    element.textContent =
      next === "live" ? text(config, "Live_Connection_Live", officers.count)
      : next === "lost" ? text(config, "Live_Connection_Lost")
      : text(config, "Live_Connection_Connecting");
  };

  const connection = new LiveConnection(config.hubUrl, {
    positions: onPositions,
    alerts: onAlerts,
    states: (batch) => officers.setStates(batch),
    cases: (batch) => listeners?.cases?.(batch),
    status: showStatus,
  });

  const viewport = (): Viewport => {
    const b = map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
  };
  let viewportTimer: number | undefined;
  map.on("moveend", () => {
    window.clearTimeout(viewportTimer);
    viewportTimer = window.setTimeout(() => connection.setViewport(viewport()), 200);
  });

  const install = () => {
    officers.install();
    coverage.install();
    wireToggles(officers, coverage);
  };
  if (map.isStyleLoaded()) install();
  else map.once("load", install);

  // A first picture from the ingest API when it is there (drawn before the socket is up); the
  // hub's own snapshot follows on connect either way.
  void loadInitial(config.showSilentForSeconds).then((initial) => {
    if (initial.length > 0) onPositions(initial);
  });
  connection.setViewport(viewport());
  void connection.start();

  // Officers are picked before the map's own click handling sees the click, so a click on an
  // officer standing on a building opens the officer, not the building.
  map.getContainer().addEventListener(
    "click",
    (event) => {
      const rect = map.getCanvas().getBoundingClientRect();
      const id = officers.hitTest({ x: event.clientX - rect.left, y: event.clientY - rect.top });
      if (id === null) return;
      event.stopPropagation();
      event.preventDefault();
      void openOfficer(id);
    },
    { capture: true },
  );
  map.on("mousemove", (e) => {
    if (officers.hitTest(e.point) !== null) map.getCanvas().style.cursor = "pointer";
  });

  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const replayButton = target?.closest<HTMLElement>("[data-live-replay]");
    if (replayButton) {
      event.preventDefault();
      const id = Number(replayButton.dataset.liveReplay);
      void replay.open(id, replayButton.dataset.name ?? officers.nameOf(id) ?? `#${id}`);
      return;
    }
    const locateButton = target?.closest<HTMLElement>("[data-live-locate]");
    if (locateButton) {
      event.preventDefault();
      void locate(Number(locateButton.dataset.liveLocate), false);
    }
  });

  // Coverage follows the side panel: a third-level grid's panel names the grid.
  const followPanel = () => {
    const grid = panel.querySelector<HTMLElement>('[data-panel="grid"][data-level="3"]');
    coverage.setGrid(grid?.dataset.code ?? null);
  };
  new MutationObserver(followPanel).observe(panel, { childList: true, subtree: true });
  followPanel();

  async function openOfficer(officerId: number): Promise<void> {
    const url = `/fragments/officers/${officerId}`;
    panel!.setAttribute("aria-busy", "true");
    try {
      if (window.htmx) {
        await window.htmx.ajax("GET", url, { source: panel!, target: panel!, swap: "innerHTML" });
      } else {
        const response = await fetch(url, { credentials: "same-origin", headers: { "HX-Request": "true" } });
        panel!.innerHTML = await response.text();
      }
    } finally {
      panel!.removeAttribute("aria-busy");
    }
  }

  async function locate(officerId: number, openPanel: boolean): Promise<void> {
    const at = officers.positionOf(officerId) ?? (() => {
      const alert = openAlerts.get(officerId);
      return alert ? ([alert.lon, alert.lat] as [number, number]) : null;
    })();
    if (at) map.flyTo({ center: at, zoom: Math.max(map.getZoom(), 16), duration: 700 });
    if (openPanel) await openOfficer(officerId);
  }

  const handle: LiveHandle = {
    officers: () => officers.displayed(),
    alerts: () => [...openAlerts.values()],
    status: () => status,
    replay: () => replay.state(),
    coverage: () => coverage.coverage,
    openOfficer,
  };
  window.gridmapLive = handle;
  return handle;
}

async function loadInitial(showSilentForSeconds: number): Promise<PositionMessage[]> {
  try {
    const response = await fetch("/api/v1/officers/live", { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) return [];
    const body = (await response.json()) as LiveOfficerDto[] | { officers?: LiveOfficerDto[] };
    const list = Array.isArray(body) ? body : body.officers ?? [];
    const oldest = Date.now() - showSilentForSeconds * 1000;
    return list
      .filter((o) => Number.isFinite(o.lat) && Number.isFinite(o.lon) && o.time && Date.parse(o.time) >= oldest)
      .map((o) => ({
        officerId: o.officerId,
        deviceId: o.deviceId ?? "",
        name: o.name ?? "",
        role: o.role ?? "",
        gridCode: o.gridCode ?? "",
        lat: o.lat,
        lon: o.lon,
        heading: o.heading ?? null,
        speed: o.speed ?? null,
        time: o.time,
        state: o.state ?? "live",
        battery: o.battery ?? null,
      }));
  } catch {
    return [];
  }
}

/** The live layer's switches, remembered per browser like the map's own. */
function wireToggles(officers: OfficerLayer, coverage: CoverageLayer): void {
  let stored: Record<string, boolean> = {};
  try {
    stored = JSON.parse(localStorage.getItem(PREFERENCES_KEY) ?? "{}") as Record<string, boolean>;
  } catch {
    stored = {};
  }
  const inputs = [...document.querySelectorAll<HTMLInputElement>("input[data-live-layer]")];
  const apply = (input: HTMLInputElement) => {
    if (input.dataset.liveLayer === "officers") officers.setVisible(input.checked);
    if (input.dataset.liveLayer === "coverage") coverage.setEnabled(input.checked);
  };
  for (const input of inputs) {
    const layer = input.dataset.liveLayer ?? "";
    if (typeof stored[layer] === "boolean") input.checked = stored[layer];
    apply(input);
    input.addEventListener("change", () => {
      apply(input);
      const state: Record<string, boolean> = {};
      for (const i of inputs) state[i.dataset.liveLayer ?? ""] = i.checked;
      try {
        localStorage.setItem(PREFERENCES_KEY, JSON.stringify(state));
      } catch {
        // Storage full or disabled: the switches reset on reload.
      }
    });
  }
}
