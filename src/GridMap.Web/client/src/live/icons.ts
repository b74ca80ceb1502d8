// Officer markers drawn on a canvas, one image per shape, state and role colour:
// "live:arrow:stale:1c7ed6". No sprite sheet to ship, and the legend's colours come from the same
// configuration. The known colours are drawn up front: an image added only when MapLibre reports
// it missing comes too late for the tile being laid out, and the marker stays invisible until the
// data changes again.
import type { Map as MapLibreMap } from "maplibre-gl";
import type { LiveStateCode } from "./messages";

export type MarkerShape = "arrow" | "dot";

const PREFIX = "live:";
const SIZE = 52; // device pixels; drawn at pixelRatio 2, so 26 CSS pixels
const OFFLINE_FILL = "#8d949c";

export function iconId(shape: MarkerShape, state: LiveStateCode, colour: string): string {
  return `${PREFIX}${shape}:${state}:${colour.replace("#", "")}`;
}

const SHAPES: MarkerShape[] = ["arrow", "dot"];
const STATES: LiveStateCode[] = ["live", "stale", "offline"];

/** Adds the marker images of the given colours, every shape and state. */
export function addIcons(map: MapLibreMap, colours: Iterable<string>): void {
  for (const colour of colours) {
    for (const shape of SHAPES) {
      for (const state of STATES) {
        const id = iconId(shape, state, colour);
        if (map.hasImage(id)) continue;
        const image = draw(shape, state, colour);
        if (image) map.addImage(id, image, { pixelRatio: 2 });
      }
    }
  }
}

/** Answers MapLibre's requests for marker images of colours not drawn up front. */
export function installIconFactory(map: MapLibreMap): void {
  map.on("styleimagemissing", (event) => {
    const id = event.id;
    if (!id.startsWith(PREFIX) || map.hasImage(id)) return;
    const [shape, state, hex] = id.slice(PREFIX.length).split(":");
    const image = draw(shape === "dot" ? "dot" : "arrow", (state as LiveStateCode) ?? "live", `#${hex ?? "495057"}`);
    if (image) map.addImage(id, image, { pixelRatio: 2 });
  });
}

function draw(shape: MarkerShape, state: LiveStateCode, colour: string): ImageData | null {
  const canvas = document.createElement("canvas");
  canvas.width = SIZE;
  canvas.height = SIZE;
  const ctx = canvas.getContext("2d");
  if (!ctx) return null;

  const fill = state === "offline" ? OFFLINE_FILL : colour;
  ctx.globalAlpha = state === "live" ? 1 : state === "stale" ? 0.6 : 0.55;
  ctx.lineJoin = "round";
  ctx.shadowColor = "rgba(0,0,0,0.35)";
  ctx.shadowBlur = 3;
  ctx.shadowOffsetY = 1;

  ctx.beginPath();
  if (shape === "arrow") {
    // Points north; the layer rotates it by the heading.
    const c = SIZE / 2;
    ctx.moveTo(c, 4);
    ctx.lineTo(c + 18, SIZE - 6);
    ctx.lineTo(c, SIZE - 16);
    ctx.lineTo(c - 18, SIZE - 6);
    ctx.closePath();
  } else {
    ctx.arc(SIZE / 2, SIZE / 2, 15, 0, Math.PI * 2);
  }
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.shadowColor = "transparent";
  ctx.lineWidth = 3;
  ctx.strokeStyle = "#ffffff";
  if (state === "stale") ctx.setLineDash([4, 3]);
  ctx.stroke();
  return ctx.getImageData(0, 0, SIZE, SIZE);
}
