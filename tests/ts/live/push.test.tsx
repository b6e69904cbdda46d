// Live invalidation against the live server: a `<MizanContext>` subscribes to
// what is mounted over the multiplexed socket; another client's mutation is
// pushed to it and re-fetches exactly the provider it names; `live={false}`
// hears nothing; after the socket drops and reconnects, what is shown is
// fetched again. Every HTTP request and every socket frame is recorded.
import { cleanup, render, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { CartProvider, MizanClient, MizanContext, useCart } from "../build/shop/api";
import { HTTP, TOKEN, liveClient } from "./_live";
import { RecordingSocket, sockets } from "./_socket";

const clients: MizanClient[] = [];
/** A client of the live server whose sockets are recorded; closed after the test. */
const client = (requests: string[]): MizanClient =>
  clients[clients.push(liveClient(requests, RecordingSocket as unknown as typeof WebSocket)) - 1]!;

afterEach(() => {
  cleanup();
  clients.splice(0).forEach((c) => c.close());
  sockets.length = 0;
});

function Lines({ id }: { id: string }) {
  const cart = useCart();
  const count = cart.data?.lines.reduce((n, line) => n + line.quantity, 0) ?? -1;
  return <span data-testid={id}>{String(count)}</span>;
}

function page(c: MizanClient, carts: number[], live?: boolean, prefix = "cart") {
  return (
    <MizanContext client={c} hydration={null} live={live}>
      {carts.map((id) => (
        <CartProvider key={id} cart_id={id}>
          <Lines id={`${prefix}-${id}`} />
        </CartProvider>
      ))}
    </MizanContext>
  );
}

/** Wait until `socket` has every subscription it sent acknowledged by the server. */
async function subscribed(socket: RecordingSocket, count: number): Promise<void> {
  await waitFor(() => {
    const ids = socket.sent.filter((f) => "subscribe" in f).map((f) => f.id);
    expect(ids.length).toBeGreaterThanOrEqual(count);
    for (const id of ids) expect(socket.received).toContainEqual({ id, result: null });
  });
}

/**
 * Add to a cart as another program would: a plain POST, not a client of this
 * page, so nothing reaches the page's invalidation bus but the server's push.
 */
async function addElsewhere(cartId: number, quantity = 1): Promise<void> {
  const response = await fetch(`${HTTP}/api/mizan/call/add_item`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ cart_id: cartId, sku: "tea", quantity }),
  });
  expect(response.status).toBe(200);
}

const gets = (requests: string[], id: number) => requests.filter((r) => r === `GET /call/cart?cart_id=${id}`).length;

describe("live invalidation: another client's mutation re-fetches what is shown", () => {
  it("pushes the entry to the provider of that cart only", async () => {
    const seen: string[] = [];
    const view = render(page(client(seen), [201, 202]));
    await waitFor(() => expect(view.getByTestId("cart-201").textContent).toBe("0"));
    // the global context, cart 201 and cart 202
    const socket = sockets[0]!;
    await subscribed(socket, 3);
    expect(socket.sent.filter((f) => "subscribe" in f).map((f) => f.subscribe)).toEqual(
      expect.arrayContaining([{ context: "cart", args: { cart_id: 201 } }, { context: "cart", args: { cart_id: 202 } }]));

    await addElsewhere(201, 2);
    await waitFor(() => expect(view.getByTestId("cart-201").textContent).toBe("2"));
    expect(socket.received).toContainEqual({ invalidate: [{ kind: "context", target: "cart", scope: { cart_id: 201 } }] });
    expect(gets(seen, 201)).toBe(2);
    expect(gets(seen, 202)).toBe(1);
  });

  it("live={false} subscribes to nothing and hears nothing", async () => {
    const seen: string[] = [];
    const view = render(page(client(seen), [204], false));
    await waitFor(() => expect(view.getByTestId("cart-204").textContent).toBe("0"));
    await waitFor(() => expect(sockets[0]?.readyState).toBe(1)); // open for websocket=True calls
    await addElsewhere(204);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(view.getByTestId("cart-204").textContent).toBe("0");
    expect(gets(seen, 204)).toBe(1);
    expect(sockets[0]!.sent).toEqual([]);
    expect(sockets[0]!.received).toEqual([]);
  });

  it("after the socket drops and reconnects, subscribes again and re-fetches what is shown", async () => {
    const seen: string[] = [];
    render(page(client(seen), [203]));
    await waitFor(() => expect(gets(seen, 203)).toBe(1));
    await subscribed(sockets[0]!, 2);
    sockets[0]!.close();
    await waitFor(() => expect(gets(seen, 203)).toBe(2), { timeout: 5000 });
    await subscribed(sockets[1]!, 2);
    await addElsewhere(203);
    await waitFor(() => expect(gets(seen, 203)).toBe(3));
  });
});
