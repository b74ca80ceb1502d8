// 上报: the report form. Position from the phone (required), category, description and photos,
// posted as multipart/form-data to POST /api/v1/cases. A 409 offers the open case it may repeat
// and "file anyway"; a filed case shows its number, assignee and deadline.
import { ApiError, antiforgeryToken, post, type CaseCreated, type DuplicateCandidate } from "./api";
import { clearErrors, put, showProblem } from "./errors";
import { attachPreviews } from "./photos";
import { PositionWatch } from "./position";
import { t } from "./strings";
import { formatInstant } from "./time";

const fieldAliases: Record<string, string> = { lat: "location", lon: "location", buildingId: "location", body: "form", RequestVerificationToken: "form" };

export function initReport(form: HTMLFormElement): void {
  const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  const photos = form.querySelector<HTMLInputElement>('input[name="photos"]')!;
  attachPreviews(photos, form.querySelector<HTMLElement>('[data-previews-for="photos"]'));
  const watch = new PositionWatch(form.querySelector<HTMLElement>("[data-position]"), (fix) => {
    submit.disabled = fix === null;
  });
  watch.start();

  const duplicate = form.querySelector<HTMLElement>("[data-duplicate]")!;
  let sending = false;

  async function send(confirmNotDuplicate: boolean): Promise<void> {
    if (sending) return;
    clearErrors(form);
    const fix = watch.current;
    const invalid = fieldErrors(form, photos);
    if (fix === null) invalid.location = [t("Mobile_NoPosition")];
    if (Object.keys(invalid).length > 0 || fix === null) {
      showProblem(form, { status: 400, title: "", errors: invalid, body: {} }, "form", fieldAliases);
      return;
    }
    const data = new FormData(form);
    data.set("lat", String(fix.lat));
    data.set("lon", String(fix.lon));
    data.delete("__RequestVerificationToken");
    if (confirmNotDuplicate) data.set("confirmNotDuplicate", "true");
    // An empty file input still sends one empty part; leave it out.
    data.delete("photos");
    for (const file of Array.from(photos.files ?? [])) data.append("photos", file, file.name);

    sending = true;
    submit.disabled = true;
    const label = submit.textContent;
    submit.textContent = t("Mobile_Sending");
    try {
      const created = await post<CaseCreated>("/api/v1/cases", data, antiforgeryToken(form));
      showResult(form, created);
    } catch (error) {
      if (error instanceof ApiError && error.problem.status === 409 && Array.isArray(error.problem.body.duplicates)) {
        showDuplicate(duplicate, (error.problem.body.duplicates as DuplicateCandidate[])[0]!);
      } else if (error instanceof ApiError) {
        showProblem(form, error.problem, "form", fieldAliases);
      } else {
        put(form, "form", t("Mobile_Failed", { reason: String(error) }));
      }
    } finally {
      sending = false;
      submit.textContent = label;
      submit.disabled = watch.current === null;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    duplicate.hidden = true;
    void send(false);
  });
  form.querySelector<HTMLButtonElement>("[data-file-anyway]")!.addEventListener("click", () => {
    duplicate.hidden = true;
    void send(true);
  });
}

/**
 * The server's report rules (CaseRules.ValidateReport), checked before posting so that every
 * field's error shows at once: the same rules with the limits the page was rendered with
 * (data-max-description, data-max-photos) and the server's messages (Validation_*, Field_*).
 * The server checks again and answers in the same words.
 */
export function fieldErrors(form: HTMLFormElement, photos: HTMLInputElement): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, code: string, ...args: (string | number)[]) => {
    const values: Record<string, string | number> = { 0: t(`Field_${field}`) };
    args.forEach((value, i) => (values[i + 1] = value));
    (errors[field] ??= []).push(t(`Validation_${code}`, values));
  };
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | null)?.value.trim() ?? "";
  const maxDescription = Number(form.dataset.maxDescription);
  const maxPhotos = Number(form.dataset.maxPhotos);
  if (value("category") === "") add("category", "required");
  const description = value("description");
  if (description === "") add("description", "required");
  else if (description.length > maxDescription) add("description", "too_long", maxDescription, description.length);
  const count = photos.files?.length ?? 0;
  if (count > maxPhotos) add("photos", "too_many", maxPhotos, count);
  return errors;
}

function showDuplicate(box: HTMLElement, candidate: DuplicateCandidate): void {
  box.querySelector<HTMLElement>("[data-duplicate-text]")!.textContent = t("Mobile_DuplicateFound", {
    number: candidate.number,
    state: t(`Case_State_${candidate.state}`),
    distance: Math.round(candidate.distanceMetres),
  });
  const link = box.querySelector<HTMLAnchorElement>("[data-duplicate-link]")!;
  link.href = `/m/cases/${candidate.id}`;
  link.textContent = candidate.number;
  box.hidden = false;
  box.scrollIntoView({ block: "center" });
}

function showResult(form: HTMLFormElement, created: CaseCreated): void {
  const result = document.querySelector<HTMLElement>("[data-report-result]")!;
  const set = (name: string, text: string) => {
    result.querySelector<HTMLElement>(`[data-result="${name}"]`)!.textContent = text;
  };
  set("number", created.number);
  set("state", t(`Case_State_${created.state}`));
  set("assignee", created.assignee?.name ?? (created.assignee ? `#${created.assignee.officerId}` : t("Mobile_NotAssigned")));
  set("deadline", created.deadline ? formatInstant(created.deadline) : "–");
  result.querySelector<HTMLAnchorElement>('[data-result="link"]')!.href = `/m/cases/${created.id}`;
  result.dataset.case = String(created.id);
  form.hidden = true;
  result.hidden = false;
  window.scrollTo(0, 0);
}
