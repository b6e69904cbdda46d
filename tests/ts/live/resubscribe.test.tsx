// A subscription the server refuses as `503 live_unavailable` (its Redis is
// paused, so the channel layer does not take it in time) is sent again with
// backoff on the same socket; once accepted, what it names is re-fetched, and
// another user's mutation reaches the page again. Driven by
// tests/codegen/test_live.py, which pauses and resumes the server's Redis and
// mutates through the server; the two processes meet through files in
// MIZAN_LIVE_FAULT_DIR: this side writes `refused`, then `subscribed`.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { cleanup, render, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { CartProvider, MizanClient, MizanContext, useCart } from "../build/shop/api";
import { liveClient } from "./_live";
import { RecordingSocket, sockets } from "./_socket";

const DIR = process.env.MIZAN_LIVE_FAULT_DIR ?? "";
/** The cart the driver adds 3 teas to once `subscribed` is written. */
const CART = 251;

const clients: MizanClient[] = [];
afterEach(() => {
  cleanup();
  clients.splice(0).forEach((c) => c.close());
  sockets.length = 0;
});

function Lines() {
  const cart = useCart();
  const count = cart.data?.lines.reduce((n, line) => n + line.quantity, 0) ?? -1;
  return <span data-testid="cart">{String(count)}</span>;
}

describe.skipIf(!DIR)("live invalidation while the channel layer does not answer", () => {
  it("subscribes again after a live_unavailable refusal, re-fetches, and hears the next push", async () => {
    const seen: string[] = [];
    const client = liveClient(seen, RecordingSocket as unknown as typeof WebSocket);
    clients.push(client);
    const view = render(
      <MizanContext client={client} hydration={null}>
        <CartProvider cart_id={CART}>
          <Lines />
        </CartProvider>
      </MizanContext>,
    );
    const gets = () => seen.filter((r) => r === `GET /call/cart?cart_id=${CART}`).length;
    await waitFor(() => expect(view.getByTestId("cart").textContent).toBe("0"), { timeout: 10_000 });
    await waitFor(() => expect(sockets[0]).toBeDefined());
    const socket = sockets[0]!;
    const cartSubscribes = () =>
      socket.sent.filter((f) => JSON.stringify(f.subscribe) === JSON.stringify({ context: "cart", args: { cart_id: CART } }));

    await waitFor(() => {
      const first = cartSubscribes()[0];
      expect(first).toBeDefined();
      expect(socket.received).toContainEqual(
        expect.objectContaining({ id: first!.id, status: 503, error: expect.objectContaining({ code: "live_unavailable" }) }));
    }, { timeout: 10_000 });
    writeFileSync(join(DIR, "refused"), "");

    // The driver resumes Redis: a later attempt on this same socket is accepted.
    await waitFor(() => {
      const sent = cartSubscribes();
      expect(sent.length).toBeGreaterThan(1);
      expect(socket.received).toContainEqual({ id: sent[sent.length - 1]!.id, result: null });
    }, { timeout: 20_000, interval: 100 });
    // pushes were missed while refused: the cart is fetched again
    await waitFor(() => expect(gets()).toBe(2));
    writeFileSync(join(DIR, "subscribed"), "");

    await waitFor(() => expect(view.getByTestId("cart").textContent).toBe("3"), { timeout: 10_000 });
    expect(socket.received).toContainEqual({ invalidate: [{ kind: "context", target: "cart", scope: { cart_id: CART } }] });
    expect(gets()).toBe(3);
    expect(sockets).toHaveLength(1); // the socket never dropped: no reconnect did this
  }, 45_000);
});
