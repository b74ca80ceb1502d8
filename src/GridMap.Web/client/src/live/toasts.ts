// Geofence alerts as a stack of toasts over the map. "Left the grid" stays until the officer is
// back (or someone dismisses it); "back" and "shift ended" replace it and fade after a while.
import { clock, text, type LiveConfig } from "./config";
import type { AlertMessage } from "./messages";

const CLEARED_VISIBLE_MS = 10_000;
const MAX_TOASTS = 8;

export class AlertToasts {
  constructor(
    private readonly container: HTMLElement,
    private readonly config: LiveConfig,
    private readonly onLocate: (officerId: number) => void,
  ) {}

  show(alert: AlertMessage): void {
    // One toast per officer: the newest event replaces the older one.
    this.container.querySelector(`[data-officer="${alert.officerId}"]`)?.remove();

    const left = alert.kind === "left_grid";
    const toast = document.createElement("div");
    toast.className = `gm-live-toast ${left ? "gm-live-toast-left" : "gm-live-toast-cleared"}`;
    toast.setAttribute("role", left ? "alert" : "status");
    toast.dataset.officer = String(alert.officerId);
    toast.dataset.kind = alert.kind;
    toast.dataset.alert = String(alert.id);

    const body = document.createElement("button");
    body.type = "button";
    body.className = "gm-live-toast-body";
    const title = document.createElement("div");
    title.className = "gm-live-toast-title";
    const key = left ? "Live_Alert_Left" : alert.kind === "returned" ? "Live_Alert_Returned" : "Live_Alert_ShiftEnded";
    title.textContent = text(this.config, key, alert.name || `#${alert.officerId}`);
    const detail = document.createElement("div");
    detail.className = "gm-live-toast-detail";
    const where = alert.atGridCode ?? text(this.config, "Live_Officer_OutsideDistrict");
    detail.textContent = `${clock(this.config, alert.time)} · ${text(this.config, "Live_Alert_At", where)}`;
    body.append(title, detail);
    body.addEventListener("click", () => this.onLocate(alert.officerId));

    const close = document.createElement("button");
    close.type = "button";
    close.className = "btn-close btn-close-white gm-live-toast-close";
    close.setAttribute("aria-label", text(this.config, "Live_Alert_Dismiss"));
    close.addEventListener("click", () => toast.remove());

    toast.append(body, close);
    this.container.prepend(toast);
    while (this.container.children.length > MAX_TOASTS) this.container.lastElementChild?.remove();

    if (!left) {
      window.setTimeout(() => toast.remove(), CLEARED_VISIBLE_MS);
    }
  }
}
