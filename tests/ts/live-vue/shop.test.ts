// The demo shop's generated Vue composables (tests/ts/build-vue/shop/api)
// against a live demo server started by tests/codegen/test_vue.py, rendered
// with @testing-library/vue in jsdom. Authenticated as "bob" with an MWT.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/vue";
import { createSSRApp, defineComponent, h, nextTick, ref } from "vue";
import { renderToString } from "vue/server-renderer";
import type { Component } from "vue";
import { afterEach, describe, expect, it } from "vitest";
import {
  CartProvider, createMizan, provideCart, useAddItem, useCart, useCartSummary, useChatChannel,
  useContactForm, useCurrentUser, useEcho,
} from "../build-vue/shop/api";
import type { ChannelResult, ChatChannelDjangoMessage, ChatChannelReactMessage, MizanClient } from "../build-vue/shop/api";
import { RecordingSocket, sockets } from "../live/_socket";
import { HTTP, TOKEN, bob, closeClients } from "./_live";

const requests: string[] = [];

afterEach(() => {
  cleanup();
  closeClients();
  sockets.length = 0;
  requests.length = 0;
  document.body.innerHTML = "";
});

/** Mount `component` in an app that uses the generated plugin with `client`. */
function mount(component: Component, client: MizanClient) {
  return render(component, { global: { plugins: [createMizan({ client, hydration: null })] } });
}

const gets = (query: string) => requests.filter((r) => r === `GET /call/cart?${query}`).length;

/** Shows the cart of the nearest provider as `<id>:<lines>`. */
const CartView = defineComponent({
  props: { id: { type: Number, required: true } },
  setup(props) {
    const { data } = useCart();
    return () => h("p", { "data-testid": `cart-${props.id}` }, data.value ? `${data.value.cart_id}:${data.value.lines.length}` : "…");
  },
});

describe("the generated Vue composables against the live demo", () => {
  it("calls a function: mutate resolves to the typed value and data shows it", async () => {
    mount(defineComponent(() => {
      const echo = useEcho();
      const send = async () => {
        const answer = await echo.mutate({ text: "hello" });
        expect(answer.message).toBe("hello");
      };
      return () => [
        h("button", { onClick: send }, "send"),
        h("p", { "data-testid": "echo" }, echo.loading.value ? "sending" : echo.data.value?.message ?? "none"),
      ];
    }), bob(requests));
    expect(screen.getByTestId("echo").textContent).toBe("none");
    await fireEvent.click(screen.getByText("send"));
    await waitFor(() => expect(screen.getByTestId("echo").textContent).toBe("hello"));
    expect(requests).toEqual(["POST /call/echo"]);
  });

  it("fetches a context and re-fetches exactly the provider a mutation invalidated", async () => {
    let addItem: ReturnType<typeof useAddItem> | undefined;
    mount(defineComponent(() => {
      addItem = useAddItem();
      return () => [
        h(CartProvider, { cart_id: 101 }, { default: () => h(CartView, { id: 101 }) }),
        h(CartProvider, { cart_id: 102 }, { default: () => h(CartView, { id: 102 }) }),
      ];
    }), bob(requests));
    await waitFor(() => expect(screen.getByTestId("cart-101").textContent).toBe("101:0"));
    await waitFor(() => expect(screen.getByTestId("cart-102").textContent).toBe("102:0"));
    expect(gets("cart_id=101")).toBe(1);
    expect(gets("cart_id=102")).toBe(1);

    const out = await addItem!.mutate({ cart_id: 101, sku: "tea" });
    expect(out.lines.map((l) => l.sku)).toEqual(["tea"]);
    expect(addItem!.data.value?.cart_id).toBe(101);
    await waitFor(() => expect(screen.getByTestId("cart-101").textContent).toBe("101:1"));
    expect(gets("cart_id=101")).toBe(2);
    expect(gets("cart_id=102")).toBe(1); // cart 102 was not invalidated
  });

  it("provideCart with a ref re-fetches for new params and stops hearing the old ones", async () => {
    const id = ref(201);
    let addItem: ReturnType<typeof useAddItem> | undefined;
    const Summary = defineComponent(() => {
      const { data } = useCartSummary();
      return () => h("p", { "data-testid": "summary" }, data.value ? `${data.value.cart_id}:${data.value.item_count}` : "…");
    });
    mount(defineComponent(() => {
      provideCart(() => ({ cart_id: id.value }));
      addItem = useAddItem();
      return () => h(Summary);
    }), bob(requests));
    await waitFor(() => expect(screen.getByTestId("summary").textContent).toBe("201:0"));
    id.value = 202;
    await waitFor(() => expect(screen.getByTestId("summary").textContent).toBe("202:0"));
    requests.length = 0;
    await addItem!.mutate({ cart_id: 201, sku: "tea" }); // the params the provider left
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requests).toEqual(["POST /call/add_item"]);
    await addItem!.mutate({ cart_id: 202, sku: "tea" });
    await waitFor(() => expect(screen.getByTestId("summary").textContent).toBe("202:1"));
  });

  it("reads a global value under the plugin", async () => {
    mount(defineComponent(() => {
      const { data } = useCurrentUser();
      return () => h("p", { "data-testid": "user" }, data.value?.username ?? "…");
    }), bob(requests));
    await waitFor(() => expect(screen.getByTestId("user").textContent).toBe("bob"));
    expect(requests).toEqual(["GET /call/current_user"]);
  });

  it("shows a form's client errors first, then the server's", async () => {
    let form: ReturnType<typeof useContactForm> | undefined;
    mount(defineComponent(() => {
      form = useContactForm();
      const { errors } = form;
      return () => ["name", "message", "order_id"].map((field) =>
        h("p", { "data-testid": `error-${field}` }, (errors.value as Record<string, string[] | undefined>)[field]?.join(" ") ?? ""));
    }), bob(requests));
    expect(await form!.validate()).toBe(false);
    await nextTick();
    expect(screen.getByTestId("error-name").textContent).toBe("This field is required.");
    expect(screen.getByTestId("error-message").textContent).toBe("This field is required.");
    expect(requests).toEqual([]); // Zod refused it: nothing was sent

    form!.setValue("name", "Ada");
    form!.setValue("email", "ada@example.com");
    form!.setValue("message", "Where is my parcel?");
    expect(form!.values.value.name).toBe("Ada");
    expect(await form!.validate()).toBe(false); // clean(): topic "order" needs an order id
    await nextTick();
    expect(requests).toEqual(["POST /call/contact.validate"]);
    expect(screen.getByTestId("error-name").textContent).toBe("");
    expect(screen.getByTestId("error-order_id").textContent).toBe("Tell us which order this is about.");

    form!.setValue("order_id", 7);
    expect(await form!.submit()).toEqual({ sent: true });
    expect(form!.result.value).toEqual({ sent: true });
  });

  it("delivers a channel message and closes the subscription on unmount", async () => {
    let chat: ChannelResult<ChatChannelDjangoMessage, ChatChannelReactMessage> | undefined;
    const { unmount } = mount(defineComponent(() => {
      chat = useChatChannel({ room: "lobby" });
      const { messages, status } = chat;
      return () => h("ul", { "data-testid": status.value }, messages.value.map((m) => h("li", `${m.user}: ${m.text}`)));
    }), bob(requests));
    await waitFor(() => expect(screen.getByTestId("open")).toBeTruthy());
    chat!.send({ text: "  hello  " });
    await waitFor(() => expect(screen.getByText("bob: hello")).toBeTruthy());
    expect(chat!.messages.value).toEqual([{ text: "hello", user: "bob" }]);
    unmount();
    expect(chat!.status.value).toBe("closed");
  });
});

