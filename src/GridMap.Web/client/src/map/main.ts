// The console's map: MapLibre GL JS over the server's vector tiles, with the side panel,
// search, layer switches and the view kept in the address bar.
import {
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type LngLatBoundsLike,
  type MapGeoJSONFeature,
  type MapMouseEvent,
  type PointLike,
} from "maplibre-gl";
import { readConfig, type MapConfig } from "./config";
import { BUILDINGS_MIN_ZOOM, gridLevelMinZoom, ids, toggleLayers, type GridLevel, type ToggleId } from "./layers";
import { Panel, parseBbox } from "./panel";
import { restorePreferences, storePreferences } from "./preferences";
import { buildStyle, buildingColour, SELECTION_NONE, type ColourBy } from "./style";
import { formatSelection, parseSelection, readSelection, readView, writeUrl, type Selection } from "./urlState";
import { startLive } from "../live/index";
import { startCases } from "../cases/index";

type Bbox = [number, number, number, number];

export interface GridMapHandle {
  map: MapLibreMap;
  /** Resolves when the map has loaded its style and first tiles and gone idle. */
  ready: Promise<void>;
  /** The current selection as "grid:CODE", "building:ID" or "case:ID", or null. */
  readonly selection: string | null;
  /** Selects as a click on a panel link would ("grid:CODE" | "building:ID" | "case:ID"), for tests and the console. */
  select(value: string | null): Promise<void>;
}

declare global {
  interface Window {
    gridmap?: GridMapHandle;
  }
}

class MapController {
  private readonly map: MapLibreMap;
  private readonly panel: Panel;
  private selection: Selection | null;
  private colourBy: ColourBy;
  private styleLoaded = false;
  /** Map clicks offered to other layers first (cases, report mode); one returning true consumes it. */
  private readonly clickInterceptors: ((event: MapMouseEvent) => boolean)[] = [];
  private readonly selectionListeners: ((selection: Selection | null) => void)[] = [];

  constructor(private readonly config: MapConfig, container: HTMLElement, panelElement: HTMLElement) {
    this.panel = new Panel(panelElement, config);
    restorePreferences();
    this.selection = readSelection();
    this.colourBy = this.readColourBy();

    const view = readView();
    const extent = config.extent;
    this.map = new MapLibreMap({
      container,
      style: buildStyle(config, this.colourBy),
      ...(view ? { center: [view.lon, view.lat], zoom: view.zoom } : { bounds: extent as LngLatBoundsLike, fitBoundsOptions: { padding: 40 } }),
      // The server has tiles from z10; further out there would be nothing to draw.
      minZoom: 10,
      maxZoom: 20,
      // A flat administrative map: rotation and pitch only confuse north-up grid sheets.
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      // CJK is drawn locally with the browser's fonts; there is no glyph server (see style.ts).
      localIdeographFontFamily: '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif',
      attributionControl: { compact: true },
      // Tiles carry the session cookie: they are scoped to the user's grids on the server.
      transformRequest: (url) => ({ url, credentials: "same-origin" }),
    });
    this.map.addControl(new NavigationControl({ showCompass: false }), "top-right");
    this.map.addControl(new ScaleControl({ unit: "metric" }), "bottom-left");
  }

  get mapInstance(): MapLibreMap {
    return this.map;
  }

  get currentSelection(): Selection | null {
    return this.selection;
  }

  start(): Promise<void> {
    const ready = new Promise<void>((resolve) => {
      this.map.once("load", () => {
        this.styleLoaded = true;
        this.applyAllToggles();
        this.highlight();
        this.map.once("idle", () => resolve());
      });
    });

    this.map.on("moveend", () => this.syncUrl());
    this.map.on("click", (e) => {
      if (this.clickInterceptors.some((intercept) => intercept(e))) return;
      void this.onMapClick(e.point);
    });
    this.map.on("mousemove", (e) => {
      this.map.getCanvas().style.cursor = this.pickBuilding(e.point) ? "pointer" : "";
    });
    this.wireToolbar();
    this.wireDocumentClicks();
    this.wireHtmxErrors();

    if (this.selection) {
      // A shared link: open its panel; fly to the grid only when the link had no view of its own.
      const fit = readView() ? undefined : "panel";
      void this.loadPanel(this.selection, fit);
    }
    this.syncUrl();
    return ready;
  }

  interceptClicks(handler: (event: MapMouseEvent) => boolean): void {
    this.clickInterceptors.push(handler);
  }

