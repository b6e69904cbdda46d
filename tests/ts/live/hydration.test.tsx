// SSR hydration end to end: the page as the real `{% mizan_hydration %}` tag
// renders it for "bob" (tests/codegen/test_live.py renders it with Django),
// loaded into jsdom, then the generated `<MizanContext baseUrl=...>` with no
// hydration prop: it must read the page's #mizan-hydration element by itself
// and show the user without fetching `current_user`.
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MizanContext, useCurrentUser } from "../build/shop/api";
import { HTTP } from "./_live";

const PAGE = process.env.MIZAN_LIVE_PAGE;
if (!PAGE) throw new Error("run through tests/codegen/test_live.py (MIZAN_LIVE_PAGE)");

const requests: string[] = [];
const realFetch = globalThis.fetch;

beforeEach(() => {
  // The client MizanContext builds from `baseUrl` uses the global fetch: count it.
  vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
    requests.push(`${init?.method ?? "GET"} ${String(input).replace(`${HTTP}/api/mizan`, "")}`);
    return realFetch(input, init);
  });
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  document.body.innerHTML = "";
  requests.length = 0;
});

function User() {
  const user = useCurrentUser();
  const shown = user.data ? (user.data.is_authenticated ? user.data.username : "anonymous") : "loading";
  return <p data-testid="user">{shown}</p>;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe("SSR hydration from the Django template tag", () => {
  it("renders the hydrated user on the first render, with zero fetches", async () => {
    expect(PAGE).toContain('id="mizan-hydration"');
    document.body.innerHTML = PAGE;
    render(<MizanContext baseUrl={`${HTTP}/api/mizan`}><User /></MizanContext>, {
      container: document.getElementById("root")!,
    });
    expect(screen.getByTestId("user").textContent).toBe("bob");
    await settle(); // room for a stray fetch to start
    expect(requests.filter((r) => r.includes("/call/current_user"))).toEqual([]);
    expect(requests).toEqual([]);
  });

  it("fetches the value when the page carries none (the control)", async () => {
    document.body.innerHTML = '<div id="root"></div>';
    render(<MizanContext baseUrl={`${HTTP}/api/mizan`}><User /></MizanContext>, {
      container: document.getElementById("root")!,
    });
    expect(screen.getByTestId("user").textContent).toBe("loading");
    await waitFor(() => expect(screen.getByTestId("user").textContent).toBe("anonymous"));
    expect(requests).toEqual(["GET /call/current_user"]);
  });
});
