// "上报事件": report a hazard from the console. Report mode waits for a click on the map (a click on
// a building also names the building), or the building panel's "在此上报" button names one; the
// form (rendered by CaseMapOverlay.razor with the current taxonomy) then posts to
// POST /api/v1/cases — JSON without photos, multipart/form-data with them — with the page's
// antiforgery token in the RequestVerificationToken header. A 409 with duplicates is offered as
// a merge: open the existing case, or file anyway (confirmNotDuplicate).
import { Marker, type Map as MapLibreMap, type MapMouseEvent, type PointLike } from "maplibre-gl";
import { stateStyle, text, type CaseConfig } from "./config";
import type { CaseItem } from "./model";

export interface ReportPlace {
  lat: number;
  lon: number;
  buildingId: string | null;
  address?: string;
}

interface Duplicate {
  id: number;
  number: string;
  state: string;
  distanceMetres: number;
  sameBuilding: boolean;
}

interface Problem {
  title?: string;
  errors?: Record<string, string[]>;
  duplicates?: Duplicate[];
}

export interface FiledCase {
  id: number;
  number: string;
  gridCode: string;
  state: string;
  deadline: string | null;
}

const LOCATION_FIELDS = new Set(["lat", "lon", "location", "buildingId", "body"]);

export class CaseReporter {
  private active = false;
  private place: ReportPlace | null = null;
  private marker: Marker | null = null;
  private sending = false;
  /** For tests and the console: the last answer's status, and the duplicates offered. */
  lastStatus: number | null = null;
  lastDuplicates: Duplicate[] = [];

