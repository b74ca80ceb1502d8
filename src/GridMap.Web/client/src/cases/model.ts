// A case as the console keeps it: the hub message / API item plus when this console learnt of it.
import type { CaseMessage } from "../live/messages";
import { stateStyle, type CaseConfig } from "./config";

export type CaseItem = CaseMessage;

/** Overdue now: the server's flag when it was sent, or a running deadline that has passed since. */
export function isOverdue(item: CaseItem, now: number = Date.now()): boolean {
  if (item.overdue) return true;
  if (!item.deadline) return false;
  const deadline = Date.parse(item.deadline);
  return Number.isFinite(deadline) && deadline < now;
}

export function isOpen(config: CaseConfig, item: CaseItem): boolean {
  return stateStyle(config, item.state).open;
}

export function subcategoryName(config: CaseConfig, item: CaseItem): string {
  const name = config.culture === "en" ? item.subcategoryNameEn ?? item.subcategoryName : item.subcategoryName;
  return name || item.subcategory || "";
}

/** Newer wins: a message about an older version of a case must not replace a newer one. */
export function isNewer(next: CaseItem, current: CaseItem | undefined): boolean {
  if (!current) return true;
  if (!next.time || !current.time) return true;
  return Date.parse(next.time) >= Date.parse(current.time);
}
