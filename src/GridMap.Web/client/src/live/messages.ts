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
