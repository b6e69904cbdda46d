// The live Svelte suite: the generated Svelte 5 client in small components
// (live-svelte/*.svelte) against a running demo server, whose address comes
// from the pytest driver (tests/codegen/test_svelte.py). jsdom's page is on
// the same host, so websockets carry an allowed Origin.
import { readFileSync } from "node:fs";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

// Svelte's browser runtime (mount, effects) is behind the `browser` export
// condition; adding that condition for every package would also hand jsdom
// the browser stub of `ws`, its websocket client. So only svelte's own entry
// points are sent to their browser files, and only for the browser-side
// transform: a test file in Node's environment renders on the server.
const root = new URL("./node_modules/svelte/", import.meta.url);
const exportsMap = JSON.parse(readFileSync(new URL("package.json", root), "utf-8")).exports as
  Record<string, string | { browser?: string }>;
const browserEntries = new Map(Object.entries(exportsMap).flatMap(([key, target]) =>
  typeof target === "object" && target.browser
    ? [[`svelte${key.slice(1)}`, new URL(target.browser, root).pathname] as const]
    : []));
const svelteInTheBrowser: Plugin = {
  name: "svelte-browser-entries",
  enforce: "pre",
  resolveId: (id, _importer, options) => (options.ssr ? null : browserEntries.get(id) ?? null),
};

const http = process.env.MIZAN_LIVE_HTTP ?? "";
export default defineConfig({
  plugins: [svelteInTheBrowser, svelte({ configFile: false }), svelteTesting({ resolveBrowser: false })],
  test: {
    include: ["live-svelte/**/*.test.ts"],
    environment: "jsdom",
    environmentOptions: { jsdom: { url: http ? http.replace("127.0.0.1", "localhost") + "/" : "http://localhost/" } },
    testTimeout: 20_000,
    pool: "forks",
    poolOptions: { forks: { singleFork: true } },
  },
});
