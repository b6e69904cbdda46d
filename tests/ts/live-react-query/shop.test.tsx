// The demo shop's react-query client (tests/ts/build-react-query/shop/api)
// against a live demo server started by tests/codegen/test_react_query.py,
// inside an app that owns its QueryClient. Authenticated as "bob" with an
// MWT (bearer: no CSRF). Every HTTP request of the Mizan client is recorded.
import { act, cleanup, render, renderHook, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  MizanClient, MizanQueryProvider, cartQueryKey, cartQueryOptions, cartSummaryQueryKey, currentUserQueryKey,
  echoQueryOptions, invalidatesQuery, onInvalidate, productsQueryKey, useAddItem, useCart, useCartSummary, useChatChannel, useContactForm,
  useCurrentUser, useEcho,
} from "../build-react-query/shop/api";
import type { CartOut, EchoOutput, InvalidateEntry, UserOut } from "../build-react-query/shop/api";
import { HTTP, TOKEN, recordingClient } from "./_live";

const PAGE = process.env.MIZAN_LIVE_PAGE;
if (!PAGE) throw new Error("run through tests/codegen/test_react_query.py (MIZAN_LIVE_PAGE)");

const requests: string[] = [];
const sockets: WebSocket[] = [];
const clients: MizanClient[] = [];
const pushes: InvalidateEntry[] = [];
let queryClient: QueryClient;
let stopListening: () => void = () => undefined;

function client(): MizanClient {
  const made = recordingClient(requests, sockets);
  clients.push(made);
  return made;
}

beforeEach(() => {
  queryClient = new QueryClient();
  stopListening = onInvalidate((entry, pushed) => {
    if (pushed) pushes.push(entry);
  });
});

afterEach(() => {
  cleanup();
  stopListening();
  queryClient.clear();
  requests.length = 0;
  sockets.length = 0;
  pushes.length = 0;
  for (const c of clients.splice(0)) c.close();
  document.body.innerHTML = "";
});

/** The app: its own QueryClientProvider, and Mizan's provider inside it. */
function App({ c, children, page = false }: { c: MizanClient; children: ReactNode; page?: boolean }) {
  return (
    <QueryClientProvider client={queryClient}>
      <MizanQueryProvider client={c} {...(page ? {} : { hydration: null })}>{children}</MizanQueryProvider>
    </QueryClientProvider>
  );
}

const gets = (name: string, id: number) => requests.filter((r) => r === `GET /call/${name}?cart_id=${id}`).length;
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

function Cart({ id }: { id: number }) {
  const cart = useCart({ cart_id: id });
  const summary = useCartSummary({ cart_id: id });
  const lines = cart.data?.lines.reduce((n, line) => n + line.quantity, 0);
  return <p data-testid={`cart-${id}`}>{cart.data && summary.data ? `${cart.data.cart_id}:${lines}` : "…"}</p>;
}

/**
 * Add to a cart as another program would: a plain POST, not through this
 * page's client, so only the server's push can tell the page.
 */
async function addElsewhere(cartId: number): Promise<void> {
  const response = await fetch(`${HTTP}/api/mizan/call/add_item`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ cart_id: cartId, sku: "tea", quantity: 2 }),
  });
  expect(response.status).toBe(200);
}

describe("which query keys an invalidation entry names", () => {
  const cart = (id: number) => ({ kind: "context" as const, target: "cart", scope: { cart_id: id } });
  it("matches by context, function and scope; a plain read only by function", () => {
    expect(invalidatesQuery(cart(1), cartQueryKey({ cart_id: 1 }))).toBe(true);
    expect(invalidatesQuery(cart(1), cartSummaryQueryKey({ cart_id: 1 }))).toBe(true);
    expect(invalidatesQuery(cart(1), cartQueryKey({ cart_id: 2 }))).toBe(false);
    expect(invalidatesQuery({ ...cart(1), scope: {} }, cartQueryKey({ cart_id: 2 }))).toBe(true);
    expect(invalidatesQuery({ kind: "function", target: "cart", scope: { cart_id: 1 } }, cartSummaryQueryKey({ cart_id: 1 })))
      .toBe(false);
    expect(invalidatesQuery({ kind: "context", target: "products", scope: {} }, productsQueryKey({}))).toBe(false);
    const products = { kind: "function" as const, target: "products", scope: { kind: "digital" } };
    expect(invalidatesQuery(products, productsQueryKey({ kind: "digital" }))).toBe(true);
    expect(invalidatesQuery(products, productsQueryKey({ kind: "physical" }))).toBe(false);
    // left to its default, the argument may be the scope's value: invalidated
    expect(invalidatesQuery(products, productsQueryKey({}))).toBe(true);
    expect(invalidatesQuery(cart(1), ["cart", { cart_id: 1 }])).toBe(false); // not Mizan's key
  });
});

