// The console's map style: a quiet light base map made from the district's own data, grid
// boundaries by level, buildings coloured from the legend, rental houses as circles.
import type {
  ExpressionSpecification,
  FilterSpecification,
  LayerSpecification,
  StyleSpecification,
} from "maplibre-gl";
import { tileUrl, type LegendItem, type MapConfig } from "./config";
import { BUILDINGS_MIN_ZOOM, gridLevelMinZoom, ids, type GridLevel } from "./layers";
import { readCaseConfig } from "../cases/config";
import { caseLayers, caseSources } from "../cases/style";

export type ColourBy = "kind" | "mode";

/** Server tiles exist from z10 to z18; MapLibre overzooms z18 tiles beyond. */
const TILE_MIN_ZOOM = 10;
const TILE_MAX_ZOOM = 18;

// No `glyphs` in the style: MapLibre GL JS (>= 5.11) then draws every label locally with the
// browser's fonts (TinySDF), so labels need no glyph server and no internet. text-font is read
// as a CSS font-family list; a weight word in the first name ("Bold") sets the weight.
const FONT_REGULAR = ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "sans-serif"];
const FONT_BOLD = ["Noto Sans CJK SC Bold", "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "sans-serif"];

const palette = {
  background: "#f3f2ee",
  water: "#b9d3e8",
  waterText: "#4a7396",
  roadCasing: "#d6d2c7",
  road: "#ffffff",
  primary: "#fdf0d0",
  roadText: "#5f5b52",
  grid1: "#1d3047",
  grid2: "#36577a",
  grid3: "#5b7896",
  gridFill: "#2f5d8a",
  selection: "#f08c00",
  rental: "#e8590c",
  rentalLarge: "#c92a2a",
  buildingFallback: "#b8b4aa",
};

export const SELECTION_NONE = "\u0000";

/** `match` on a feature attribute, colours from the legend (reference data in the database). */
export function legendColour(attribute: "kind" | "mode", items: LegendItem[]): ExpressionSpecification | string {
  if (items.length === 0) {
    return palette.buildingFallback;
  }
  const pairs = items.flatMap((item) => [item.code, item.color]);
  // The tuple type of `match` cannot express a variable number of label/output pairs.
  return ["match", ["get", attribute], ...pairs, palette.buildingFallback] as unknown as ExpressionSpecification;
}

export function buildingColour(config: MapConfig, by: ColourBy): ExpressionSpecification | string {
  return by === "kind" ? legendColour("kind", config.buildingKinds) : legendColour("mode", config.managementModes);
}

function levelFilter(level: GridLevel): FilterSpecification {
  return ["==", ["to-number", ["get", "level"]], level];
}

function gridLayers(): LayerSpecification[] {
  const line = (level: GridLevel, color: string, width: ExpressionSpecification, dash?: number[]): LayerSpecification => ({
    id: ids.gridLine(level),
    type: "line",
    source: "grids",
    "source-layer": "grids",
    minzoom: gridLevelMinZoom[level],
    filter: levelFilter(level),
    layout: { "line-join": "round" },
    paint: {
      "line-color": color,
      "line-width": width,
      ...(dash ? { "line-dasharray": dash } : {}),
    },
  });
  return [
    line(3, palette.grid3, ["interpolate", ["linear"], ["zoom"], 13.5, 0.6, 18, 1.4], [3, 2]),
    line(2, palette.grid2, ["interpolate", ["linear"], ["zoom"], 12, 1, 18, 2.4]),
    line(1, palette.grid1, ["interpolate", ["linear"], ["zoom"], 10, 1.6, 18, 4]),
    {
      id: ids.gridSelectedLine,
      type: "line",
      source: "grids",
      "source-layer": "grids",
      filter: ["==", ["get", "code"], SELECTION_NONE],
      layout: { "line-join": "round" },
      paint: { "line-color": palette.selection, "line-width": ["interpolate", ["linear"], ["zoom"], 10, 2.5, 18, 5] },
    },
  ];
}

function gridLabelLayers(): LayerSpecification[] {
  const base = (level: GridLevel): Pick<LayerSpecification & { type: "symbol" }, "type" | "source" | "source-layer" | "filter"> => ({
    type: "symbol",
    source: "grids",
    "source-layer": "grid_labels",
    filter: levelFilter(level),
  });
  const halo = { "text-halo-color": "rgba(255,255,255,0.92)", "text-halo-width": 1.6, "text-halo-blur": 0.3 };
  return [
    {
      ...base(3),
      id: ids.gridLabel(3),
      minzoom: 15.5,
      layout: {
        // The name, and the code under it once there is room for 17 digits.
        "text-field": [
          "step", ["zoom"],
          ["get", "name"],
          16.5, ["format", ["get", "name"], {}, "\n", {}, ["get", "code"], { "font-scale": 0.78 }],
        ],
        "text-font": FONT_REGULAR,
        "text-size": 11.5,
        "text-max-width": 10,
        "text-padding": 4,
      },
      paint: { "text-color": palette.grid3, ...halo },
    },
    {
      ...base(2),
      id: ids.gridLabel(2),
      minzoom: 14,
      maxzoom: 17.5,
      layout: {
        "text-field": ["get", "name"],
        "text-font": FONT_BOLD,
        "text-size": ["interpolate", ["linear"], ["zoom"], 14, 12, 17, 14],
        "text-max-width": 8,
        "text-padding": 6,
      },
      paint: { "text-color": palette.grid2, ...halo },
    },
    {
      ...base(1),
      id: ids.gridLabel(1),
      maxzoom: 14.5,
      layout: {
        "text-field": ["get", "name"],
        "text-font": FONT_BOLD,
        "text-size": ["interpolate", ["linear"], ["zoom"], 10, 13, 14, 17],
        "text-letter-spacing": 0.08,
        "text-max-width": 8,
        "text-padding": 8,
      },
      paint: { "text-color": palette.grid1, ...halo, "text-halo-width": 2 },
    },
  ];
}

function baseLayers(): LayerSpecification[] {
  const roadWidth = (primary: number, secondary: number, street: number, lane: number, zoomFactor: number): ExpressionSpecification => [
    "interpolate", ["exponential", 1.6], ["zoom"],
    12, ["match", ["get", "class"], "primary", primary, "secondary", secondary, "street", street, lane],
    18, ["match", ["get", "class"], "primary", primary * zoomFactor, "secondary", secondary * zoomFactor, "street", street * zoomFactor, lane * zoomFactor],
  ];
  return [
    {
      id: ids.water,
      type: "fill",
      source: "base",
      "source-layer": "water",
      paint: { "fill-color": palette.water },
    },
    {
      id: ids.blocks,
      type: "fill",
      source: "base",
      "source-layer": "blocks",
      paint: {
        "fill-color": [
          "match", ["get", "kind"],
          ["park", "green", "greenspace", "forest", "grass"], "#dde8d2",
          ["farmland", "farm", "orchard"], "#e9ead6",
          ["industrial", "factory", "industry"], "#e8e4ea",
          ["commercial", "retail", "market"], "#efe6dc",
          ["school", "education", "public", "hospital"], "#ece4d6",
          "#e9e7e1",
        ],
        "fill-opacity": ["interpolate", ["linear"], ["zoom"], 13, 0.4, 15, 1],
      },
    },
    {
      id: ids.roadCasing,
      type: "line",
      source: "base",
      "source-layer": "roads",
      layout: { "line-join": "round", "line-cap": "round" },
      paint: { "line-color": palette.roadCasing, "line-width": roadWidth(3.2, 2.4, 1.4, 0.8, 8) },
    },
    {
      id: ids.roads,
      type: "line",
      source: "base",
      "source-layer": "roads",
      layout: { "line-join": "round", "line-cap": "round" },
      paint: {
        "line-color": ["match", ["get", "class"], "primary", palette.primary, palette.road],
        "line-width": roadWidth(2.2, 1.6, 0.8, 0.4, 8),
      },
    },
  ];
}

function baseLabelLayers(): LayerSpecification[] {
  return [
    {
      id: ids.waterLabels,
      type: "symbol",
      source: "base",
      "source-layer": "water",
      minzoom: 14,
      filter: ["has", "name"],
      layout: { "text-field": ["get", "name"], "text-font": FONT_REGULAR, "text-size": 12 },
      paint: { "text-color": palette.waterText, "text-halo-color": "rgba(255,255,255,0.7)", "text-halo-width": 1 },
    },
    {
      id: ids.roadLabels,
      type: "symbol",
      source: "base",
      "source-layer": "roads",
      // Road names only where they help: main roads from z15, the rest from z16.
      filter: ["all", ["has", "name"], ["any", ["in", ["get", "class"], ["literal", ["primary", "secondary"]]], [">=", ["zoom"], 16]]],
      minzoom: 15,
      layout: {
        "symbol-placement": "line",
        "text-field": ["get", "name"],
        "text-font": FONT_REGULAR,
        "text-size": ["interpolate", ["linear"], ["zoom"], 15, 11, 18, 13],
        "text-max-angle": 30,
        "symbol-spacing": 320,
      },
      paint: { "text-color": palette.roadText, "text-halo-color": "#ffffff", "text-halo-width": 1.4 },
    },
  ];
}

function buildingLayers(config: MapConfig, by: ColourBy): LayerSpecification[] {
  return [
    {
      id: ids.buildingsFill,
      type: "fill",
      source: "buildings",
      "source-layer": "buildings",
      minzoom: BUILDINGS_MIN_ZOOM,
      paint: {
        "fill-color": buildingColour(config, by),
        "fill-opacity": ["interpolate", ["linear"], ["zoom"], 14, 0.55, 16, 0.85],
      },
    },
    {
      id: ids.buildingsOutline,
      type: "line",
      source: "buildings",
      "source-layer": "buildings",
      minzoom: 15,
      paint: { "line-color": "rgba(40,40,40,0.45)", "line-width": 0.6 },
    },
    {
      id: ids.buildingSelected,
      type: "line",
      source: "buildings",
      "source-layer": "buildings",
      minzoom: BUILDINGS_MIN_ZOOM,
      filter: ["==", ["to-string", ["get", "id"]], SELECTION_NONE],
      paint: { "line-color": palette.selection, "line-width": 3 },
    },
  ];
}

function rentalLayer(): LayerSpecification {
  const byCapacity = (small: number, medium: number, large: number): ExpressionSpecification => [
    "interpolate", ["linear"], ["to-number", ["get", "capacity"], 0],
    0, small, 30, medium, 150, large,
  ];
  return {
    id: ids.rentals,
    type: "circle",
    source: "rentals",
    "source-layer": "rentals",
    minzoom: BUILDINGS_MIN_ZOOM,
    paint: {
      "circle-radius": ["interpolate", ["linear"], ["zoom"], 14, byCapacity(1.5, 3, 5), 16, byCapacity(3, 6, 10), 18, byCapacity(5, 10, 18)],
      "circle-color": ["case", ["to-boolean", ["get", "large"]], palette.rentalLarge, palette.rental],
      "circle-opacity": 0.82,
      "circle-stroke-color": ["case", ["to-boolean", ["get", "large"]], "#5c0b0b", "#ffffff"],
      "circle-stroke-width": ["case", ["to-boolean", ["get", "large"]], 2, 1],
    },
  };
}

export function buildStyle(config: MapConfig, by: ColourBy): StyleSpecification {
  const vector = (layer: string, minzoom: number) => ({
    type: "vector" as const,
    tiles: [tileUrl(config, layer)],
    minzoom,
    maxzoom: TILE_MAX_ZOOM,
    attribution: config.strings.Map_Attribution,
  });

  const style: StyleSpecification = {
    version: 8,
    sources: {
      base: vector("base", TILE_MIN_ZOOM),
      grids: vector("grids", TILE_MIN_ZOOM),
      buildings: vector("buildings", BUILDINGS_MIN_ZOOM),
      rentals: vector("rentals", BUILDINGS_MIN_ZOOM),
      ...caseSources(),
    },
    layers: [{ id: ids.background, type: "background", paint: { "background-color": palette.background } }],
  };

  const external = config.externalBasemap;
  if (external) {
    style.sources.external = {
      type: "raster",
      tiles: [external.url],
      tileSize: external.tileSize || 256,
      ...(external.attribution ? { attribution: external.attribution } : {}),
    };
    // Off by default: the console must not reach the internet unless someone asks for it.
    style.layers.push({ id: ids.external, type: "raster", source: "external", layout: { visibility: "none" } });
  }

  style.layers.push(
    ...baseLayers(),
    {
      id: ids.gridFill,
      type: "fill",
      source: "grids",
      "source-layer": "grids",
      filter: levelFilter(1),
      paint: { "fill-color": palette.gridFill, "fill-opacity": 0.035 },
    },
    // Invisible but rendered, so that queryRenderedFeatures finds every level under the pointer.
    {
      id: ids.gridHit,
      type: "fill",
      source: "grids",
      "source-layer": "grids",
      paint: { "fill-color": "#000000", "fill-opacity": 0 },
    },
    {
      id: ids.gridSelectedFill,
      type: "fill",
      source: "grids",
      "source-layer": "grids",
      filter: ["==", ["get", "code"], SELECTION_NONE],
      paint: { "fill-color": palette.selection, "fill-opacity": 0.1 },
    },
    ...buildingLayers(config, by),
    ...gridLayers(),
    rentalLayer(),
    ...baseLabelLayers(),
    ...gridLabelLayers(),
    // Cases above everything of the base map: they are what the console is watched for.
    ...caseLayers(readCaseConfig()),
  );
  return style;
}
