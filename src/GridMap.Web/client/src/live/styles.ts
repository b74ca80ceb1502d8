// The live layer's CSS, added to the page by the script that owns the elements it styles (the
// console's app.css belongs to the map page; this keeps the live layer in its own files).

const CSS = `
.gm-sw-officers { background: #1c7ed6; clip-path: polygon(50% 0, 100% 100%, 50% 78%, 0 100%); border: 0; }
.gm-sw-coverage { background: linear-gradient(90deg, #2f9e44 33%, #f59f00 33% 66%, #e03131 66%); }
.gm-live-status { font-size: 12px; color: var(--gm-muted); margin: 4px 0 6px; display: flex; align-items: center; gap: 6px; }
.gm-live-status::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: #adb5bd; flex: 0 0 auto; }
.gm-live-status[data-status="live"]::before { background: #2f9e44; box-shadow: 0 0 0 3px rgba(47,158,68,.18); }
.gm-live-status[data-status="lost"]::before { background: #e03131; }
.gm-live-roles li { line-height: 1.7; }
.gm-live-arrow {
  display: inline-block; width: 12px; height: 14px; margin-right: 8px; flex: 0 0 auto;
  background: var(--gm-role, #8d949c); clip-path: polygon(50% 0, 100% 100%, 50% 78%, 0 100%);
}
.gm-live-arrow-stale { opacity: .55; }
.gm-live-arrow-offline { background: #8d949c; opacity: .6; }
.gm-live-arrow-alert { outline: 2px solid #e03131; outline-offset: 2px; border-radius: 2px; }

.gm-live-state { display: inline-block; font-size: 11px; font-weight: 600; padding: 1px 7px; border-radius: 3px; margin-left: 4px; }
.gm-live-state-live { background: #d3f9d8; color: #2b8a3e; }
.gm-live-state-stale { background: #fff3bf; color: #946200; }
.gm-live-state-offline { background: #e9ecef; color: #495057; }
.gm-officer-actions { display: flex; gap: 8px; margin: 12px 0 4px; }
.gm-officer-alert { font-size: 13px; margin: 6px 0 10px; }

.gm-live-toasts {
  position: absolute; top: 12px; left: 12px; z-index: 5; width: 300px; max-width: calc(100% - 80px);
  display: flex; flex-direction: column; gap: 8px; pointer-events: none;
}
.gm-live-toast {
  pointer-events: auto; display: flex; align-items: flex-start; gap: 6px; border-radius: 8px;
  padding: 8px 8px 8px 12px; color: #fff; box-shadow: 0 6px 18px rgba(0,0,0,.25);
  animation: gm-live-toast-in .25s ease-out;
}
.gm-live-toast-left { background: #c92a2a; border-left: 5px solid #7d1212; }
.gm-live-toast-cleared { background: #2b8a3e; border-left: 5px solid #1b5e28; }
.gm-live-toast-body { flex: 1 1 auto; text-align: left; background: none; border: 0; color: inherit; padding: 0; cursor: pointer; }
.gm-live-toast-title { font-weight: 700; font-size: 14px; }
.gm-live-toast-detail { font-size: 12px; opacity: .9; font-variant-numeric: tabular-nums; }
.gm-live-toast-close { flex: 0 0 auto; transform: scale(.8); }
@keyframes gm-live-toast-in { from { transform: translateY(-8px); opacity: 0; } to { transform: none; opacity: 1; } }

.gm-live-replay {
  position: absolute; left: 12px; right: 60px; bottom: 28px; z-index: 5;
  background: rgba(255,255,255,.97); border: 1px solid var(--gm-border); border-radius: 8px;
  box-shadow: 0 6px 18px rgba(0,0,0,.18); padding: 8px 12px 10px; font-size: 13px;
}
.gm-live-replay-head { display: flex; align-items: center; justify-content: space-between; margin-bottom: 6px; }
.gm-live-replay-title { color: var(--gm-navy); }
.gm-live-replay-range { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; }
.gm-live-replay-range label { display: flex; align-items: center; gap: 6px; margin: 0; }
.gm-live-replay-range input { width: 190px; }
.gm-live-replay-status { color: var(--gm-muted); }
.gm-live-replay-player { display: flex; align-items: center; gap: 12px; margin-top: 8px; }
.gm-live-replay-player [data-replay-toggle] { white-space: nowrap; min-width: 64px; }
.gm-live-replay-player .btn-group .btn { white-space: nowrap; }
.gm-live-replay-player .form-range { flex: 1 1 auto; }
.gm-live-replay-time { font-variant-numeric: tabular-nums; min-width: 64px; text-align: right; font-weight: 600; }

.gm-live-coverage {
  position: absolute; top: 12px; right: 52px; z-index: 4; width: 270px;
  background: rgba(255,255,255,.97); border: 1px solid var(--gm-border); border-radius: 8px;
  box-shadow: 0 4px 14px rgba(0,0,0,.15); padding: 10px 12px; font-size: 13px;
}
.gm-live-coverage-title { font-weight: 700; color: var(--gm-navy); margin-bottom: 4px; }
.gm-live-coverage-message { color: var(--gm-muted); }
.gm-live-coverage-summary { font-weight: 600; }
.gm-live-coverage-bar span { background: #2f9e44; }
.gm-live-coverage-overdue { margin-top: 8px; color: #c92a2a; font-weight: 600; }
.gm-live-coverage-list { list-style: none; padding: 0; margin: 4px 0 0; max-height: 180px; overflow-y: auto; }
.gm-live-coverage-list li { line-height: 1.6; overflow-wrap: anywhere; }
.gm-live-coverage-list a { text-decoration: none; }
`;

export function injectLiveStyles(doc: Document = document): void {
  if (doc.getElementById("gm-live-styles")) return;
  const style = doc.createElement("style");
  style.id = "gm-live-styles";
  style.textContent = CSS;
  doc.head.append(style);
}
