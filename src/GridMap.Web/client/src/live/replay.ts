// Track replay: an officer's recorded positions for a chosen period (GET
// /api/v1/officers/{id}/track), drawn as a line with its stops, and played back by a moving
// marker at 1×, 10× or 60× real time, with a scrubber.
import type { Feature, FeatureCollection } from "geojson";
import type { GeoJSONSource, LngLatBoundsLike, Map as MapLibreMap } from "maplibre-gl";
import { clock, districtInputValue, text, type LiveConfig } from "./config";
import { addIcons, iconId } from "./icons";

interface TrackPoint {
  lat: number;
  lon: number;
  time: string;
  speed: number | null;
}

interface TrackStop {
  lat: number;
  lon: number;
  from: string;
  to: string;
  minutes: number;
}

interface Track {
  officerId: number;
  points: TrackPoint[];
  stops: TrackStop[];
  truncated: boolean;
}

export interface ReplayState {
  officerId: number | null;
  points: number;
  stops: number;
  playing: boolean;
  speed: number;
  progress: number;
  cursor: [number, number] | null;
}

const SPEEDS = [1, 10, 60] as const;
const ids = {
  track: "live-replay-track",
  cursor: "live-replay-cursor",
  casing: "live-replay-casing",
  line: "live-replay-line",
  stops: "live-replay-stops",
  stopLabels: "live-replay-stop-labels",
  marker: "live-replay-marker",
} as const;
const TRACK_COLOUR = "#e8590c";

export class ReplayController {
  private officerId: number | null = null;
  private track: Track | null = null;
  private times: number[] = [];
  private playhead = 0; // ms since the first point
  private speed: number = 60;
  private playing = false;
  private frame = 0;
  private lastFrame = 0;
  private installed = false;
  private cursor: [number, number] | null = null;

  constructor(private readonly map: MapLibreMap, private readonly container: HTMLElement, private readonly config: LiveConfig) {}

  state(): ReplayState {
    return {
      officerId: this.officerId,
      points: this.track?.points.length ?? 0,
      stops: this.track?.stops.length ?? 0,
      playing: this.playing,
      speed: this.speed,
      progress: this.duration() > 0 ? this.playhead / this.duration() : 0,
      cursor: this.cursor,
    };
  }

  /** Opens the controls for an officer, with the last two hours preselected, and loads them. */
  open(officerId: number, name: string): Promise<void> {
    this.close();
    this.officerId = officerId;
    // The input holds minutes; one more keeps the last seconds' positions in the range.
    const to = new Date(Date.now() + 60_000);
    const from = new Date(to.getTime() - 2 * 3600_000 - 60_000);
    this.container.replaceChildren(this.buildControls(name, from, to));
    this.container.hidden = false;
    return this.load();
  }

  close(): void {
    this.pause();
    this.officerId = null;
    this.track = null;
    this.times = [];
    this.cursor = null;
    this.container.hidden = true;
    this.container.replaceChildren();
    this.setSourceData(ids.track, emptyCollection());
    this.setSourceData(ids.cursor, emptyCollection());
  }

  // ------------------------------------------------------------------ loading

  async load(): Promise<void> {
    if (this.officerId === null) return;
    const form = this.container.querySelector<HTMLFormElement>("form");
    const from = form?.elements.namedItem("from") as HTMLInputElement | null;
    const to = form?.elements.namedItem("to") as HTMLInputElement | null;
    const status = this.container.querySelector<HTMLElement>("[data-replay-status]");
    if (!from?.value || !to?.value) return;

    this.pause();
    if (status) status.textContent = text(this.config, "Live_Replay_Loading");
    // Typed in district time; the server reads times without an offset as district time.
    const url = `/api/v1/officers/${this.officerId}/track?from=${encodeURIComponent(from.value)}&to=${encodeURIComponent(to.value)}`;
    let track: Track;
    try {
      const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) {
        const problem = (await response.json().catch(() => null)) as { errors?: Record<string, string[]>; title?: string } | null;
        const reason = problem?.errors ? Object.values(problem.errors).flat().join("; ") : problem?.title;
        throw new Error(reason ?? String(response.status));
      }
      track = (await response.json()) as Track;
    } catch (error) {
      if (status) status.textContent = `${text(this.config, "Live_Replay_Failed")} ${error instanceof Error ? error.message : ""}`;
      return;
    }

