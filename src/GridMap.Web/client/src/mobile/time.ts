// Instants only. The time left on a case ("剩余 70 小时 0 分（工作时间）") is never computed here:
// the task list and task page are rendered by the server (CaseTimes.RemainingText, the same text
// as the console's), and the phone only re-renders what the server sent.
// Instants are shown in the district's zone (Asia/Shanghai), whatever the phone's zone.
export function formatInstant(iso: string): string {
  const date = new Date(iso);
  const parts = new Intl.DateTimeFormat("zh-CN", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}

/** Hours and minutes in the district's zone, for "updated at" lines. */
export function formatClock(date: Date): string {
  return new Intl.DateTimeFormat("zh-CN", {
    timeZone: "Asia/Shanghai",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).format(date);
}
