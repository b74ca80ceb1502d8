// Shows a problem's messages next to the fields they name (elements with data-error-for),
// and the rest in the form-wide slot.
import type { Problem } from "./api";

export function clearErrors(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>("[data-error-for]").forEach((el) => {
    el.textContent = "";
  });
}

/**
 * Places each field's messages in its slot; <paramref name="aliases"/> maps API field names onto
 * the page's slots (lat/lon → the position). Fields without a slot, and a problem without
 * fields, go to <paramref name="fallback"/>.
 */
export function showProblem(root: ParentNode, problem: Problem, fallback: string, aliases: Record<string, string> = {}): void {
  const entries = Object.entries(problem.errors);
  if (entries.length === 0) {
    put(root, fallback, problem.title);
    return;
  }
  for (const [field, messages] of entries) {
    const slot = aliases[field] ?? field;
    if (!put(root, slot, messages.join(" "))) put(root, fallback, messages.join(" "));
  }
}

export function put(root: ParentNode, field: string, text: string): boolean {
  const el = root.querySelector<HTMLElement>(`[data-error-for="${field}"]`);
  if (!el) return false;
  el.textContent = text;
  return true;
}
