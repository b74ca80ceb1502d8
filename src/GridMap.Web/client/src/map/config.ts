// The configuration the map page renders into <script type="application/json" id="map-config">.
// Mirrors GridMap.Web.Components.MapClientConfig (camelCase JSON); change both together.

export interface LegendItem {
  code: string;
  name: string;
  color: string;
}

export interface ExternalBasemap {
  url: string;
  attribution?: string;
  tileSize: number;
}

export type ScriptStringKey =
  | "Panel_LoadFailed"
  | "Panel_SessionExpired"
  | "Panel_Empty"
  | "Map_NoWebGL"
  | "Map_Attribution";

export interface MapConfig {
  culture: string;
  /** [minLon, minLat, maxLon, maxLat] of the user's grids. */
  extent: [number, number, number, number];
  extentIsFallback: boolean;
  /** Same-origin template with {layer}, {z}, {x}, {y}. */
  tileUrlTemplate: string;
  workerUrl: string;
  externalBasemap?: ExternalBasemap;
  buildingKinds: LegendItem[];
  managementModes: LegendItem[];
  strings: Record<ScriptStringKey, string>;
}

export function readConfig(doc: Document = document): MapConfig {
  const element = doc.getElementById("map-config");
  if (!element?.textContent) {
    throw new Error("The map page has no #map-config element.");
  }
  return JSON.parse(element.textContent) as MapConfig;
}

/** Absolute tile URL template for one server layer; MapLibre resolves tile URLs in a worker, so relative ones are not safe. */
export function tileUrl(config: MapConfig, layer: string): string {
  return new URL(config.tileUrlTemplate.replace("{layer}", layer), document.baseURI).href
    .replace(/%7B/gi, "{")
    .replace(/%7D/gi, "}");
}
