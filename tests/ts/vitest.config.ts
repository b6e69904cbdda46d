// The live suite: generated hooks against a running demo server. The server
// address comes from the pytest driver (tests/codegen/test_live.py); jsdom's
// page is on the same host, so websockets carry an allowed Origin.
import { defineConfig } from "vitest/config";

const http = process.env.MIZAN_LIVE_HTTP ?? "";
export default defineConfig({
  test: {
    include: ["live/**/*.test.tsx"],
    environment: "jsdom",
    environmentOptions: { jsdom: { url: http ? http.replace("127.0.0.1", "localhost") + "/" : "http://localhost/" } },
    testTimeout: 20_000,
    pool: "forks",
    poolOptions: { forks: { singleFork: true } },
  },
  esbuild: { jsx: "automatic" },
});
