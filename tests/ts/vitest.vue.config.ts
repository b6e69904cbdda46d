// The Vue live suite: the generated composables against a running demo
// server (tests/codegen/test_vue.py starts it and passes its address).
// jsdom's page is on the server's host, so websockets carry an allowed Origin.
import { defineConfig } from "vitest/config";

const http = process.env.MIZAN_LIVE_HTTP ?? "";
export default defineConfig({
  test: {
    include: ["live-vue/**/*.test.ts"],
    environment: "jsdom",
    environmentOptions: { jsdom: { url: http ? http.replace("127.0.0.1", "localhost") + "/" : "http://localhost/" } },
    testTimeout: 20_000,
    pool: "forks",
    poolOptions: { forks: { singleFork: true } },
  },
});
