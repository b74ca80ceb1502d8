// The view lives in the query string (?z=&lat=&lon=&sel=grid:CODE|building:ID|case:ID), so a copied link
// opens the same view and selection, and it survives the sign-in redirect (the server sees a
// query string in returnUrl; it never sees a #hash).

export type Selection =
  | { kind: "grid"; code: string }
  | { kind: "building"; id: string }
  | { kind: "case"; id: string }
  | { kind: "officer"; id: string };

export interface ViewState {
  zoom: number;
  lat: number;
  lon: number;
}

const GRID_CODE = /^\d{12}(\d{2}(\d{3})?)?$/;
const BUILDING_ID = /^\d{1,18}$/;
const CASE_ID = /^\d{1,18}$/;
const OFFICER_ID = /^\d{1,18}$/;

export function parseSelection(value: string | null | undefined): Selection | null {
  if (!value) return null;
  const colon = value.indexOf(":");
  if (colon < 0) return null;
  const kind = value.slice(0, colon);
  const key = value.slice(colon + 1);
  if (kind === "grid" && GRID_CODE.test(key)) return { kind: "grid", code: key };
  if (kind === "building" && BUILDING_ID.test(key)) return { kind: "building", id: key };
  if (kind === "case" && CASE_ID.test(key)) return { kind: "case", id: key };
  if (kind === "officer" && OFFICER_ID.test(key)) return { kind: "officer", id: key };
  return null;
}

export function formatSelection(selection: Selection): string {
  return selection.kind === "grid" ? `grid:${selection.code}` : `${selection.kind}:${selection.id}`;
}

export function readView(search: string = location.search): ViewState | null {
  const params = new URLSearchParams(search);
  const zoom = Number(params.get("z"));
  const lat = Number(params.get("lat"));
  const lon = Number(params.get("lon"));
  if (!params.has("z") || !params.has("lat") || !params.has("lon")) return null;
  if (![zoom, lat, lon].every(Number.isFinite)) return null;
  if (zoom < 0 || zoom > 24 || Math.abs(lat) > 85 || Math.abs(lon) > 180) return null;
  return { zoom, lat, lon };
}

export function readSelection(search: string = location.search): Selection | null {
  return parseSelection(new URLSearchParams(search).get("sel"));
}

/** The page URL for a view and selection; other query parameters are kept. */
export function buildUrl(view: ViewState, selection: Selection | null, current: URL = new URL(location.href)): URL {
  const url = new URL(current.href);
  // About a metre of precision at every zoom the console uses; longer numbers only clutter links.
  url.searchParams.set("z", view.zoom.toFixed(2));
  url.searchParams.set("lat", view.lat.toFixed(6));
  url.searchParams.set("lon", view.lon.toFixed(6));
  if (selection) {
    url.searchParams.set("sel", formatSelection(selection));
  } else {
    url.searchParams.delete("sel");
  }
  url.hash = "";
  return url;
}

export function writeUrl(view: ViewState, selection: Selection | null): void {
  const url = buildUrl(view, selection);
  // ":" is legal in a query (RFC 3986); leaving it unescaped keeps shared links readable (sel=grid:…).
  const search = url.search.replace(/%3A/gi, ":");
  if (url.pathname + search !== location.pathname + location.search) {
    history.replaceState(history.state, "", url.pathname + search);
  }
}