describe("live invalidation", () => {
  it("re-fetches the provider another program's change names, and only it", async () => {
    const client = bob(requests, RecordingSocket as unknown as typeof WebSocket);
    mount(defineComponent(() => () => [501, 502].map((id) =>
      h(CartProvider, { cart_id: id }, { default: () => h(CartView, { id }) }))), client);
    await waitFor(() => expect(screen.getByTestId("cart-501").textContent).toBe("501:0"));
    await waitFor(() => expect(screen.getByTestId("cart-502").textContent).toBe("502:0"));
    await waitFor(() => {
      const rpc = sockets.find((s) => s.sent.some((f) => "subscribe" in f));
      expect(rpc).toBeDefined();
      const ids = rpc!.sent.filter((f) => "subscribe" in f).map((f) => f.id);
      expect(ids.length).toBe(3); // the global context and both carts
      for (const id of ids) expect(rpc!.received).toContainEqual({ id, result: null });
    });
    // A plain POST, not a client of this page: only the server's push reaches the page.
    const response = await fetch(`${HTTP}/api/mizan/call/add_item`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ cart_id: 501, sku: "tea" }),
    });
    expect(response.status).toBe(200);
    await waitFor(() => expect(screen.getByTestId("cart-501").textContent).toBe("501:1"));
    expect(gets("cart_id=501")).toBe(2);
    expect(gets("cart_id=502")).toBe(1);
  });
});

describe("server-side rendering", () => {
  it("renders the providers and values without fetching or opening a socket", async () => {
    const app = createSSRApp(defineComponent(() => {
      const { data: user } = useCurrentUser();
      return () => [
        h("p", user.value?.username ?? "no user"),
        h(CartProvider, { cart_id: 301 }, { default: () => h(CartView, { id: 301 }) }),
      ];
    }));
    app.use(createMizan({ client: bob(requests), hydration: null }));
    const html = await renderToString(app);
    expect(html).toContain("no user");
    expect(html).toContain('data-testid="cart-301"');
    await new Promise((resolve) => setTimeout(resolve, 300)); // room for a stray fetch
    expect(requests).toEqual([]);
  });
});

describe("SSR hydration from the Django template tag", () => {
  it("shows the hydrated user with no fetch", async () => {
    const page = process.env.MIZAN_LIVE_PAGE ?? "";
    expect(page).toContain('id="mizan-hydration"');
    document.body.innerHTML = page;
    const client = bob(requests);
    render(defineComponent(() => {
      const { data } = useCurrentUser();
      return () => h("p", { "data-testid": "user" }, data.value?.username ?? "…");
    }), { container: document.getElementById("root")!, global: { plugins: [createMizan({ client })] } });
    expect(screen.getByTestId("user").textContent).toBe("bob");
    await new Promise((resolve) => setTimeout(resolve, 300)); // room for a stray fetch
    expect(requests).toEqual([]);
    expect(HTTP).not.toBe("");
  });
});
