// The browser page of make e2e (tests/e2e/test_react_query.py): an app that
// owns its QueryClient, served at the demo's own origin, so the Mizan client
// is the default one (session cookie, CSRF), as an app mounted by a Django
// template would be. The cache's state of each cart is shown beside it.
import { QueryClient, QueryClientProvider, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { FormEvent } from "react";
import { createRoot } from "react-dom/client";
import {
  MizanQueryProvider, cartQueryKey, useAddItem, useCart, useChatChannel, useCurrentUser,
} from "../../build-react-query/shop/api";

function Cart({ id }: { id: number }) {
  const cart = useCart({ cart_id: id });
  const state = useQueryClient().getQueryState(cartQueryKey({ cart_id: id }));
  const lines = cart.data?.lines.reduce((n, line) => n + line.quantity, 0);
  return (
    <p>
      <span data-testid={`cart-${id}`}>{cart.data ? `${id}:${lines}` : "…"}</span>{" "}
      <span data-testid={`cart-${id}-fetched`}>{state?.dataUpdatedAt ?? 0}</span>
    </p>
  );
}

function Shop() {
  const user = useCurrentUser();
  const addItem = useAddItem();
  const chat = useChatChannel({ room: "react-query" });
  const [text, setText] = useState("");
  const say = (event: FormEvent) => {
    event.preventDefault();
    chat.send({ text });
    setText("");
  };
  return (
    <>
      <p data-testid="user">{user.data ? `Signed in as ${user.data.username}` : "…"}</p>
      <Cart id={1} />
      <Cart id={2} />
      <button data-testid="add-tea-1" onClick={() => addItem.mutate({ cart_id: 1, sku: "tea" })}>Add tea to cart 1</button>
      <form data-testid="chat" onSubmit={say}>
        <span data-testid="chat-status">{chat.status}</span>
        <input name="chat" value={text} onChange={(e) => setText(e.currentTarget.value)} />
        <button type="submit">Say</button>
        <ul data-testid="chat-messages">
          {chat.messages.map((m, i) => <li key={i}>{m.user}: {m.text}</li>)}
        </ul>
      </form>
    </>
  );
}

const queryClient = new QueryClient();
const target = document.getElementById("app");
if (!target) throw new Error("the page has no #app element");
createRoot(target).render(
  <QueryClientProvider client={queryClient}>
    <MizanQueryProvider>
      <Shop />
    </MizanQueryProvider>
  </QueryClientProvider>,
);
