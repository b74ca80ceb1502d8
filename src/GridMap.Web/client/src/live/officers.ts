// Officers on the map: a GeoJSON source fed from the hub, drawn as heading arrows in role colours,
// faded when stale and grey when offline, ringed in red while out of their grid. Positions glide
// from the old to the new place over about one coalescing interval, so markers move instead of
// jumping once a second.
import type { Feature, FeatureCollection, Point } from "geojson";
import type { GeoJSONSource, Map as MapLibreMap, PointLike } from "maplibre-gl";
import { roleColour, type LiveConfig } from "./config";
import { addIcons, iconId, installIconFactory } from "./icons";
import type { LiveStateCode, PositionMessage, StateMessage } from "./messages";

export const officerLayerIds = {
  source: "live-officers",
  alert: "live-officers-alert",
  marker: "live-officers",
  label: "live-officers-label",
} as const;

/** Beyond this jump an officer is moved at once: gliding across a district only misleads. */
const TELEPORT_METRES = 1500;
/** Source updates while gliding: smooth enough, and light on MapLibre's worker. */
const FRAME_MS = 50;

interface Place {
  lon: number;
  lat: number;
  heading: number | null;
}

interface Tracked {
  message: PositionMessage;
  from: Place;
  to: Place;
  start: number;
  duration: number;
  alert: boolean;
}

export interface DisplayedOfficer {
  officerId: number;
  name: string;
  lon: number;
  lat: number;
  state: LiveStateCode;
  alert: boolean;
  time: string;
}

export class OfficerLayer {
  private readonly officers = new Map<number, Tracked>();
  private installed = false;
  private visible = true;
  private frame = 0;
  private dirty = false;
  private lastRender = 0;
  private pulse: number | undefined;

  constructor(private readonly map: MapLibreMap, private readonly config: LiveConfig) {}

  get count(): number {
    return this.officers.size;
  }

