import { caseIds } from "../cases/style";

// Layer ids, and which style layers each toolbar switch controls. One place, so the style, the
// toggles and the click handling cannot drift apart.

export type GridLevel = 1 | 2 | 3;

/** Below these zooms a grid level is neither drawn nor clickable: it would be a thicket of lines. */
export const gridLevelMinZoom: Record<GridLevel, number> = { 1: 0, 2: 12, 3: 13.5 };

export const BUILDINGS_MIN_ZOOM = 14;

export const ids = {
  background: "background",
  external: "external-basemap",
  water: "base-water",
  blocks: "base-blocks",
  roadCasing: "base-roads-casing",
  roads: "base-roads",
  roadLabels: "base-road-labels",
  waterLabels: "base-water-labels",
  gridFill: "grids-fill",
  gridHit: "grids-hit",
  gridSelectedFill: "grid-selected-fill",
  gridLine: (level: GridLevel) => `grids-line-${level}`,
  gridLabel: (level: GridLevel) => `grid-labels-${level}`,
  gridSelectedLine: "grid-selected-line",
  buildingsFill: "buildings-fill",
  buildingsOutline: "buildings-outline",
  buildingSelected: "building-selected",
  rentals: "rentals",
} as const;

export type ToggleId = "grid1" | "grid2" | "grid3" | "buildings" | "rentals" | "base" | "external" | "cases" | "casesClosed";

export const toggleLayers: Record<ToggleId, string[]> = {
  grid1: [ids.gridLine(1), ids.gridLabel(1), ids.gridFill],
  grid2: [ids.gridLine(2), ids.gridLabel(2)],
  grid3: [ids.gridLine(3), ids.gridLabel(3)],
  buildings: [ids.buildingsFill, ids.buildingsOutline, ids.buildingSelected],
  rentals: [ids.rentals],
  base: [ids.water, ids.blocks, ids.roadCasing, ids.roads, ids.roadLabels, ids.waterLabels],
  external: [ids.external],
  cases: [
    caseIds.cluster, caseIds.clusterCount, caseIds.overdueRing, caseIds.point, caseIds.selected, caseIds.escalation, caseIds.label,
  ],
  casesClosed: [caseIds.closedPoint, caseIds.closedSelected],
};

