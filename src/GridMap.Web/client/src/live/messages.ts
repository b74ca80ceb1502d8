// What the hub sends (/hubs/live); mirrors GridMap.Web.Live.LiveMessages (camelCase JSON).

export type LiveStateCode = "live" | "stale" | "offline";

export interface PositionMessage {
  officerId: number;
  deviceId: string;
  name: string;
  role: string;
  gridCode: string;
  lat: number;
  lon: number;
  heading: number | null;
  speed: number | null;
  time: string;
  state: LiveStateCode;
  battery: number | null;
}

export type AlertKind = "left_grid" | "returned" | "shift_ended";

export interface AlertMessage {
  id: number;
  officerId: number;
  name: string;
  kind: AlertKind;
  gridCode: string;
  atGridCode: string | null;
  lat: number;
  lon: number;
  time: string;
}

export interface StateMessage {
  officerId: number;
  state: LiveStateCode;
  lastReport: string;
}

/**
 * A case as the hub pushes it ("cases" messages) and as GET /api/v1/cases/map and /feed return it;
 * mirrors GridMap.Web.Live.LiveCaseMessage. The fields after escalationLevel were added for the
 * case feed and may be missing from older servers.
 */
export interface CaseMessage {
  id: number;
  number: string;
  state: string;
  gridCode: string;
  lat: number;
  lon: number;
  overdue: boolean;
  escalationLevel: number;
  subcategory?: string | null;
  subcategoryName?: string | null;
  subcategoryNameEn?: string | null;
  severity?: string | null;
  deadline?: string | null;
  /** When the case last changed. */
  time?: string | null;
}

/** One officer of GET /api/v1/officers/live (ingest's API), when it exists. */
export interface LiveOfficerDto {
  officerId: number;
  deviceId?: string;
  name?: string;
  role?: string;
  gridCode?: string;
  lat: number;
  lon: number;
  heading?: number | null;
  speed?: number | null;
  time: string;
  state?: LiveStateCode;
  battery?: number | null;
}
