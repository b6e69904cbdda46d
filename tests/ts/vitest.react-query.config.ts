// The react-query target's live suite: the live suite's settings (jsdom on
// the server's host, one fork), over live-react-query/.
import { defineConfig } from "vitest/config";
import live from "./vitest.config";

export default defineConfig({ ...live, test: { ...live.test, include: ["live-react-query/**/*.test.tsx"] } });