  onSelectionChange(listener: (selection: Selection | null) => void): void {
    this.selectionListeners.push(listener);
    listener(this.selection);
  }

  async select(next: Selection | null, fit?: Bbox | "panel"): Promise<void> {
    this.selection = next;
    this.highlight();
    for (const listener of this.selectionListeners) listener(next);
    this.syncUrl();
    if (!next) {
      this.panel.clear();
      return;
    }
    if (Array.isArray(fit)) {
      this.fit(fit, next);
    }
    await this.loadPanel(next, fit === "panel" ? "panel" : undefined);
  }

  private async loadPanel(selection: Selection, fit?: "panel"): Promise<void> {
    await this.panel.load(selection);
    // A newer selection may have replaced this one while it loaded.
    if (this.selection !== selection || fit !== "panel") return;
    const bbox = this.panel.bbox();
    if (bbox) this.fit(bbox, selection);
  }

  private fit(bbox: Bbox, selection: Selection): void {
    const bounds: LngLatBoundsLike = [[bbox[0], bbox[1]], [bbox[2], bbox[3]]];
    this.map.fitBounds(bounds, {
      padding: 60,
      maxZoom: selection.kind === "grid" ? 17 : 18,
      duration: 700,
    });
  }

  // ------------------------------------------------------------------ picking

  private async onMapClick(point: PointLike): Promise<void> {
    const building = this.pickBuilding(point);
    if (building) {
      await this.select({ kind: "building", id: building });
      return;
    }
    const grid = this.pickGrid(point);
    await this.select(grid ? { kind: "grid", code: grid } : null);
  }

  pickBuilding(point: PointLike): string | null {
    if (!this.styleLoaded || this.map.getZoom() < BUILDINGS_MIN_ZOOM) return null;
    const layers = [ids.rentals, ids.buildingsFill].filter((id) => this.isVisible(id));
    if (layers.length === 0) return null;
    const features = this.map.queryRenderedFeatures(point, { layers });
    // Rental circles sit on top of their building; either way the id is the building's.
    const hit = features.find((f) => f.layer.id === ids.rentals) ?? features[0];
    const id = hit?.properties?.id;
    return id === undefined || id === null ? null : String(id);
  }

  /** The deepest grid level that is switched on and drawn at this zoom wins. */
  private pickGrid(point: PointLike): string | null {
    if (!this.styleLoaded) return null;
    const zoom = this.map.getZoom();
    let best: MapGeoJSONFeature | null = null;
    let bestLevel = 0;
    for (const feature of this.map.queryRenderedFeatures(point, { layers: [ids.gridHit] })) {
      const level = Number(feature.properties?.level) as GridLevel;
      if (!(level in gridLevelMinZoom) || zoom < gridLevelMinZoom[level] || !this.isLevelOn(level)) continue;
      if (level > bestLevel) {
        best = feature;
        bestLevel = level;
      }
    }
    return best ? String(best.properties.code) : null;
  }

  private isVisible(layerId: string): boolean {
    return this.map.getLayer(layerId) !== undefined && this.map.getLayoutProperty(layerId, "visibility") !== "none";
  }

  private isLevelOn(level: GridLevel): boolean {
    const input = document.querySelector<HTMLInputElement>(`input[data-layer="grid${level}"]`);
    return input ? input.checked : true;
  }

  // ------------------------------------------------------------------ drawing state

  private highlight(): void {
    if (!this.styleLoaded) return;
    const code = this.selection?.kind === "grid" ? this.selection.code : SELECTION_NONE;
    const building = this.selection?.kind === "building" ? this.selection.id : SELECTION_NONE;
    this.map.setFilter(ids.gridSelectedLine, ["==", ["get", "code"], code]);
    this.map.setFilter(ids.gridSelectedFill, ["==", ["get", "code"], code]);
    this.map.setFilter(ids.buildingSelected, ["==", ["to-string", ["get", "id"]], building]);
  }

  private applyToggle(toggle: ToggleId, on: boolean): void {
    if (!this.styleLoaded) return;
    for (const layerId of toggleLayers[toggle]) {
      if (this.map.getLayer(layerId)) {
        this.map.setLayoutProperty(layerId, "visibility", on ? "visible" : "none");
      }
    }
  }

