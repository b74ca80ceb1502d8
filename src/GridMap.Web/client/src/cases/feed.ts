// The live case feed over the map: the most recently changed cases of the console's scope, newest
// first. Loaded from GET /api/v1/cases/feed, then kept current by the hub's "cases" messages.
// What arrives live is unread until clicked (or "mark all read"); the counter says how many.
import { stateStyle, text, type CaseConfig } from "./config";
import { isNewer, isOpen, isOverdue, subcategoryName, type CaseItem } from "./model";

interface Entry {
  item: CaseItem;
  unread: boolean;
  /** Arrival order breaks ties between equal times. */
  seq: number;
}

export interface FeedEntryView {
  id: number;
  number: string;
  state: string;
  unread: boolean;
  overdue: boolean;
  escalationLevel: number;
}

export class CaseFeed {
  private readonly entries = new Map<number, Entry>();
  private seq = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly config: CaseConfig,
    private readonly onOpen: (item: CaseItem) => void,
  ) {
    root.querySelector("#case-feed-read-all")?.addEventListener("click", () => this.markAllRead());
    const collapse = root.querySelector<HTMLButtonElement>("#case-feed-collapse");
    collapse?.addEventListener("click", () => {
      const collapsed = root.classList.toggle("gm-case-feed-collapsed");
      collapse.setAttribute("aria-expanded", String(!collapsed));
    });
    this.list.addEventListener("click", (event) => {
      const target = event.target instanceof Element ? event.target.closest<HTMLElement>("[data-case-id]") : null;
      if (!target) return;
      event.preventDefault();
      const entry = this.entries.get(Number(target.dataset.caseId));
      if (!entry) return;
      entry.unread = false;
      this.render();
      this.onOpen(entry.item);
    });
  }

  private get list(): HTMLElement {
    return this.root.querySelector<HTMLElement>("#case-feed-list") ?? this.root;
  }

  async load(): Promise<void> {
    try {
      const response = await fetch(`/api/v1/cases/feed?limit=${this.config.feedSize}`, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const items = (await response.json()) as CaseItem[];
      for (const item of items.slice().reverse()) {
        const current = this.entries.get(item.id);
        if (current && !isNewer(item, current.item)) continue;
        this.entries.set(item.id, { item: { ...current?.item, ...item }, unread: current?.unread ?? false, seq: current?.seq ?? ++this.seq });
      }
      this.trim();
      this.render();
    } catch (error) {
      console.warn("cases: feed load failed", error);
    }
  }

  /** Live news: each case moves to the top, unread. */
  push(batch: readonly CaseItem[], unread = true): void {
    for (const item of batch) {
      const current = this.entries.get(item.id);
      if (current && !isNewer(item, current.item)) continue;
      this.entries.set(item.id, { item: { ...current?.item, ...withoutNulls(item) } as CaseItem, unread: unread || (current?.unread ?? false), seq: ++this.seq });
    }
    this.trim();
    this.render();
  }

  markRead(id: number): void {
    const entry = this.entries.get(id);
    if (entry?.unread) {
      entry.unread = false;
      this.render();
    }
  }

  markAllRead(): void {
    for (const entry of this.entries.values()) entry.unread = false;
    this.render();
  }

  get unread(): number {
    let n = 0;
    for (const e of this.entries.values()) if (e.unread) n++;
    return n;
  }

  view(): FeedEntryView[] {
    const now = Date.now();
    return this.sorted().map((e) => ({
      id: e.item.id,
      number: e.item.number,
      state: e.item.state,
      unread: e.unread,
      overdue: isOpen(this.config, e.item) && isOverdue(e.item, now),
      escalationLevel: e.item.escalationLevel ?? 0,
    }));
  }

  render(): void {
    const now = Date.now();
    const list = this.list;
    const rows = this.sorted().map((entry) => this.row(entry, now));
    if (rows.length === 0) {
      const empty = document.createElement("li");
      empty.className = "gm-case-feed-empty";
      empty.textContent = text(this.config, "CaseMap_Feed_Empty");
      rows.push(empty);
    }
    list.replaceChildren(...rows);
    const badge = this.root.querySelector<HTMLElement>("#case-feed-unread");
    if (badge) {
      const unread = this.unread;
      badge.hidden = unread === 0;
      badge.textContent = String(unread);
      badge.title = text(this.config, "CaseMap_Feed_Unread", unread);
    }
  }

  private row(entry: Entry, now: number): HTMLLIElement {
    const item = entry.item;
    const style = stateStyle(this.config, item.state);
    const overdue = style.open && isOverdue(item, now);
    const escalated = (item.escalationLevel ?? 0) > 0;

    const li = document.createElement("li");
    li.className = "gm-case-feed-item";
    li.classList.toggle("gm-case-feed-unread", entry.unread);
    li.classList.toggle("gm-case-feed-overdue", overdue);
    li.classList.toggle("gm-case-feed-escalated", escalated);
    li.dataset.testid = "case-feed-item";

    const button = document.createElement("button");
    button.type = "button";
    button.dataset.caseId = String(item.id);
    button.dataset.state = item.state;

    const top = document.createElement("div");
    top.className = "gm-case-feed-top";
    const badge = document.createElement("span");
    badge.className = "gm-case-feed-state";
    badge.style.background = style.color;
    badge.textContent = style.name;
    const name = document.createElement("span");
    name.className = "gm-case-feed-name";
    name.textContent = subcategoryName(this.config, item);
    top.append(badge, name);
    if (overdue) top.append(flag("gm-case-flag-overdue", text(this.config, "CaseMap_Feed_Overdue")));
    if (escalated) top.append(flag("gm-case-flag-escalated", text(this.config, "CaseMap_Feed_Escalated", item.escalationLevel)));

    const bottom = document.createElement("div");
    bottom.className = "gm-case-feed-meta";
    const number = document.createElement("span");
    number.className = "gm-case-feed-number";
    number.textContent = item.number;
    const grid = document.createElement("span");
    grid.className = "gm-code";
    grid.textContent = item.gridCode;
    const time = document.createElement("time");
    if (item.time) {
      time.dateTime = item.time;
      time.textContent = this.formatTime(item.time, now);
    }
    bottom.append(number, grid, time);

    button.append(top, bottom);
    li.append(button);
    return li;
  }

  private formatTime(iso: string, now: number): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return "";
    const day = (d: Date) => d.toLocaleDateString("zh-CN", { timeZone: this.config.timeZone, month: "2-digit", day: "2-digit" });
    const clock = date.toLocaleTimeString("zh-CN", { hour12: false, timeZone: this.config.timeZone, hour: "2-digit", minute: "2-digit" });
    return day(date) === day(new Date(now)) ? clock : `${day(date)} ${clock}`;
  }

  private sorted(): Entry[] {
    return [...this.entries.values()].sort((a, b) => {
      const ta = a.item.time ? Date.parse(a.item.time) : 0;
      const tb = b.item.time ? Date.parse(b.item.time) : 0;
      return tb - ta || b.seq - a.seq;
    });
  }

  private trim(): void {
    const keep = Math.max(this.config.feedSize, 10);
    const sorted = this.sorted();
    for (const entry of sorted.slice(keep)) {
      if (!entry.unread) this.entries.delete(entry.item.id);
    }
  }
}

function flag(className: string, label: string): HTMLSpanElement {
  const span = document.createElement("span");
  span.className = `gm-case-flag ${className}`;
  span.textContent = label;
  return span;
}

function withoutNulls(item: CaseItem): Partial<CaseItem> {
  return Object.fromEntries(Object.entries(item).filter(([key, v]) => v !== undefined && (v !== null || key === "deadline"))) as Partial<CaseItem>;
}
