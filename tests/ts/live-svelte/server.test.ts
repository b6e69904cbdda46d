// @vitest-environment node
// Server-side rendering of the generated Svelte client (svelte/server, the
// components compiled for the server): the hydration's values are in the
// markup, and nothing is fetched and no socket opened while rendering.
import { render } from "svelte/server";
import { describe, expect, it } from "vitest";
import { MizanClient } from "./build/shop/api";
import Server from "./Server.svelte";

describe("the generated Svelte client rendered on the server", () => {
  it("renders hydrated values and fetches nothing", () => {
    const requests: string[] = [];
    const client = new MizanClient({
      baseUrl: "http://localhost/api/mizan",
      fetch: (input) => {
        requests.push(String(input));
        return Promise.reject(new Error("no fetch while rendering on the server"));
      },
    });
    const hydration = { version: 1 as const, contexts: { global: { current_user: { id: 1, username: "ada", is_authenticated: true, is_staff: false } } } };
    const { body } = render(Server, { props: { client, hydration } });
    expect(body).toContain('<p data-testid="user">ada</p>');
    expect(body).toContain('<p data-testid="cart-1">…</p>');
    expect(body).toContain('<p data-testid="status">connecting</p>');
    expect(requests).toEqual([]);
  });
});