  private applyAllToggles(): void {
    // Browsers restore form state on back/forward, so the switches are the source of truth.
    for (const input of document.querySelectorAll<HTMLInputElement>("input[data-layer]")) {
      this.applyToggle(input.dataset.layer as ToggleId, input.checked);
    }
    this.applyColourBy(this.readColourBy());
  }

  private readColourBy(): ColourBy {
    const checked = document.querySelector<HTMLInputElement>('input[name="colour-by"]:checked');
    return checked?.value === "mode" ? "mode" : "kind";
  }

  private applyColourBy(by: ColourBy): void {
    this.colourBy = by;
    for (const group of document.querySelectorAll<HTMLElement>("[data-legend]")) {
      group.hidden = group.dataset.legend !== by;
    }
    if (this.styleLoaded) {
      this.map.setPaintProperty(ids.buildingsFill, "fill-color", buildingColour(this.config, by));
    }
  }

  private syncUrl(): void {
    const center = this.map.getCenter();
    writeUrl({ zoom: this.map.getZoom(), lat: center.lat, lon: center.lng }, this.selection);
  }

  // ------------------------------------------------------------------ page wiring

  private wireToolbar(): void {
    for (const input of document.querySelectorAll<HTMLInputElement>("input[data-layer]")) {
      input.addEventListener("change", () => {
        this.applyToggle(input.dataset.layer as ToggleId, input.checked);
        storePreferences();
      });
    }
    for (const input of document.querySelectorAll<HTMLInputElement>('input[name="colour-by"]')) {
      input.addEventListener("change", () => {
        this.applyColourBy(this.readColourBy());
        storePreferences();
      });
    }
  }

  private wireDocumentClicks(): void {
    document.addEventListener("click", (event) => {
      if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      const target = event.target instanceof Element ? event.target : null;
      if (!target) return;

      if (target.closest("[data-panel-close]")) {
        event.preventDefault();
        void this.select(null);
        return;
      }

      // Links to grids and buildings in panels and search hits: stay on the page and fly there.
      const link = target.closest<HTMLElement>("[data-select]");
      if (link) {
        const selection = parseSelection(link.dataset.select);
        if (!selection) return;
        event.preventDefault();
        const bbox = parseBbox(link.dataset.bbox);
        void this.select(selection, bbox ?? "panel");
        return;
      }

      // The language switch comes back to the current view, not to the URL the page was served with.
      const culture = target.closest<HTMLAnchorElement>("a[data-culture]");
      if (culture) {
        event.preventDefault();
        const url = new URL(culture.href);
        url.searchParams.set("returnUrl", location.pathname + location.search);
        location.assign(url.href);
      }
    });
  }

  private wireHtmxErrors(): void {
    document.addEventListener("htmx:response:error", (event) => {
      if (event.detail.ctx.response?.status === 401) {
        this.panel.sessionExpired();
      }
    });
    document.addEventListener("htmx:error", (event) => {
      // Network failures and timeouts: say so where the answer was expected.
      if (event.detail.ctx?.target === this.panel.element) {
        this.panel.message(this.config.strings.Panel_LoadFailed);
      }
    });
  }
}

function start(): void {
  const config = readConfig();
  const container = document.getElementById("map");
  const panelElement = document.getElementById("panel");
  if (!container || !panelElement) return;

  // MapLibre 6 cannot find its worker inside a bundle; build.mjs copies it next to map.js.
  setWorkerUrl(new URL(config.workerUrl, document.baseURI).href);

  let controller: MapController;
  try {
    controller = new MapController(config, container, panelElement);
  } catch (error) {
    container.classList.add("gm-map-error");
    container.textContent = config.strings.Map_NoWebGL;
    console.error(error);
    return;
  }

  const ready = controller.start();
  window.gridmap = {
    map: controller.mapInstance,
    ready,
    get selection() {
      const s = controller.currentSelection;
      return s ? formatSelection(s) : null;
    },
    select: (value) => controller.select(parseSelection(value), "panel"),
  };
  const cases = startCases({
    map: controller.mapInstance,
    select: (value) => controller.select(parseSelection(value)),
    interceptClicks: (handler) => controller.interceptClicks(handler),
    onSelectionChange: (listener) => controller.onSelectionChange((s) => listener(s ? formatSelection(s) : null)),
    pickBuilding: (point) => controller.pickBuilding(point),
  });
  startLive(controller.mapInstance, config, cases ? { cases: (batch) => cases.onLive(batch), status: (s) => cases.onLiveStatus(s) } : undefined);
}

start();