describe("the react-query client against the live demo", () => {
  it("returns the typed value of a call, a read and a context query", async () => {
    const c = client();
    const echoed: EchoOutput = await queryClient.fetchQuery(echoQueryOptions({ text: "hello" }, { client: c }));
    expect(echoed).toEqual({ message: "hello" });
    const cart: CartOut = await queryClient.fetchQuery(cartQueryOptions({ cart_id: 300 }, { client: c }));
    expect(cart).toMatchObject({ cart_id: 300, lines: [] });
    expect(queryClient.getQueryData(cartQueryKey({ cart_id: 300 }))).toEqual(cart);

    // no QueryClientProvider: the provider's `queryClient` is given to the hooks
    const { result } = renderHook(() => ({ echo: useEcho(), read: useQuery(echoQueryOptions({ text: "again" }, { client: c })) }),
      { wrapper: ({ children }) => <MizanQueryProvider client={c} queryClient={queryClient}>{children}</MizanQueryProvider> });
    let out: EchoOutput | undefined;
    await act(async () => {
      out = await result.current.echo.mutateAsync({ text: "mutated" });
    });
    expect(out).toEqual({ message: "mutated" });
    await waitFor(() => expect(result.current.echo.data).toEqual({ message: "mutated" }));
    await waitFor(() => expect(result.current.read.data).toEqual({ message: "again" }));
  });

  it("re-fetches the queries of the scope a mutation invalidated and leaves the others cached", async () => {
    const c = client();
    let addItem: ReturnType<typeof useAddItem> | undefined;
    function Buttons() {
      addItem = useAddItem();
      return null;
    }
    render(<App c={c}><Cart id={301} /><Cart id={302} /><Buttons /></App>);
    // in the cache, not shown: invalidated, not fetched
    await queryClient.fetchQuery(cartQueryOptions({ cart_id: 303 }, { client: c }));
    await waitFor(() => expect(screen.getByTestId("cart-301").textContent).toBe("301:0"));
    await waitFor(() => expect(screen.getByTestId("cart-302").textContent).toBe("302:0"));
    const state = (id: number) => queryClient.getQueryState(cartQueryKey({ cart_id: id }))!;
    const before = { 301: state(301).dataUpdatedAt, 302: state(302).dataUpdatedAt, 303: state(303).dataUpdatedAt };
    await waitFor(() => expect(c.socketOpen()).toBe(true));
    await settle(); // the subscriptions are acknowledged: the change will be pushed back too

    await act(async () => {
      const out = await addItem!.mutateAsync({ cart_id: 301, sku: "tea" });
      expect(out.lines.map((l) => l.sku)).toEqual(["tea"]);
    });
    await waitFor(() => expect(screen.getByTestId("cart-301").textContent).toBe("301:1"));
    // the server's push of the same change arrives too, and fetches nothing more
    await waitFor(() => expect(pushes).toContainEqual({ kind: "context", target: "cart", scope: { cart_id: 301 } }),
      { timeout: 5000 });
    await settle();
    expect(gets("cart", 301)).toBe(2);
    expect(gets("cart_summary", 301)).toBe(2); // a context entry: every function of the context
    expect(state(301).dataUpdatedAt).toBeGreaterThan(before[301]);
    expect(gets("cart", 302)).toBe(1);
    expect(state(302)).toMatchObject({ dataUpdatedAt: before[302], isInvalidated: false });
    expect(queryClient.getQueryState(cartSummaryQueryKey({ cart_id: 302 }))!.isInvalidated).toBe(false);
    expect(state(303)).toMatchObject({ dataUpdatedAt: before[303], isInvalidated: false });

    // a scope nobody shows: its cached query is marked stale, not fetched
    await act(async () => {
      await addItem!.mutateAsync({ cart_id: 303, sku: "tea" });
    });
    expect(state(303)).toMatchObject({ dataUpdatedAt: before[303], isInvalidated: true });
    expect(gets("cart", 303)).toBe(1);
    expect(state(302).isInvalidated).toBe(false);
  });

  it("hears another client's change as a push and re-fetches that cart only", async () => {
    const c = client();
    render(<App c={c}><Cart id={304} /><Cart id={305} /></App>);
    await waitFor(() => expect(screen.getByTestId("cart-304").textContent).toBe("304:0"));
    await waitFor(() => expect(screen.getByTestId("cart-305").textContent).toBe("305:0"));
    await waitFor(() => expect(c.socketOpen()).toBe(true));
    await settle(); // the subscriptions are acknowledged

    await addElsewhere(304);
    await waitFor(() => expect(screen.getByTestId("cart-304").textContent).toBe("304:2"), { timeout: 5000 });
    expect(pushes).toEqual([{ kind: "context", target: "cart", scope: { cart_id: 304 } }]);
    expect(gets("cart", 304)).toBe(2);
    expect(gets("cart", 305)).toBe(1);
    expect(queryClient.getQueryState(cartQueryKey({ cart_id: 305 }))!.isInvalidated).toBe(false);
  });

  it("after the socket drops and reconnects, re-fetches the context queries shown", async () => {
    const c = client();
    render(<App c={c}><Cart id={306} /></App>);
    await waitFor(() => expect(screen.getByTestId("cart-306").textContent).toBe("306:0"));
    await waitFor(() => expect(c.socketOpen()).toBe(true));
    const state = () => queryClient.getQueryState(cartQueryKey({ cart_id: 306 }))!;
    const fetched = state().dataUpdatedAt;
    sockets[0]!.close();
    await waitFor(() => expect(gets("cart", 306)).toBe(2), { timeout: 5000 });
    await waitFor(() => expect(state().dataUpdatedAt).toBeGreaterThan(fetched));
    await settle(); // subscribed again: another client's change is pushed to the new socket
    await addElsewhere(306);
    await waitFor(() => expect(screen.getByTestId("cart-306").textContent).toBe("306:2"), { timeout: 5000 });
  });

  it("seeds the cache from the page's hydration: the user shows with no fetch", async () => {
    expect(PAGE).toContain('id="mizan-hydration"');
    document.body.innerHTML = PAGE;
    function User() {
      const user = useCurrentUser();
      return <p data-testid="user">{user.data ? user.data.username : "loading"}</p>;
    }
    render(<App c={client()} page><User /></App>, { container: document.getElementById("root")! });
    expect(screen.getByTestId("user").textContent).toBe("bob");
    const seeded: UserOut | undefined = queryClient.getQueryData(currentUserQueryKey());
    expect(seeded?.is_authenticated).toBe(true);
    await settle(); // room for a stray fetch to start
    expect(requests).toEqual([]);
  });

  it("shows a form's client errors, then its server errors, then submits", async () => {
    const c = client();
    const initial = { name: "Ada", email: "ada@", topic: "order" as const, message: "Where is my parcel?" };
    const { result } = renderHook(() => useContactForm(initial), { wrapper: ({ children }) => <App c={c}>{children}</App> });
    let ok = true;
    await act(async () => {
      ok = await result.current.submit() !== undefined;
    });
    expect(ok).toBe(false);
    expect(result.current.errors).toEqual({ email: ["Enter a valid email address."] });
    expect(requests).toEqual([]); // Zod refused it: nothing was sent

    act(() => result.current.setValue("email", "ada@example.com"));
    await act(async () => {
      ok = await result.current.validate();
    });
    expect(ok).toBe(false); // the form's clean(): topic "order" needs an order id
    expect(requests).toEqual(["POST /call/contact.validate"]);
    expect(result.current.errors.order_id).toEqual(["Tell us which order this is about."]);

    act(() => result.current.setValue("order_id", 7));
    await act(async () => {
      expect(await result.current.submit()).toEqual({ sent: true });
    });
    expect(result.current.errors).toEqual({});
  });

  it("receives a websocket message on a channel", async () => {
    const c = client();
    const { result, unmount } = renderHook(() => useChatChannel({ room: "lobby" }),
      { wrapper: ({ children }) => <App c={c}>{children}</App> });
    await waitFor(() => expect(result.current.status).toBe("open"));
    act(() => result.current.send({ text: "  hello  " }));
    await waitFor(() => expect(result.current.messages).toEqual([{ text: "hello", user: "bob" }]));
    unmount();
  });
});
