// The case layer's configuration, rendered by CaseMapOverlay.razor into
// <script type="application/json" id="case-config">; mirrors
// GridMap.Web.Components.CaseMap.CaseMapClientConfig.

export interface CaseStateStyle {
  code: string;
  name: string;
  color: string;
  open: boolean;
}

export interface CaseConfig {
  culture: string;
  /** The district's zone: feed times are shown in it whatever the browser's zone. */
  timeZone: string;
  recentlyClosedDays: number;
  feedSize: number;
  states: CaseStateStyle[];
  strings: Record<string, string>;
}

export function readCaseConfig(doc: Document = document): CaseConfig | null {
  const element = doc.getElementById("case-config");
  if (!element?.textContent) return null;
  return JSON.parse(element.textContent) as CaseConfig;
}

/** The localized string with {0}, {1} … replaced; the key itself when missing (visible, not blank). */
export function text(config: CaseConfig, key: string, ...args: (string | number)[]): string {
  const template = config.strings[key] ?? key;
  return template.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ""));
}

export function stateStyle(config: CaseConfig, code: string): CaseStateStyle {
  return config.states.find((s) => s.code === code) ?? { code, name: code, color: "#495057", open: true };
}
