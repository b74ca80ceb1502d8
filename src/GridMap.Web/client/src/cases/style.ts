// The case layer's sources and style layers. Open cases are one clustered GeoJSON source (so the
// whole district stays readable at z10), recently closed ones a second, unclustered source that
// only shows from z12. Both are filled by client/src/cases/layer.ts.
import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from "maplibre-gl";
import type { CaseConfig } from "./config";

export const caseIds = {
  source: "cases",
  closedSource: "cases-closed",
  cluster: "cases-cluster",
  clusterCount: "cases-cluster-count",
  overdueRing: "cases-overdue",
  point: "cases-point",
  escalation: "cases-escalation",
  label: "cases-label",
  selected: "cases-selected",
  closedPoint: "cases-closed-point",
  closedSelected: "cases-closed-selected",
} as const;

/** Clusters break up at this zoom; beyond it every case is its own symbol. */
export const CLUSTER_MAX_ZOOM = 14;
export const CLOSED_MIN_ZOOM = 12;
export const CASE_NONE = -1;

const FONT = ["Noto Sans CJK SC Bold", "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "sans-serif"];
const OVERDUE = "#e03131";
const SELECTION = "#f08c00";

const empty = { type: "FeatureCollection" as const, features: [] };

export function caseSources(): Record<string, SourceSpecification> {
  return {
    [caseIds.source]: {
      type: "geojson",
      data: empty,
      cluster: true,
      clusterMaxZoom: CLUSTER_MAX_ZOOM,
      clusterRadius: 42,
      // A cluster says how many of its cases are overdue and the highest escalation among them.
      clusterProperties: {
        overdue: ["+", ["case", ["get", "overdue"], 1, 0]],
        escalated: ["max", ["get", "escalationLevel"]],
      },
    },
    [caseIds.closedSource]: { type: "geojson", data: empty },
  };
}

function stateColour(config: CaseConfig | null): ExpressionSpecification | string {
  if (!config || config.states.length === 0) return "#495057";
  const pairs = config.states.flatMap((s) => [s.code, s.color]);
  return ["match", ["get", "state"], ...pairs, "#495057"] as unknown as ExpressionSpecification;
}

const notCluster: ExpressionSpecification = ["!", ["has", "point_count"]];

export function caseLayers(config: CaseConfig | null): LayerSpecification[] {
  const radius: ExpressionSpecification = ["interpolate", ["linear"], ["zoom"], 10, 5, 15, 7, 18, 10];
  return [
    {
      id: caseIds.closedPoint,
      type: "circle",
      source: caseIds.closedSource,
      minzoom: CLOSED_MIN_ZOOM,
      layout: { visibility: "none" },
      paint: {
        "circle-radius": ["interpolate", ["linear"], ["zoom"], 12, 3.5, 18, 7],
        "circle-color": stateColour(config),
        "circle-opacity": 0.55,
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 1,
      },
    },
    {
      id: caseIds.closedSelected,
      type: "circle",
      source: caseIds.closedSource,
      filter: ["==", ["get", "id"], CASE_NONE],
      layout: { visibility: "none" },
      paint: { "circle-radius": 12, "circle-color": "rgba(0,0,0,0)", "circle-stroke-color": SELECTION, "circle-stroke-width": 3 },
    },
    {
      id: caseIds.cluster,
      type: "circle",
      source: caseIds.source,
      filter: ["has", "point_count"],
      paint: {
        "circle-radius": ["step", ["get", "point_count"], 12, 10, 15, 50, 19, 200, 24],
        "circle-color": ["case", [">", ["get", "overdue"], 0], "#c92a2a", "#1d3047"],
        "circle-opacity": 0.88,
        "circle-stroke-color": ["case", [">", ["get", "escalated"], 0], "#f59f00", "#ffffff"],
        "circle-stroke-width": ["case", [">", ["get", "escalated"], 0], 3, 2],
      },
    },
    {
      id: caseIds.clusterCount,
      type: "symbol",
      source: caseIds.source,
      filter: ["has", "point_count"],
      layout: {
        "text-field": ["get", "point_count_abbreviated"],
        "text-font": FONT,
        "text-size": 12,
        "text-allow-overlap": true,
        "text-ignore-placement": true,
      },
      paint: { "text-color": "#ffffff" },
    },
    {
      id: caseIds.overdueRing,
      type: "circle",
      source: caseIds.source,
      filter: ["all", notCluster, ["==", ["get", "overdue"], true]],
      paint: {
        "circle-radius": ["interpolate", ["linear"], ["zoom"], 10, 9, 15, 12, 18, 15],
        "circle-color": "rgba(224,49,49,0.15)",
        "circle-stroke-color": OVERDUE,
        "circle-stroke-width": 3,
      },
    },
    {
      id: caseIds.point,
      type: "circle",
      source: caseIds.source,
      filter: notCluster,
      paint: {
        "circle-radius": radius,
        "circle-color": stateColour(config),
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 1.5,
      },
    },
    {
      id: caseIds.selected,
      type: "circle",
      source: caseIds.source,
      filter: ["all", notCluster, ["==", ["get", "id"], CASE_NONE]],
      paint: {
        "circle-radius": ["interpolate", ["linear"], ["zoom"], 10, 11, 18, 17],
        "circle-color": "rgba(0,0,0,0)",
        "circle-stroke-color": SELECTION,
        "circle-stroke-width": 3,
      },
    },
    {
      id: caseIds.escalation,
      type: "symbol",
      source: caseIds.source,
      filter: ["all", notCluster, [">", ["get", "escalationLevel"], 0]],
      layout: {
        "text-field": ["concat", "▲", ["to-string", ["get", "escalationLevel"]]],
        "text-font": FONT,
        "text-size": 12,
        "text-offset": [1.1, -0.9],
        "text-anchor": "left",
        "text-allow-overlap": true,
        "text-ignore-placement": true,
      },
      paint: { "text-color": "#c92a2a", "text-halo-color": "#ffffff", "text-halo-width": 1.8 },
    },
    {
      id: caseIds.label,
      type: "symbol",
      source: caseIds.source,
      filter: notCluster,
      minzoom: 16,
      layout: {
        "text-field": ["get", "label"],
        "text-font": FONT,
        "text-size": 11,
        "text-offset": [0, 1.2],
        "text-anchor": "top",
        "text-optional": true,
        "text-max-width": 9,
      },
      paint: { "text-color": "#1f2933", "text-halo-color": "rgba(255,255,255,0.95)", "text-halo-width": 1.6 },
    },
  ];
}
