// Bundles the react-query browser page of make e2e (live-react-query/page)
// into one `app.js` in MIZAN_PAGE_OUT; tests/e2e/test_react_query.py serves it.
import { defineConfig } from "vite";

const out = process.env.MIZAN_PAGE_OUT;
if (!out) throw new Error("run through tests/e2e/test_react_query.py (MIZAN_PAGE_OUT)");
const page = new URL("./live-react-query/page/", import.meta.url).pathname;
export default defineConfig({
  root: page,
  esbuild: { jsx: "automatic" },
  logLevel: "warn",
  build: {
    outDir: out,
    emptyOutDir: true,
    modulePreload: false,
    rollupOptions: { input: `${page}main.tsx`, output: { format: "es", entryFileNames: "app.js" } },
  },
});