    this.track = track;
    this.times = track.points.map((p) => Date.parse(p.time));
    this.playhead = 0;
    this.install();
    this.drawTrack(track);
    const player = this.container.querySelector<HTMLElement>("[data-replay-player]");
    if (track.points.length === 0) {
      if (status) status.textContent = text(this.config, "Live_Replay_Empty");
      if (player) player.hidden = true;
      this.setSourceData(ids.cursor, emptyCollection());
      return;
    }

    let summary = text(this.config, "Live_Replay_Summary", track.points.length, track.stops.length);
    if (track.truncated) summary += ` ${text(this.config, "Live_Replay_Truncated", track.points.length)}`;
    if (status) status.textContent = summary;
    if (player) player.hidden = false;
    this.fit(track);
    this.renderCursor();
    this.play();
  }

  // ------------------------------------------------------------------ playback

  play(): void {
    if (!this.track || this.track.points.length === 0) return;
    if (this.playhead >= this.duration()) this.playhead = 0;
    this.playing = true;
    this.lastFrame = performance.now();
    this.updateButtons();
    this.requestFrame();
  }

  pause(): void {
    this.playing = false;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.updateButtons();
  }

  setSpeed(speed: number): void {
    this.speed = speed;
    this.updateButtons();
  }

  seek(fraction: number): void {
    this.playhead = Math.min(1, Math.max(0, fraction)) * this.duration();
    this.renderCursor();
  }

  private requestFrame(): void {
    if (!this.frame) this.frame = requestAnimationFrame((t) => this.tick(t));
  }

  private tick(now: number): void {
    this.frame = 0;
    if (!this.playing) return;
    this.playhead += (now - this.lastFrame) * this.speed;
    this.lastFrame = now;
    if (this.playhead >= this.duration()) {
      this.playhead = this.duration();
      this.renderCursor();
      this.pause();
      return;
    }
    this.renderCursor();
    this.requestFrame();
  }

  private duration(): number {
    return this.times.length < 2 ? 0 : this.times[this.times.length - 1] - this.times[0];
  }

  /** The interpolated place and bearing at the playhead. */
  private at(): { lon: number; lat: number; bearing: number; time: number } | null {
    const points = this.track?.points;
    if (!points || points.length === 0) return null;
    const t = this.times[0] + this.playhead;
    let lo = 0;
    let hi = this.times.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.times[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    const a = points[lo];
    const b = points[Math.min(lo + 1, points.length - 1)];
    const span = this.times[Math.min(lo + 1, points.length - 1)] - this.times[lo];
    const k = span > 0 ? Math.min(1, (t - this.times[lo]) / span) : 0;
    return {
      lon: a.lon + (b.lon - a.lon) * k,
      lat: a.lat + (b.lat - a.lat) * k,
      bearing: bearing(a, b),
      time: t,
    };
  }

  private renderCursor(): void {
    const place = this.at();
    if (!place) return;
    this.cursor = [place.lon, place.lat];
    this.setSourceData(ids.cursor, {
      type: "FeatureCollection",
      features: [{ type: "Feature", geometry: { type: "Point", coordinates: this.cursor }, properties: { bearing: place.bearing } }],
    });
    const slider = this.container.querySelector<HTMLInputElement>("[data-replay-seek]");
    if (slider && document.activeElement !== slider) {
      slider.value = String(Math.round((this.duration() > 0 ? this.playhead / this.duration() : 0) * 1000));
    }
    const label = this.container.querySelector<HTMLElement>("[data-replay-time]");
    if (label) label.textContent = clock(this.config, new Date(place.time).toISOString());
  }

  // ------------------------------------------------------------------ map

  private install(): void {
    if (this.installed) return;
    addIcons(this.map, [TRACK_COLOUR]);
    this.map.addSource(ids.track, { type: "geojson", data: emptyCollection() });
    this.map.addSource(ids.cursor, { type: "geojson", data: emptyCollection() });
    this.map.addLayer({
      id: ids.casing,
      type: "line",
      source: ids.track,
      filter: ["==", ["geometry-type"], "LineString"],
      layout: { "line-join": "round", "line-cap": "round" },
      paint: { "line-color": "#ffffff", "line-width": 7, "line-opacity": 0.85 },
    });
    this.map.addLayer({
      id: ids.line,
      type: "line",
      source: ids.track,
      filter: ["==", ["geometry-type"], "LineString"],
      layout: { "line-join": "round", "line-cap": "round" },
      paint: { "line-color": TRACK_COLOUR, "line-width": 3.5 },
    });
    this.map.addLayer({
      id: ids.stops,
      type: "circle",
      source: ids.track,
      filter: ["==", ["geometry-type"], "Point"],
      paint: {
        "circle-radius": ["interpolate", ["linear"], ["get", "minutes"], 3, 7, 60, 14],
        "circle-color": "#fff4e6",
        "circle-stroke-color": TRACK_COLOUR,
        "circle-stroke-width": 2.5,
      },
    });
    this.map.addLayer({
      id: ids.stopLabels,
      type: "symbol",
      source: ids.track,
      filter: ["==", ["geometry-type"], "Point"],
      layout: {
        "text-field": ["get", "label"],
        "text-font": ["Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "sans-serif"],
        "text-size": 11.5,
        "text-offset": [0, 1.4],
        "text-anchor": "top",
        "text-allow-overlap": false,
      },
      paint: { "text-color": "#8a3c04", "text-halo-color": "#ffffff", "text-halo-width": 1.6 },
    });
    this.map.addLayer({
      id: ids.marker,
      type: "symbol",
      source: ids.cursor,
      layout: {
        "icon-image": iconId("arrow", "live", TRACK_COLOUR),
        "icon-rotate": ["get", "bearing"],
        "icon-rotation-alignment": "map",
        "icon-size": 1.25,
        "icon-allow-overlap": true,
        "icon-ignore-placement": true,
      },
    });
    this.installed = true;
  }

  private drawTrack(track: Track): void {
    const features: Feature[] = [];
    if (track.points.length > 1) {
      features.push({
        type: "Feature",
        geometry: { type: "LineString", coordinates: track.points.map((p) => [p.lon, p.lat]) },
        properties: {},
      });
    }
    for (const stop of track.stops) {
      features.push({
        type: "Feature",
        geometry: { type: "Point", coordinates: [stop.lon, stop.lat] },
        properties: {
          minutes: stop.minutes,
          label: `${text(this.config, "Live_Replay_Stop", Math.round(stop.minutes))} ${clock(this.config, stop.from)}`,
        },
      });
    }
    this.setSourceData(ids.track, { type: "FeatureCollection", features });
  }

  private fit(track: Track): void {
    let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
    for (const p of track.points) {
      minLon = Math.min(minLon, p.lon);
      minLat = Math.min(minLat, p.lat);
      maxLon = Math.max(maxLon, p.lon);
      maxLat = Math.max(maxLat, p.lat);
    }
    const bounds: LngLatBoundsLike = [[minLon, minLat], [maxLon, maxLat]];
    this.map.fitBounds(bounds, { padding: { top: 60, left: 60, right: 60, bottom: 170 }, maxZoom: 17, duration: 600 });
  }

  private setSourceData(id: string, data: FeatureCollection): void {
    const source = this.map.getSource<GeoJSONSource>(id);
    if (source) void source.setData(data);
  }

  // ------------------------------------------------------------------ controls

  private buildControls(name: string, from: Date, to: Date): HTMLElement {
    const root = document.createElement("div");
    root.className = "gm-live-replay-inner";
    root.innerHTML = `
      <div class="gm-live-replay-head">
        <strong class="gm-live-replay-title"></strong>
        <button type="button" class="btn-close" data-replay-close></button>
      </div>
      <form class="gm-live-replay-range">
        <label><span data-text="Live_Replay_From"></span> <input type="datetime-local" name="from" class="form-control form-control-sm" required /></label>
        <label><span data-text="Live_Replay_To"></span> <input type="datetime-local" name="to" class="form-control form-control-sm" required /></label>
        <button type="submit" class="btn btn-sm btn-primary" data-text="Live_Replay_Load"></button>
        <span class="gm-live-replay-status" data-replay-status aria-live="polite"></span>
      </form>
      <div class="gm-live-replay-player" data-replay-player hidden>
        <button type="button" class="btn btn-sm btn-outline-primary" data-replay-toggle></button>
        <div class="btn-group btn-group-sm" role="group" data-replay-speeds></div>
        <input type="range" class="form-range" min="0" max="1000" value="0" data-replay-seek />
        <span class="gm-live-replay-time" data-replay-time></span>
      </div>`;
    root.querySelector(".gm-live-replay-title")!.textContent = `${text(this.config, "Live_Replay_Title")} · ${name}`;
    root.querySelector("[data-replay-close]")!.setAttribute("aria-label", text(this.config, "Live_Replay_Close"));
    for (const element of root.querySelectorAll<HTMLElement>("[data-text]")) {
      element.textContent = text(this.config, element.dataset.text ?? "");
    }
    const form = root.querySelector("form")!;
    (form.elements.namedItem("from") as HTMLInputElement).value = districtInputValue(this.config, from);
    (form.elements.namedItem("to") as HTMLInputElement).value = districtInputValue(this.config, to);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.load();
    });
    root.querySelector("[data-replay-close]")!.addEventListener("click", () => this.close());
    root.querySelector("[data-replay-toggle]")!.addEventListener("click", () => (this.playing ? this.pause() : this.play()));
    const speeds = root.querySelector("[data-replay-speeds]")!;
    for (const speed of SPEEDS) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-outline-secondary";
      button.dataset.speed = String(speed);
      button.textContent = `${speed}×`;
      button.title = `${text(this.config, "Live_Replay_Speed")} ${speed}×`;
      button.addEventListener("click", () => this.setSpeed(speed));
      speeds.append(button);
    }
    const seek = root.querySelector<HTMLInputElement>("[data-replay-seek]")!;
    seek.addEventListener("input", () => this.seek(Number(seek.value) / 1000));
    this.updateButtons(root);
    return root;
  }

  private updateButtons(root: ParentNode = this.container): void {
    const toggle = root.querySelector<HTMLButtonElement>("[data-replay-toggle]");
    if (toggle) {
      toggle.textContent = text(this.config, this.playing ? "Live_Replay_Pause" : "Live_Replay_Play");
      toggle.dataset.playing = String(this.playing);
    }
    for (const button of root.querySelectorAll<HTMLButtonElement>("[data-speed]")) {
      const active = Number(button.dataset.speed) === this.speed;
      button.classList.toggle("active", active);
      button.setAttribute("aria-pressed", String(active));
    }
  }
}

function emptyCollection(): FeatureCollection {
  return { type: "FeatureCollection", features: [] };
}

function bearing(a: TrackPoint, b: TrackPoint): number {
  const rad = Math.PI / 180;
  const y = Math.sin((b.lon - a.lon) * rad) * Math.cos(b.lat * rad);
  const x = Math.cos(a.lat * rad) * Math.sin(b.lat * rad) - Math.sin(a.lat * rad) * Math.cos(b.lat * rad) * Math.cos((b.lon - a.lon) * rad);
  return ((Math.atan2(y, x) / rad) + 360) % 360;
}