  constructor(
    private readonly map: MapLibreMap,
    private readonly config: CaseConfig,
    private readonly form: HTMLFormElement,
    private readonly toggle: HTMLButtonElement | null,
    private readonly hint: HTMLElement | null,
    private readonly pickBuilding: (point: PointLike) => string | null,
    private readonly onFiled: (filed: FiledCase, item: CaseItem) => void,
    private readonly onOpenExisting: (id: number) => void,
  ) {
    toggle?.addEventListener("click", () => (this.active ? this.cancel() : this.start()));
    document.addEventListener("click", (event) => {
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest("[data-case-report-cancel]")) {
        event.preventDefault();
        this.cancel();
        return;
      }
      const here = target?.closest<HTMLElement>("[data-case-report-building]");
      if (here) {
        event.preventDefault();
        void this.atBuilding(here.dataset.caseReportBuilding ?? "");
      }
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && (this.active || !this.form.hidden)) this.cancel();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.submit(false);
    });
  }

  get reportMode(): boolean {
    return this.active;
  }

  /** Report mode: the next map click places the report. */
  start(): void {
    this.active = true;
    this.toggle?.setAttribute("aria-pressed", "true");
    this.toggle?.classList.add("active");
    if (this.hint) this.hint.hidden = false;
    this.map.getCanvas().classList.add("gm-case-picking");
  }

  cancel(): void {
    this.active = false;
    this.toggle?.setAttribute("aria-pressed", "false");
    this.toggle?.classList.remove("active");
    if (this.hint) this.hint.hidden = true;
    this.map.getCanvas().classList.remove("gm-case-picking");
    this.form.hidden = true;
    this.marker?.remove();
    this.marker = null;
    this.place = null;
  }

  /** The map's click, offered first: consumed while in report mode. */
  intercept(event: MapMouseEvent): boolean {
    if (!this.active) return false;
    const building = this.pickBuilding(event.point);
    this.open({ lat: event.lngLat.lat, lon: event.lngLat.lng, buildingId: building });
    return true;
  }

  async atBuilding(buildingId: string): Promise<void> {
    if (!/^\d+$/.test(buildingId)) return;
    const response = await fetch(`/api/v1/cases/intake/buildings/${buildingId}`, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) {
      this.start();
      return;
    }
    const place = (await response.json()) as { buildingId: number; address: string; lat: number; lon: number };
    this.active = true;
    this.toggle?.setAttribute("aria-pressed", "true");
    this.toggle?.classList.add("active");
    this.open({ lat: place.lat, lon: place.lon, buildingId: String(place.buildingId), address: place.address });
  }

  open(place: ReportPlace): void {
    this.place = place;
    if (this.hint) this.hint.hidden = true;
    this.marker?.remove();
    this.marker = new Marker({ color: "#e03131" }).setLngLat([place.lon, place.lat]).addTo(this.map);
    this.field("lat").value = place.lat.toFixed(7);
    this.field("lon").value = place.lon.toFixed(7);
    this.field("buildingId").value = place.buildingId ?? "";
    const where = this.form.querySelector<HTMLElement>("[data-case-report-place]");
    if (where) {
      where.textContent = place.buildingId
        ? text(this.config, "CaseMap_Report_Building", place.address ?? `#${place.buildingId}`)
        : text(this.config, "CaseMap_Report_Point", place.lat.toFixed(5), place.lon.toFixed(5));
    }
    this.clearErrors();
    this.showDuplicates([]);
    this.form.hidden = false;
    this.form.querySelector<HTMLSelectElement>("select[name=category]")?.focus();
  }

  async submit(confirmNotDuplicate: boolean): Promise<void> {
    if (this.sending || !this.place) return;
    this.sending = true;
    this.clearErrors();
    const submit = this.form.querySelector<HTMLButtonElement>("button[type=submit]");
    if (submit) submit.disabled = true;
    try {
      const category = this.field("category").value;
      const description = this.field("description").value;
      const photos = this.form.querySelector<HTMLInputElement>("input[name=photos]")?.files;
      const token = this.form.querySelector<HTMLInputElement>("input[name=__RequestVerificationToken]")?.value ?? "";
      const headers: Record<string, string> = { Accept: "application/json", RequestVerificationToken: token };
      let body: BodyInit;
      if (photos && photos.length > 0) {
        const data = new FormData();
        data.set("lat", this.field("lat").value);
        data.set("lon", this.field("lon").value);
        data.set("category", category);
        data.set("description", description);
        if (this.place.buildingId) data.set("buildingId", this.place.buildingId);
        if (confirmNotDuplicate) data.set("confirmNotDuplicate", "true");
        data.set("__RequestVerificationToken", token);
        for (const file of photos) data.append("photos", file);
        body = data;
      } else {
        headers["Content-Type"] = "application/json";
        body = JSON.stringify({
          lat: Number(this.field("lat").value),
          lon: Number(this.field("lon").value),
          category: category || null,
          description: description || null,
          buildingId: this.place.buildingId ? Number(this.place.buildingId) : null,
          confirmNotDuplicate,
        });
      }
      const response = await fetch("/api/v1/cases", { method: "POST", credentials: "same-origin", headers, body });
      this.lastStatus = response.status;
      if (response.status === 401) {
        this.showError("_", text(this.config, "CaseMap_Report_SessionExpired"));
        return;
      }
      const answer = (await response.json().catch(() => ({}))) as Problem & FiledCase;
      if (response.status === 201) {
        const option = this.form.querySelector<HTMLOptionElement>(`select[name=category] option[value="${CSS.escape(category)}"]`);
        const item: CaseItem = {
          id: answer.id,
          number: answer.number,
          state: answer.state,
          gridCode: answer.gridCode,
          lat: this.place.lat,
          lon: this.place.lon,
          overdue: false,
          escalationLevel: 0,
          subcategory: category,
          subcategoryName: option?.textContent ?? category,
          subcategoryNameEn: option?.textContent ?? category,
          deadline: answer.deadline,
          time: new Date().toISOString(),
        };
        this.form.reset();
        this.cancel();
        this.onFiled(answer, item);
        return;
      }
      if (response.status === 409 && answer.duplicates && answer.duplicates.length > 0) {
        this.showDuplicates(answer.duplicates);
        return;
      }
      if (answer.errors && Object.keys(answer.errors).length > 0) {
        for (const [field, messages] of Object.entries(answer.errors)) {
          this.showError(LOCATION_FIELDS.has(field) ? "location" : this.hasSlot(field) ? field : "_", messages.join(" "));
        }
        return;
      }
      this.showError("_", text(this.config, "CaseMap_Report_Failed", answer.title ?? `HTTP ${response.status}`));
    } catch (error) {
      this.showError("_", text(this.config, "CaseMap_Report_Failed", String(error)));
    } finally {
      this.sending = false;
      if (submit) submit.disabled = false;
    }
  }

  private showDuplicates(duplicates: Duplicate[]): void {
    this.lastDuplicates = duplicates;
    const box = this.form.querySelector<HTMLElement>("[data-case-duplicates]");
    if (!box) return;
    box.replaceChildren();
    box.hidden = duplicates.length === 0;
    if (duplicates.length === 0) return;
    const title = document.createElement("div");
    title.className = "gm-case-duplicates-title";
    title.textContent = text(this.config, "CaseMap_Duplicate_Title");
    const list = document.createElement("ul");
    for (const d of duplicates) {
      const li = document.createElement("li");
      const label = document.createElement("span");
      label.textContent = text(this.config, "CaseMap_Duplicate_Item", d.number, stateStyle(this.config, d.state).name, Math.round(d.distanceMetres))
        + (d.sameBuilding ? ` · ${text(this.config, "CaseMap_Duplicate_SameBuilding")}` : "");
      const open = document.createElement("button");
      open.type = "button";
      open.className = "btn btn-sm btn-primary";
      open.dataset.testid = "case-duplicate-open";
      open.textContent = text(this.config, "CaseMap_Duplicate_Open");
      open.addEventListener("click", () => {
        this.form.reset();
        this.cancel();
        this.onOpenExisting(d.id);
      });
      li.append(label, open);
      list.append(li);
    }
    const anyway = document.createElement("button");
    anyway.type = "button";
    anyway.className = "btn btn-sm btn-outline-danger";
    anyway.dataset.testid = "case-duplicate-file-anyway";
    anyway.textContent = text(this.config, "CaseMap_Duplicate_FileAnyway");
    anyway.addEventListener("click", () => void this.submit(true));
    box.append(title, list, anyway);
  }

  private field(name: string): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
    const element = this.form.elements.namedItem(name);
    if (!element || element instanceof RadioNodeList) throw new Error(`report form has no field ${name}`);
    return element as HTMLInputElement;
  }

  private hasSlot(field: string): boolean {
    return this.form.querySelector(`[data-error-for="${CSS.escape(field)}"]`) !== null;
  }

  private showError(field: string, message: string): void {
    const slot = this.form.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(field)}"]`);
    if (slot) slot.textContent = message;
    const input = this.form.elements.namedItem(field);
    if (input instanceof HTMLElement) input.classList.add("is-invalid");
  }

  private clearErrors(): void {
    for (const slot of this.form.querySelectorAll<HTMLElement>("[data-error-for]")) slot.textContent = "";
    for (const input of this.form.querySelectorAll(".is-invalid")) input.classList.remove("is-invalid");
  }
}
