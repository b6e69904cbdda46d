// Bundles the Svelte browser page of make e2e (live-svelte/page) into one
// `app.js` in MIZAN_PAGE_OUT; tests/e2e/test_svelte.py serves it.
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vite";

const out = process.env.MIZAN_PAGE_OUT;
if (!out) throw new Error("run through tests/e2e/test_svelte.py (MIZAN_PAGE_OUT)");
export default defineConfig({
  root: new URL("./live-svelte/page/", import.meta.url).pathname,
  plugins: [svelte({ configFile: false })],
  logLevel: "warn",
  build: {
    outDir: out,
    emptyOutDir: true,
    modulePreload: false,
    rollupOptions: {
      input: new URL("./live-svelte/page/main.ts", import.meta.url).pathname,
      output: { format: "es", entryFileNames: "app.js" },
    },
  },
});
