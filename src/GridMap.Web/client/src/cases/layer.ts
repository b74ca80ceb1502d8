// The case layer: the cases of the viewport (GET /api/v1/cases/map?bbox=…, GeoJSON, scoped on the
// server) merged with the hub's "cases" messages, drawn into the two GeoJSON sources of style.ts.
// The box asked for is the view grown by half its size, so panning a little costs no request.
import type { Feature, FeatureCollection, Point } from "geojson";
import type { GeoJSONSource, Map as MapLibreMap, MapGeoJSONFeature, PointLike } from "maplibre-gl";
import { text, type CaseConfig } from "./config";
import { isNewer, isOpen, isOverdue, subcategoryName, type CaseItem } from "./model";
import { CASE_NONE, caseIds } from "./style";

type Box = [number, number, number, number];

export type CaseHit = { kind: "case"; id: number } | { kind: "cluster"; clusterId: number; lngLat: [number, number] };

export class CaseLayer {
  private readonly items = new Map<number, CaseItem>();
  private loaded: Box | null = null;
  private loadedClosed = false;
  private generation = 0;
  private pendingLive: CaseItem[] | null = null;
  private selected = CASE_NONE;
  private installed = false;
  truncated = false;
  lastError: string | null = null;

  constructor(private readonly map: MapLibreMap, private readonly config: CaseConfig) {}

  install(): void {
    this.installed = true;
    this.render();
    this.applySelection();
  }

  /** Every case known now (open and, when loaded, recently closed). */
  all(): CaseItem[] {
    return [...this.items.values()];
  }

  get(id: number): CaseItem | undefined {
    return this.items.get(id);
  }

  closedWanted(): boolean {
    return document.querySelector<HTMLInputElement>('input[data-layer="casesClosed"]')?.checked ?? false;
  }

