// The side panel (#panel): server-rendered fragments loaded with htmx 4's JS API
// (htmx.ajax), so that the same swap, events and error handling apply as to hx-* attributes.
import type { Htmx } from "htmx.org";
import type { MapConfig } from "./config";
import type { Selection } from "./urlState";

declare global {
  interface Window {
    htmx?: Htmx;
  }
}

export function fragmentUrl(selection: Selection): string {
  switch (selection.kind) {
    case "grid":
      return `/fragments/grids/${encodeURIComponent(selection.code)}`;
    case "building":
      return `/fragments/buildings/${encodeURIComponent(selection.id)}`;
    case "case":
      // The case panel (timeline and actions), built with the worklist: see docs/api.md.
      return `/fragments/cases/${encodeURIComponent(selection.id)}`;
    case "officer":
      // The officer panel of the live layer (a search hit or a shared link).
      return `/fragments/officers/${encodeURIComponent(selection.id)}`;
  }
}

export class Panel {
  readonly element: HTMLElement;
  private readonly config: MapConfig;

  constructor(element: HTMLElement, config: MapConfig) {
    this.element = element;
    this.config = config;
    // A newer request replaces one still in flight: the last click wins.
    element.setAttribute("hx-sync", "replace");
  }

  /** Loads the selection's fragment; resolves once it is in the panel (or failed). */
  async load(selection: Selection): Promise<void> {
    const htmx = window.htmx;
    this.element.setAttribute("aria-busy", "true");
    this.element.classList.add("gm-panel-loading");
    try {
      if (htmx) {
        await htmx.ajax("GET", fragmentUrl(selection), { source: this.element, target: this.element, swap: "innerHTML" });
      } else {
        // htmx failed to load: the panel still works, without its events.
        const response = await fetch(fragmentUrl(selection), { credentials: "same-origin", headers: { "HX-Request": "true" } });
        if (response.status === 401) {
          this.sessionExpired();
          return;
        }
        this.element.innerHTML = await response.text();
      }
    } catch {
      this.message(this.config.strings.Panel_LoadFailed);
    } finally {
      this.element.removeAttribute("aria-busy");
      this.element.classList.remove("gm-panel-loading");
    }
  }

  clear(): void {
    this.message(this.config.strings.Panel_Empty);
  }

  message(text: string): void {
    const div = document.createElement("div");
    div.className = "gm-panel-empty";
    div.textContent = text;
    this.element.replaceChildren(div);
  }

  sessionExpired(): void {
    this.message(this.config.strings.Panel_SessionExpired);
    // A full page load goes through the sign-in redirect and comes back to this view.
    setTimeout(() => location.reload(), 1200);
  }

  /** The bbox a grid panel carries ([minLon, minLat, maxLon, maxLat]), if any. */
  bbox(): [number, number, number, number] | null {
    return parseBbox(this.element.querySelector<HTMLElement>("[data-bbox]")?.dataset.bbox);
  }
}

export function parseBbox(value: string | undefined | null): [number, number, number, number] | null {
  if (!value) return null;
  const parts = value.split(",").map(Number);
  return parts.length === 4 && parts.every(Number.isFinite) ? (parts as [number, number, number, number]) : null;
}
