// Generated hooks of the demo shop (tests/ts/build/shop/api) against a live
// demo server started by tests/codegen/test_live.py. Authenticated as "bob"
// with an MWT (bearer: no CSRF), as a cookie-less client would be.
import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it } from "vitest";
import {
  CartProvider, MizanClient, MizanContext, callEcho, callProducts, useAddItem, useCart, useChatChannel,
  useContactForm, useProducts,
} from "../build/shop/api";
import { liveClient } from "./_live";

const requests: string[] = [];
const clients: MizanClient[] = [];

function client(): MizanClient {
  const made = liveClient(requests);
  clients.push(made);
  return made;
}

afterEach(() => {
  requests.length = 0;
  for (const c of clients.splice(0)) c.close();
});

const gets = (query: string) => requests.filter((r) => r === `GET /call/cart?${query}`).length;

describe("the generated client against the live demo", () => {
  it("calls a function", async () => {
    const answer = await callEcho({ text: "hello" }, { client: client() });
    expect(answer).toEqual({ message: "hello" });
  });

  it("calls a function whose every argument has a default with none, from its hook as from its call", async () => {
    const c = client();
    const { result } = renderHook(() => useProducts(), {
      wrapper: ({ children }: { children: ReactNode }) => <MizanContext client={c} hydration={null}>{children}</MizanContext>,
    });
    let fromHook: unknown;
    await act(async () => {
      fromHook = await result.current.mutate();
    });
    const all = await callProducts(undefined, { client: c });
    expect(all.length).toBeGreaterThan(0);
    expect(fromHook).toEqual(all);
    await waitFor(() => expect(result.current.data).toEqual(all));
    expect(requests.filter((r) => r === "POST /call/products")).toHaveLength(2);
  });

  it("fetches a context and re-fetches exactly the provider a mutation invalidated", async () => {
    const c = client();
    function Cart({ id }: { id: number }) {
      const cart = useCart();
      return <p data-testid={`cart-${id}`}>{cart.data ? `${cart.data.cart_id}:${cart.data.lines.length}` : "…"}</p>;
    }
    let addItem: ReturnType<typeof useAddItem> | undefined;
    function Buttons() {
      addItem = useAddItem();
      return null;
    }
    render(
      <MizanContext client={c} hydration={null}>
        <CartProvider cart_id={101}><Cart id={101} /></CartProvider>
        <CartProvider cart_id={102}><Cart id={102} /></CartProvider>
        <Buttons />
      </MizanContext>,
    );
    await waitFor(() => expect(screen.getByTestId("cart-101").textContent).toBe("101:0"));
    await waitFor(() => expect(screen.getByTestId("cart-102").textContent).toBe("102:0"));
    expect(gets("cart_id=101")).toBe(1);
    expect(gets("cart_id=102")).toBe(1);

    await act(async () => {
      const out = await addItem!.mutate({ cart_id: 101, sku: "tea" });
      expect(out.lines.map((l) => l.sku)).toEqual(["tea"]);
    });
    await waitFor(() => expect(screen.getByTestId("cart-101").textContent).toBe("101:1"));
    expect(gets("cart_id=101")).toBe(2);
    expect(gets("cart_id=102")).toBe(1); // cart 102 was not invalidated
  });

  it("rejects a form on the client first, then on the server", async () => {
    const c = client();
    const wrapper = ({ children }: { children: ReactNode }) => <MizanContext client={c} hydration={null}>{children}</MizanContext>;
    const { result } = renderHook(() => useContactForm(), { wrapper });

    let ok = true;
    await act(async () => {
      ok = await result.current.validate();
    });
    expect(ok).toBe(false);
    expect(result.current.errors.name).toEqual(["This field is required."]);
    expect(result.current.errors.message).toEqual(["This field is required."]);
    expect(requests).toEqual([]); // Zod refused it: nothing was sent

    act(() => {
      result.current.setValue("name", "Ada");
      result.current.setValue("email", "ada@example.com");
      result.current.setValue("message", "Where is my parcel?");
    });
    await act(async () => {
      ok = await result.current.validate();
    });
    expect(ok).toBe(false); // clean(): topic "order" needs an order id
    expect(requests).toEqual(["POST /call/contact.validate"]);
    expect(result.current.errors.order_id).toEqual(["Tell us which order this is about."]);

    act(() => result.current.setValue("order_id", 7));
    let sent: Record<string, boolean> | undefined;
    await act(async () => {
      sent = await result.current.submit();
    });
    expect(sent).toEqual({ sent: true });
  });

  it("receives a websocket message on a channel", async () => {
    const c = client();
    const wrapper = ({ children }: { children: ReactNode }) => <MizanContext client={c} hydration={null}>{children}</MizanContext>;
    const { result, unmount } = renderHook(() => useChatChannel({ room: "lobby" }), { wrapper });
    await waitFor(() => expect(result.current.status).toBe("open"));
    act(() => result.current.send({ text: "  hello  " }));
    await waitFor(() => expect(result.current.messages).toEqual([{ text: "hello", user: "bob" }]));
    unmount();
  });
});
