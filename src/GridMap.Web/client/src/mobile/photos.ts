// Previews of the photos chosen in a file input (camera or gallery), so the officer sees what
// will be sent before sending it.

export function attachPreviews(input: HTMLInputElement, container: HTMLElement | null): void {
  if (!container) return;
  const urls: string[] = [];
  input.addEventListener("change", () => {
    urls.splice(0).forEach((url) => URL.revokeObjectURL(url));
    container.replaceChildren();
    for (const file of Array.from(input.files ?? [])) {
      const url = URL.createObjectURL(file);
      urls.push(url);
      const img = document.createElement("img");
      img.src = url;
      img.alt = file.name;
      img.dataset.testid = "photo-preview";
      container.append(img);
    }
  });
}