  /** Loads the view's box unless the loaded one already covers it (or force). */
  async ensureLoaded(force = false): Promise<void> {
    const view = this.viewBox();
    const wantClosed = this.closedWanted();
    if (!force && this.loaded && contains(this.loaded, view) && (this.loadedClosed || !wantClosed)) return;
    const box = grow(view, 0.5);
    const generation = ++this.generation;
    this.pendingLive = [];
    const params = new URLSearchParams({ bbox: box.map((v) => v.toFixed(6)).join(",") });
    if (wantClosed) params.set("closedDays", String(this.config.recentlyClosedDays));
    try {
      const response = await fetch(`/api/v1/cases/map?${params}`, { credentials: "same-origin", headers: { Accept: "application/geo+json" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = (await response.json()) as { features: { properties: CaseItem }[]; truncated?: boolean };
      if (generation !== this.generation) return;
      this.items.clear();
      for (const f of body.features) this.items.set(f.properties.id, f.properties);
      // Messages that arrived while the request ran are newer than (or as new as) its answer.
      for (const message of this.pendingLive ?? []) this.apply(message);
      this.loaded = box;
      this.loadedClosed = wantClosed;
      this.truncated = body.truncated === true;
      this.lastError = this.truncated ? text(this.config, "CaseMap_Truncated", body.features.length) : null;
      this.render();
    } catch (error) {
      console.warn("cases: layer load failed", error);
      this.lastError = text(this.config, "CaseMap_Load_Failed");
    } finally {
      if (generation === this.generation) this.pendingLive = null;
    }
  }

  /** Live messages (and the answer of a report): newest version per case wins. */
  upsert(batch: readonly CaseItem[]): void {
    for (const message of batch) {
      this.pendingLive?.push(message);
      this.apply(message);
    }
    this.render();
  }

  private apply(message: CaseItem): void {
    const current = this.items.get(message.id);
    if (!isNewer(message, current)) return;
    // A message may lack the feed's fields (older servers); keep what is known.
    this.items.set(message.id, { ...current, ...stripNulls(message) } as CaseItem);
  }

  setSelected(id: number | null): void {
    this.selected = id ?? CASE_NONE;
    this.applySelection();
  }

  /** Re-evaluates deadlines that passed since the last message. */
  refreshClock(): void {
    this.render();
  }

  hitTest(point: PointLike): CaseHit | null {
    if (!this.installed) return null;
    const layers = [caseIds.point, caseIds.overdueRing, caseIds.cluster, caseIds.closedPoint].filter(
      (id) => this.map.getLayer(id) && this.map.getLayoutProperty(id, "visibility") !== "none",
    );
    if (layers.length === 0) return null;
    const features: MapGeoJSONFeature[] = this.map.queryRenderedFeatures(point, { layers });
    const point_ = features.find((f) => f.layer.id === caseIds.point || f.layer.id === caseIds.closedPoint || f.layer.id === caseIds.overdueRing);
    if (point_ && point_.properties?.id !== undefined) return { kind: "case", id: Number(point_.properties.id) };
    const cluster = features.find((f) => f.layer.id === caseIds.cluster);
    if (cluster) {
      const coordinates = (cluster.geometry as Point).coordinates as [number, number];
      return { kind: "cluster", clusterId: Number(cluster.properties?.cluster_id), lngLat: coordinates };
    }
    return null;
  }

  async expandCluster(clusterId: number, lngLat: [number, number]): Promise<void> {
    const source = this.map.getSource<GeoJSONSource>(caseIds.source);
    if (!source) return;
    const zoom = await source.getClusterExpansionZoom(clusterId);
    this.map.easeTo({ center: lngLat, zoom: Math.min(zoom + 0.1, 20), duration: 500 });
  }

  /** Rendered as features of the open (clustered) or the closed source. */
  renderedIds(): number[] {
    const ids = new Set<number>();
    for (const layer of [caseIds.point, caseIds.closedPoint]) {
      if (!this.map.getLayer(layer)) continue;
      for (const f of this.map.queryRenderedFeatures({ layers: [layer] })) ids.add(Number(f.properties?.id));
    }
    return [...ids];
  }

  private render(): void {
    if (!this.installed) return;
    const now = Date.now();
    const open: Feature<Point>[] = [];
    const closed: Feature<Point>[] = [];
    for (const item of this.items.values()) {
      const feature: Feature<Point> = {
        type: "Feature",
        id: item.id,
        geometry: { type: "Point", coordinates: [item.lon, item.lat] },
        properties: {
          id: item.id,
          number: item.number,
          state: item.state,
          gridCode: item.gridCode,
          overdue: isOpen(this.config, item) && isOverdue(item, now),
          escalationLevel: item.escalationLevel ?? 0,
          label: subcategoryName(this.config, item),
        },
      };
      (isOpen(this.config, item) ? open : closed).push(feature);
    }
    const collection = (features: Feature<Point>[]): FeatureCollection<Point> => ({ type: "FeatureCollection", features });
    this.map.getSource<GeoJSONSource>(caseIds.source)?.setData(collection(open));
    this.map.getSource<GeoJSONSource>(caseIds.closedSource)?.setData(collection(this.closedWanted() ? closed : []));
  }

  private applySelection(): void {
    if (!this.installed) return;
    this.map.setFilter(caseIds.selected, ["all", ["!", ["has", "point_count"]], ["==", ["get", "id"], this.selected]]);
    this.map.setFilter(caseIds.closedSelected, ["==", ["get", "id"], this.selected]);
  }

  private viewBox(): Box {
    const b = this.map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
  }
}

function stripNulls(message: CaseItem): Partial<CaseItem> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(message)) {
    // Deadline null is news (the clock stopped); a missing name is not.
    if (value !== undefined && (value !== null || key === "deadline")) out[key] = value;
  }
  return out as Partial<CaseItem>;
}

function grow(box: Box, fraction: number): Box {
  const dx = (box[2] - box[0]) * fraction;
  const dy = (box[3] - box[1]) * fraction;
  return [
    Math.max(-180, box[0] - dx),
    Math.max(-85, box[1] - dy),
    Math.min(180, box[2] + dx),
    Math.min(85, box[3] + dy),
  ];
}

function contains(outer: Box, inner: Box): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}
