// Keeps the officer's task list current without a reload. Officers glance at the phone between
// visits; a case dispatched meanwhile must show up without them thinking to refresh. There is
// no push channel to every phone, so the list asks for itself again (GET /m/fragments/tasks)
// every data-refresh-seconds, when the page becomes visible again and when the network is back.
// Tasks that arrived since the page was opened are marked; when the network is gone the list
// stays as it was and says from when it is.
import { t } from "./strings";
import { formatClock } from "./time";

const NEW_CLASS = "gm-m-task-new";

function caseIds(root: ParentNode): Set<string> {
  return new Set(Array.from(root.querySelectorAll<HTMLElement>("[data-case]"), (el) => el.dataset.case ?? ""));
}

export function initTasks(section: HTMLElement): void {
  const url = section.dataset.refreshUrl;
  const list = section.querySelector<HTMLElement>("[data-task-list]");
  const status = section.querySelector<HTMLElement>("[data-testid=tasks-sync]");
  if (!url || !list || !status) return;
  const seconds = Math.max(5, Number(section.dataset.refreshSeconds) || 30);

  let known = caseIds(list);
  const arrived = new Set<string>();
  let syncedAt = new Date();
  let inFlight = false;

  const showSynced = (fresh: number): void => {
    section.classList.remove("gm-m-offline");
    status.dataset.state = "online";
    const stamp = t("Mobile_SyncedAt", { time: formatClock(syncedAt) });
    status.textContent = fresh > 0 ? `${t("Mobile_NewTasks", { count: fresh })} · ${stamp}` : stamp;
  };

  const showOffline = (): void => {
    section.classList.add("gm-m-offline");
    status.dataset.state = "offline";
    status.textContent = t("Mobile_Offline", { time: formatClock(syncedAt) });
  };

  const markArrived = (): void => {
    list.querySelectorAll<HTMLElement>("[data-case]").forEach((task) => {
      if (!arrived.has(task.dataset.case ?? "") || task.classList.contains(NEW_CLASS)) return;
      task.classList.add(NEW_CLASS);
      const badge = document.createElement("span");
      badge.className = "gm-m-new";
      badge.textContent = t("Mobile_NewTask");
      task.querySelector(".gm-m-task-top")?.prepend(badge);
    });
  };

  const refresh = async (): Promise<void> => {
    if (inFlight) return;
    inFlight = true;
    try {
      const response = await fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "text/html" } });
      // The session ended: a reload goes through the sign-in page and comes back here.
      if (response.status === 401 || (response.redirected && new URL(response.url).pathname.startsWith("/signin"))) {
        location.reload();
        return;
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      list.innerHTML = await response.text();
      const now = caseIds(list);
      let fresh = 0;
      now.forEach((id) => {
        if (!known.has(id)) {
          arrived.add(id);
          fresh++;
        }
      });
      known = now;
      markArrived();
      syncedAt = new Date();
      showSynced(fresh);
      if (fresh > 0) navigator.vibrate?.(200);
    } catch {
      showOffline();
    } finally {
      inFlight = false;
    }
  };

  showSynced(0);
  window.setInterval(() => void refresh(), seconds * 1000);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") void refresh();
  });
  window.addEventListener("online", () => void refresh());
  window.addEventListener("offline", showOffline);
}
