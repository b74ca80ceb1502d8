// Bundles the console's TypeScript modules into wwwroot/js and copies the CSS and scripts that
// the pages link, so the console needs nothing from the internet at run time.
import { build } from "esbuild";
import { cpSync, mkdirSync } from "node:fs";

const out = new URL("../wwwroot/", import.meta.url).pathname;
mkdirSync(out + "js", { recursive: true });
mkdirSync(out + "css", { recursive: true });

await build({
  entryPoints: {
    map: "src/map/main.ts",
    mobile: "src/mobile/main.ts",
    worklist: "src/worklist/main.ts",
    statistics: "src/statistics/main.ts",
    admin: "src/admin/main.ts",
  },
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap: true,
  outdir: out + "js",
  logLevel: "warning",
});

// MapLibre GL 6 runs its tile parsing in a module worker that a bundle cannot inline; the map
// script points setWorkerUrl() at this copy (see src/map/main.ts and MapClientConfig.WorkerUrl).
cpSync("node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs", out + "js/maplibre-gl-worker.mjs");
cpSync("node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs.map", out + "js/maplibre-gl-worker.mjs.map");
cpSync("node_modules/maplibre-gl/dist/maplibre-gl.css", out + "css/maplibre-gl.css");
cpSync("node_modules/bootstrap/dist/css/bootstrap.min.css", out + "css/bootstrap.min.css");
cpSync("node_modules/htmx.org/dist/htmx.min.js", out + "js/htmx.min.js");
