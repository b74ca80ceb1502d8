// The live layer's configuration, rendered by LiveOverlay.razor into
// <script type="application/json" id="live-config">; mirrors GridMap.Web.Live.LiveClientConfig.

export interface LiveRole {
  code: string;
  name: string;
  color: string;
}

export interface LiveConfig {
  hubUrl: string;
  staleAfterSeconds: number;
  offlineAfterSeconds: number;
  /** Officers silent for longer are not drawn. */
  showSilentForSeconds: number;
  coalescingMilliseconds: number;
  coverageDays: number;
  coverageDistance: number;
  maxTrackHours: number;
  /** The district's zone (Asia/Shanghai): times are shown and typed in it, whatever the browser's zone. */
  timeZone: string;
  roles: LiveRole[];
  strings: Record<string, string>;
}

export function readLiveConfig(doc: Document = document): LiveConfig | null {
  const element = doc.getElementById("live-config");
  if (!element?.textContent) return null;
  return JSON.parse(element.textContent) as LiveConfig;
}

/** The localized string, with {0}, {1} … replaced; the key itself when missing (visible, not blank). */
export function text(config: LiveConfig, key: string, ...args: (string | number)[]): string {
  const template = config.strings[key] ?? key;
  return template.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ""));
}

export function roleColour(config: LiveConfig, role: string): string {
  return config.roles.find((r) => r.code === role)?.color ?? "#495057";
}

export function roleName(config: LiveConfig, role: string): string {
  return config.roles.find((r) => r.code === role)?.name ?? role;
}

/** Wall-clock time (HH:mm:ss) of an ISO instant in the district's zone. */
export function clock(config: LiveConfig, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  return d.toLocaleTimeString("zh-CN", { hour12: false, timeZone: config.timeZone });
}

/** Month-day (MM-dd) of an ISO instant in the district's zone. */
export function day(config: LiveConfig, iso: string): string {
  const parts = zonedParts(config, new Date(iso));
  return `${parts.month}-${parts.day}`;
}

/**
 * A datetime-local input's value (YYYY-MM-DDTHH:mm) for an instant, in the district's zone. The
 * server reads a time without an offset as district time, so the value is sent as typed.
 */
export function districtInputValue(config: LiveConfig, date: Date): string {
  const p = zonedParts(config, date);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

function zonedParts(config: LiveConfig, date: Date): Record<"year" | "month" | "day" | "hour" | "minute", string> {
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone: config.timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute };
}
