// The live Svelte suite: the generated Svelte 5 client in small components
// (live-svelte/*.svelte) against a running demo server, whose address comes
// from the pytest driver (tests/codegen/test_svelte.py). jsdom's page is on
// the same host, so websockets carry an allowed Origin.
import { readFileSync } from "node:fs";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import { defineConfig } from "vitest/config";

// Svelte's browser runtime (mount, effects) is behind the `browser` export
// condition; adding that condition for every package would also hand jsdom
// the browser stub of `ws`, its websocket client. So only svelte's own entry
// points are sent to their browser files.
const root = new URL("./node_modules/svelte/", import.meta.url);
const exportsMap = JSON.parse(readFileSync(new URL("package.json", root), "utf-8")).exports as
  Record<string, string | { browser?: string }>;
const browserEntries = Object.entries(exportsMap).flatMap(([key, target]) =>
  typeof target === "object" && target.browser
    ? [{ find: new RegExp(`^svelte${key.slice(1).replace(/\//g, "\\/")}$`), replacement: new URL(target.browser, root).pathname }]
    : []);

const http = process.env.MIZAN_LIVE_HTTP ?? "";
export default defineConfig({
  plugins: [svelte({ configFile: false }), svelteTesting({ resolveBrowser: false })],
  resolve: { alias: browserEntries },
  test: {
    include: ["live-svelte/**/*.test.ts"],
    environment: "jsdom",
    environmentOptions: { jsdom: { url: http ? http.replace("127.0.0.1", "localhost") + "/" : "http://localhost/" } },
    testTimeout: 20_000,
    pool: "forks",
    poolOptions: { forks: { singleFork: true } },
  },
});
