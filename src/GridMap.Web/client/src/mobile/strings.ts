// The texts the server rendered for this page's culture (MobileStrings.cs), with {name}
// placeholders filled in here.

let table: Record<string, string> | null = null;

export function t(key: string, values: Record<string, string | number> = {}): string {
  if (table === null) {
    const element = document.getElementById("mobile-strings");
    table = element?.textContent ? (JSON.parse(element.textContent) as Record<string, string>) : {};
  }
  const text = table[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
