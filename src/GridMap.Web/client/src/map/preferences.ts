// Layer switches and the colour switch survive a reload and the language switch (which reloads
// the page): they are kept in localStorage, per browser, not in the shared URL, because a link
// shares a place and a selection, not one's layer taste.

const KEY = "gridmap.ui.v1";

interface Preferences {
  layers: Record<string, boolean>;
  colourBy?: string;
}

function load(): Preferences {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? "{}") as Partial<Preferences>;
    return { layers: typeof parsed.layers === "object" && parsed.layers ? parsed.layers : {}, colourBy: parsed.colourBy };
  } catch {
    return { layers: {} };
  }
}

function save(preferences: Preferences): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(preferences));
  } catch {
    // Storage can be full or disabled; the switches then simply reset on reload.
  }
}

/** Puts the stored states into the toolbar's inputs, before the map reads them. */
export function restorePreferences(root: ParentNode = document): void {
  const preferences = load();
  for (const input of root.querySelectorAll<HTMLInputElement>("input[data-layer]")) {
    const stored = preferences.layers[input.dataset.layer ?? ""];
    if (typeof stored === "boolean") input.checked = stored;
  }
  if (preferences.colourBy) {
    const radio = root.querySelector<HTMLInputElement>(`input[name="colour-by"][value="${CSS.escape(preferences.colourBy)}"]`);
    if (radio) radio.checked = true;
  }
}

/** Records the inputs' current states. */
export function storePreferences(root: ParentNode = document): void {
  const layers: Record<string, boolean> = {};
  for (const input of root.querySelectorAll<HTMLInputElement>("input[data-layer]")) {
    if (input.dataset.layer) layers[input.dataset.layer] = input.checked;
  }
  const colourBy = root.querySelector<HTMLInputElement>('input[name="colour-by"]:checked')?.value;
  save({ layers, colourBy });
}
