// Provider props as Vue passes them from a template: `<BoardProvider detailed>`
// (the contexts fixture project, tests/ts/build-vue/contexts/api) is
// `detailed: ""` before Vue's Boolean cast; the provider must fetch with
// `true`. The requests go to the live server, which does not serve this
// project: only the URLs sent matter here.
import { cleanup, render } from "@testing-library/vue";
import { defineComponent, h } from "vue";
import { afterEach, expect, it, vi } from "vitest";
import { BoardProvider, createMizan, useBoardStats } from "../build-vue/contexts/api";
import { HTTP } from "./_live";

const requests: string[] = [];
const realFetch = globalThis.fetch;

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  requests.length = 0;
});

it("casts a bare boolean prop to true, and leaves an absent one out", async () => {
  // Counted on the way to the real server (the plugin builds its client from `baseUrl`).
  vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
    requests.push(String(input).replace(`${HTTP}/api/mizan`, ""));
    return realFetch(input, init);
  });
  const Stats = defineComponent(() => {
    useBoardStats();
    return () => h("p");
  });
  render(defineComponent(() => () => [
    h(BoardProvider, { board_id: 1, detailed: "" } as never, { default: () => h(Stats) }),
    h(BoardProvider, { board_id: 2 }, { default: () => h(Stats) }),
  ]), { global: { plugins: [createMizan({ baseUrl: `${HTTP}/api/mizan`, hydration: null, live: false })] } });
  await vi.waitFor(() => expect(requests.filter((r) => r.startsWith("/call/board.stats"))).toHaveLength(2));
  expect(requests).toContain("/call/board.stats?board_id=1&detailed=true");
  expect(requests).toContain("/call/board.stats?board_id=2");
});