  /** Adds the source and layers; call once the style has loaded. */
  install(): void {
    if (this.installed) return;
    installIconFactory(this.map);
    addIcons(this.map, new Set([...this.config.roles.map((r) => r.color), roleColour(this.config, "")]));
    this.map.addSource(officerLayerIds.source, { type: "geojson", data: this.collection(performance.now()) });
    this.map.addLayer({
      id: officerLayerIds.alert,
      type: "circle",
      source: officerLayerIds.source,
      filter: ["==", ["get", "alert"], true],
      paint: {
        "circle-radius": ["interpolate", ["linear"], ["zoom"], 12, 11, 18, 19],
        "circle-color": "rgba(224,49,49,0.18)",
        "circle-stroke-color": "#e03131",
        "circle-stroke-width": 3,
        "circle-stroke-opacity": 1,
      },
    });
    this.map.addLayer({
      id: officerLayerIds.marker,
      type: "symbol",
      source: officerLayerIds.source,
      layout: {
        "icon-image": ["get", "icon"],
        "icon-rotate": ["get", "rotation"],
        "icon-rotation-alignment": "map",
        "icon-size": ["interpolate", ["linear"], ["zoom"], 11, 0.6, 16, 1, 19, 1.25],
        "icon-allow-overlap": true,
        "icon-ignore-placement": true,
        // Live officers above stale ones above offline ones where markers overlap.
        "symbol-sort-key": ["get", "rank"],
      },
    });
    this.map.addLayer({
      id: officerLayerIds.label,
      type: "symbol",
      source: officerLayerIds.source,
      minzoom: 15,
      layout: {
        "text-field": ["get", "name"],
        "text-font": ["Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "sans-serif"],
        "text-size": 11.5,
        "text-offset": [0, 1.6],
        "text-anchor": "top",
        "text-optional": true,
      },
      paint: { "text-color": "#1f2933", "text-halo-color": "rgba(255,255,255,0.95)", "text-halo-width": 1.6 },
    });
    this.installed = true;
    this.applyVisibility();
    this.render(performance.now());
  }

  setVisible(on: boolean): void {
    this.visible = on;
    this.applyVisibility();
  }

  upsert(batch: readonly PositionMessage[]): void {
    const now = performance.now();
    for (const message of batch) {
      const existing = this.officers.get(message.officerId);
      if (existing && Date.parse(message.time) < Date.parse(existing.message.time)) continue;
      const to: Place = { lon: message.lon, lat: message.lat, heading: message.heading ?? null };
      if (!existing) {
        this.officers.set(message.officerId, { message, from: to, to, start: now, duration: 0, alert: false });
        continue;
      }
      const from = this.placeAt(existing, now);
      // A name missing from the other API's snapshot must not blank the one already known.
      const merged: PositionMessage = { ...message, name: message.name || existing.message.name, role: message.role || existing.message.role };
      const far = metres(from, to) > TELEPORT_METRES;
      existing.message = merged;
      existing.from = far ? to : from;
      existing.to = to;
      existing.start = now;
      existing.duration = far ? 0 : Math.min(1500, Math.max(300, this.config.coalescingMilliseconds));
    }
    this.schedule();
  }

  setStates(states: readonly StateMessage[]): void {
    for (const change of states) {
      const tracked = this.officers.get(change.officerId);
      if (tracked && tracked.message.time === change.lastReport) {
        tracked.message = { ...tracked.message, state: change.state };
      } else if (tracked && Date.parse(change.lastReport) >= Date.parse(tracked.message.time)) {
        tracked.message = { ...tracked.message, state: change.state };
      }
    }
    this.schedule();
  }

  setAlert(officerId: number, on: boolean): void {
    const tracked = this.officers.get(officerId);
    if (tracked) tracked.alert = on;
    this.schedule();
    this.updatePulse();
  }

  /** The officer under a screen point (with a few pixels of slack for fingers), or null. */
  hitTest(point: { x: number; y: number }): number | null {
    if (!this.installed || !this.visible) return null;
    const box: [PointLike, PointLike] = [
      [point.x - 6, point.y - 6],
      [point.x + 6, point.y + 6],
    ];
    const hits = this.map.queryRenderedFeatures(box, { layers: [officerLayerIds.marker] });
    const id = hits[0]?.properties?.officerId;
    return typeof id === "number" ? id : id ? Number(id) : null;
  }

  positionOf(officerId: number): [number, number] | null {
    const tracked = this.officers.get(officerId);
    return tracked ? [tracked.to.lon, tracked.to.lat] : null;
  }

  nameOf(officerId: number): string | null {
    return this.officers.get(officerId)?.message.name || null;
  }

  /** What is drawn right now (for the browser tests and the status line). */
  displayed(): DisplayedOfficer[] {
    const now = performance.now();
    return [...this.officers.values()].map((t) => {
      const p = this.placeAt(t, now);
      return { officerId: t.message.officerId, name: t.message.name, lon: p.lon, lat: p.lat, state: t.message.state, alert: t.alert, time: t.message.time };
    });
  }

  // ------------------------------------------------------------------ drawing

  private schedule(): void {
    this.dirty = true;
    this.requestFrame();
  }

  private requestFrame(): void {
    if (!this.installed || this.frame) return;
    this.frame = requestAnimationFrame((t) => this.tick(t));
  }

  private tick(now: number): void {
    this.frame = 0;
    const gliding = [...this.officers.values()].some((t) => now < t.start + t.duration + FRAME_MS);
    if ((this.dirty || gliding) && now - this.lastRender >= FRAME_MS) {
      this.dirty = false;
      this.render(now);
    }
    // Gliding keeps the frames coming; the extra FRAME_MS above lands every marker exactly on its place.
    if (this.dirty || gliding) this.requestFrame();
  }

  private render(now: number): void {
    this.lastRender = now;
    const source = this.map.getSource<GeoJSONSource>(officerLayerIds.source);
    if (source && this.visible) void source.setData(this.collection(now));
  }

  private collection(now: number): FeatureCollection<Point> {
    const features: Feature<Point>[] = [];
    for (const t of this.officers.values()) {
      const p = this.placeAt(t, now);
      const m = t.message;
      const shape = p.heading === null ? "dot" : "arrow";
      features.push({
        type: "Feature",
        geometry: { type: "Point", coordinates: [p.lon, p.lat] },
        properties: {
          officerId: m.officerId,
          name: m.name,
          role: m.role,
          state: m.state,
          alert: t.alert,
          icon: iconId(shape, m.state, roleColour(this.config, m.role)),
          rotation: p.heading ?? 0,
          rank: t.alert ? 3 : m.state === "live" ? 2 : m.state === "stale" ? 1 : 0,
        },
      });
    }
    return { type: "FeatureCollection", features };
  }

  private placeAt(t: Tracked, now: number): Place {
    if (t.duration <= 0 || now >= t.start + t.duration) return t.to;
    const k = easeInOut(Math.max(0, (now - t.start) / t.duration));
    return {
      lon: t.from.lon + (t.to.lon - t.from.lon) * k,
      lat: t.from.lat + (t.to.lat - t.from.lat) * k,
      heading: t.to.heading === null ? null : t.from.heading === null ? t.to.heading : turn(t.from.heading, t.to.heading, k),
    };
  }

  private applyVisibility(): void {
    if (!this.installed) return;
    for (const id of [officerLayerIds.alert, officerLayerIds.marker, officerLayerIds.label]) {
      this.map.setLayoutProperty(id, "visibility", this.visible ? "visible" : "none");
    }
    if (this.visible) this.render(performance.now());
  }

  /** A slow breathing of the red rings while anyone is out of their grid. */
  private updatePulse(): void {
    const any = [...this.officers.values()].some((t) => t.alert);
    if (any && this.pulse === undefined) {
      let on = true;
      this.pulse = window.setInterval(() => {
        on = !on;
        if (this.installed) this.map.setPaintProperty(officerLayerIds.alert, "circle-stroke-opacity", on ? 1 : 0.35);
      }, 700);
    } else if (!any && this.pulse !== undefined) {
      window.clearInterval(this.pulse);
      this.pulse = undefined;
    }
  }
}

function easeInOut(k: number): number {
  return k < 0.5 ? 2 * k * k : 1 - (-2 * k + 2) ** 2 / 2;
}

/** Heading interpolation the short way round (350° → 10° passes north). */
function turn(from: number, to: number, k: number): number {
  const delta = ((((to - from) % 360) + 540) % 360) - 180;
  return (from + delta * k + 360) % 360;
}

function metres(a: Place, b: Place): number {
  const rad = Math.PI / 180;
  const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (b.lat - a.lat) * rad;
  return Math.sqrt(x * x + y * y) * 6_371_000;
}
