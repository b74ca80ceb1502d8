// Sorting of the indicator table by a click on a heading. Cells carry their raw value in
// data-value; an undefined rate (empty value) sorts last either way.

export function makeSortable(table: HTMLTableElement): void {
  const body = table.tBodies[0];
  if (!body) return;
  const headings = Array.from(table.tHead?.rows[0]?.cells ?? []);
  headings.forEach((heading, index) => {
    const button = heading.querySelector<HTMLButtonElement>("button.gm-sort");
    if (!button) return;
    button.addEventListener("click", () => {
      const numeric = button.dataset.sort === "number";
      const ascending = heading.getAttribute("aria-sort") === "descending";
      headings.forEach((h) => h.removeAttribute("aria-sort"));
      heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const rows = Array.from(body.rows);
      const valueOf = (row: HTMLTableRowElement) => row.cells[index]?.dataset.value ?? "";
      rows.sort((a, b) => {
        const va = valueOf(a);
        const vb = valueOf(b);
        if (va === "" || vb === "") return va === vb ? 0 : va === "" ? 1 : -1;
        const order = numeric ? Number(va) - Number(vb) : va.localeCompare(vb, document.documentElement.lang || "zh-CN");
        return ascending ? order : -order;
      });
      body.append(...rows);
    });
  });
}
