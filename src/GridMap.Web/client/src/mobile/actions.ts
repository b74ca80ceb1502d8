// A task's buttons (签收 accept, 开始处置 start, 处置完毕 handle): each posts to
// /api/v1/cases/{id}/transitions with the version shown, the note and the phone's position;
// handle first uploads the evidence photos to /api/v1/cases/{id}/photos and cites their ids.
import { ApiError, antiforgeryToken, post, type PhotoStored } from "./api";
import { clearErrors, put, showProblem } from "./errors";
import { attachPreviews } from "./photos";
import { PositionWatch } from "./position";
import { t } from "./strings";

const fieldAliases: Record<string, string> = { photoIds: "photo", lat: "action", lon: "action", version: "action", RequestVerificationToken: "action" };

export function initActions(form: HTMLFormElement): void {
  const caseId = form.dataset.case!;
  const version = Number(form.dataset.version);
  const evidence = form.querySelector<HTMLInputElement>('input[name="photo"]');
  if (evidence) {
    attachPreviews(evidence, form.querySelector<HTMLElement>('[data-previews-for="evidence"]'));
    evidence.addEventListener("change", () => put(form, "photo", ""));
  }
  // The position is sent when the phone has one; an action is never held back for it.
  const watch = new PositionWatch(form.querySelector<HTMLElement>("[data-position]"));
  watch.start();

  const buttons = Array.from(form.querySelectorAll<HTMLButtonElement>("button[data-action]"));
  for (const button of buttons) {
    button.addEventListener("click", () => void act(button.dataset.action!));
  }

  async function act(action: string): Promise<void> {
    clearErrors(form);
    const token = antiforgeryToken(form);
    const files = Array.from(evidence?.files ?? []);
    if (action === "handle" && files.length === 0) {
      put(form, "photo", t("Mobile_EvidenceRequired"));
      return;
    }
    buttons.forEach((b) => (b.disabled = true));
    try {
      let photoIds: string[] = [];
      if (action === "handle") {
        const data = new FormData();
        for (const file of files) data.append("photo", file, file.name);
        const stored = await post<PhotoStored[]>(`/api/v1/cases/${caseId}/photos`, data, token);
        photoIds = stored.map((p) => p.id);
      }
      const note = form.querySelector<HTMLTextAreaElement>('textarea[name="note"]')?.value.trim() ?? "";
      const fix = watch.current;
      await post(`/api/v1/cases/${caseId}/transitions`, {
        action,
        version,
        note: note.length > 0 ? note : null,
        photoIds: photoIds.length > 0 ? photoIds : null,
        lat: fix?.lat ?? null,
        lon: fix?.lon ?? null,
      }, token);
      window.location.reload();
    } catch (error) {
      if (error instanceof ApiError) showProblem(form, error.problem, "action", fieldAliases);
      else put(form, "action", t("Mobile_Failed", { reason: String(error) }));
      buttons.forEach((b) => (b.disabled = false));
    }
  }
}
