// The generated Svelte 5 client of the demo shop (live-svelte/build/shop/api)
// in small components against a live demo server started by
// tests/codegen/test_svelte.py. Authenticated as "bob" with an MWT.
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import type { EchoOutput, MizanClient } from "./build/shop/api";
import { HTTP, PAGE, TOKEN, liveClient, sockets } from "./_live";
import Carts from "./Carts.svelte";
import Chat from "./Chat.svelte";
import Contact from "./Contact.svelte";
import Echo from "./Echo.svelte";
import Hydrated from "./Hydrated.svelte";
import Live from "./Live.svelte";
import Switch from "./Switch.svelte";

const requests: string[] = [];
const clients: MizanClient[] = [];

function client(): MizanClient {
  const made = liveClient(requests);
  clients.push(made);
  return made;
}

afterEach(() => {
  requests.length = 0;
  sockets.length = 0;
  for (const c of clients.splice(0)) c.close();
});

const gets = (query: string) => requests.filter((r) => r === `GET /call/cart?${query}`).length;
const text = (id: string) => screen.getByTestId(id).textContent;

describe("the generated Svelte client against the live demo", () => {
  it("calls a function and reads a global value", async () => {
    const answers: EchoOutput[] = [];
    render(Echo, { client: client(), answered: (out) => answers.push(out) });
    await waitFor(() => expect(text("user")).toBe("bob"));
    await fireEvent.click(screen.getByText("echo"));
    await waitFor(() => expect(text("echo")).toBe("hello"));
    expect(answers).toEqual([{ message: "hello" }]);
    expect(requests).toEqual(["GET /call/current_user", "POST /call/echo"]);
  });

  it("shows the global value the page's hydration carried, with no fetch", async () => {
    const page = document.createElement("div");
    page.innerHTML = PAGE;
    document.body.append(page);
    try {
      render(Hydrated, { client: client() });
      expect(text("user")).toBe("bob"); // on the first render
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(requests).toEqual([]);
    } finally {
      page.remove();
    }
  });

  it("fetches a context and re-fetches exactly the provider a mutation invalidated", async () => {
    render(Carts, { client: client() });
    await waitFor(() => expect(text("cart-101")).toBe("101:0"));
    await waitFor(() => expect(text("cart-102")).toBe("102:0"));
    expect(gets("cart_id=101")).toBe(1);
    expect(gets("cart_id=102")).toBe(1);

    await fireEvent.click(screen.getByText("add tea to 101"));
    await waitFor(() => expect(text("added")).toBe("tea"));
    await waitFor(() => expect(text("cart-101")).toBe("101:1"));
    expect(gets("cart_id=101")).toBe(2);
    expect(gets("cart_id=102")).toBe(1); // cart 102 was not invalidated
  });

  it("re-fetches the provider another program's change names, pushed over the socket", async () => {
    render(Live, { client: client(), ids: [301, 302] });
    await waitFor(() => expect(text("cart-301")).toBe("301:0"));
    await waitFor(() => expect(text("cart-302")).toBe("302:0"));
    const rpc = sockets.find((s) => s.url.includes("/rpc"))!;
    await waitFor(() => { // both carts subscribed, and the server said so
      const ids = rpc.sent.filter((f) => "subscribe" in f).map((f) => f.id);
      expect(rpc.sent.filter((f) => JSON.stringify(f.subscribe ?? {}).includes('"cart"'))).toHaveLength(2);
      for (const id of ids) expect(rpc.received).toContainEqual({ id, result: null });
    });

    // a plain POST, not this page's client: only the server's push can tell the page
    const response = await fetch(`${HTTP}/api/mizan/call/add_item`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ cart_id: 301, sku: "tea" }),
    });
    expect(response.status).toBe(200);
    await waitFor(() => expect(text("cart-301")).toBe("301:1"));
    expect(gets("cart_id=301")).toBe(2);
    expect(gets("cart_id=302")).toBe(1);
  });

  it("follows a provider's params given as a getter, and leaves the cart it showed before", async () => {
    render(Switch, { client: client() });
    await waitFor(() => expect(text("cart-201")).toBe("201:0"));
    await fireEvent.click(screen.getByText("show 202"));
    await waitFor(() => expect(text("cart-202")).toBe("202:0"));
    expect(gets("cart_id=201")).toBe(1);
    expect(gets("cart_id=202")).toBe(1);

    await fireEvent.click(screen.getByText("add tea to 201"));
    await waitFor(() => expect(text("added")).toBe("201:1"));
    expect(gets("cart_id=201")).toBe(1); // no longer shown: its store was closed
    await fireEvent.click(screen.getByText("add tea to 202"));
    await waitFor(() => expect(text("cart-202")).toBe("202:1"));
    expect(gets("cart_id=202")).toBe(2);
  });

  it("shows a form's errors from Zod first, then from the server", async () => {
    render(Contact, { client: client() });
    await fireEvent.click(screen.getByText("check"));
    await waitFor(() => expect(text("error-name")).toBe("This field is required."));
    expect(text("error-message")).toBe("This field is required.");
    expect(requests).toEqual([]); // Zod refused it: nothing was sent

    await fireEvent.input(screen.getByLabelText("name"), { target: { value: "Ada" } });
    await fireEvent.input(screen.getByLabelText("email"), { target: { value: "ada@example.com" } });
    await fireEvent.input(screen.getByLabelText("message"), { target: { value: "Where is my parcel?" } });
    expect(screen.queryByTestId("error-name")).toBeNull(); // editing a field clears its messages
    await fireEvent.click(screen.getByText("check"));
    await waitFor(() => expect(text("error-order_id")).toBe("Tell us which order this is about."));
    expect(requests).toEqual(["POST /call/contact.validate"]);

    await fireEvent.input(screen.getByLabelText("order_id"), { target: { value: "7" } });
    await fireEvent.click(screen.getByText("send"));
    await waitFor(() => expect(text("result")).toBe("sent"));
    expect(screen.queryByTestId("error-order_id")).toBeNull();
  });

  it("receives a channel message, follows its params and closes with the component", async () => {
    const { unmount } = render(Chat, { client: client() });
    await waitFor(() => expect(text("status")).toBe("open"));
    await fireEvent.click(screen.getByText("say hello"));
    await waitFor(() => expect(screen.getByRole("listitem").textContent).toBe("bob: hello"));
    const channel = sockets.filter((s) => s.url.includes("/channel/chat"));
    expect(channel).toHaveLength(1);

    await fireEvent.click(screen.getByText("go to the kitchen")); // another room: another subscription
    await waitFor(() => expect(sockets.filter((s) => s.url.includes("/channel/chat"))).toHaveLength(2));
    expect(channel[0]!.readyState).toBeGreaterThanOrEqual(WebSocket.CLOSING);
    await waitFor(() => expect(text("status")).toBe("open"));
    expect(screen.queryAllByRole("listitem")).toEqual([]);
    await fireEvent.click(screen.getByText("say hello"));
    await waitFor(() => expect(screen.getByRole("listitem").textContent).toBe("bob: hello"));
    const kitchen = sockets.filter((s) => s.url.includes("/channel/chat"))[1]!;
    expect(decodeURIComponent(kitchen.url)).toContain('{"room":"kitchen"}');

    unmount();
    expect(kitchen.readyState).toBeGreaterThanOrEqual(WebSocket.CLOSING);
  });
});
