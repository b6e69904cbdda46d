import { useEffect, useState } from "react";
import type { FormEvent } from "react";
import {
  CartProvider,
  MizanError,
  useAddItem,
  useCart,
  useCartSummary,
  useChatChannel,
  useContactForm,
  useCurrentUser,
  useLiveStock,
  useProducts,
  useSetPrice,
} from "./api";
import type { ContactFormValues, ProductOut } from "./api";

/** The room comes from the address (`?room=kitchen`), so two tabs can share one. */
const ROOM = new URLSearchParams(window.location.search).get("room") ?? "lobby";

export default function App() {
  return (
    <main>
      <UserBar />
      <Products />
      <div className="carts">
        <CartProvider cart_id={1}>
          <Cart />
        </CartProvider>
        <CartProvider cart_id={2}>
          <Cart />
        </CartProvider>
      </div>
      <div className="columns">
        <ContactForm />
        <Chat room={ROOM} />
      </div>
      <div className="columns">
        <LiveStock />
        <StaffOnly />
      </div>
    </main>
  );
}

/** `current_user` is a global context: the page's hydration carries it. */
function UserBar() {
  const user = useCurrentUser();
  if (user.loading) return <header>…</header>;
  return (
    <header>
      <h1>Mizan shop</h1>
      {user.data?.is_authenticated ? (
        <span data-testid="user">
          Signed in as <b>{user.data.username}</b>
        </span>
      ) : (
        <span data-testid="user">
          Not signed in · <a href="/login/">log in</a>
        </span>
      )}
    </header>
  );
}

/** `products` is a plain function: fetched once, on mount. */
function Products() {
  const products = useProducts();
  const addItem = useAddItem();
  const { mutate } = products;
  useEffect(() => {
    mutate({}).catch(() => undefined);
  }, [mutate]);
  return (
    <section>
      <h2>Products</h2>
      {products.error && <p className="error">{products.error.message}</p>}
      <ul data-testid="products">
        {(products.data ?? []).map((product: ProductOut) => (
          <li key={product.sku}>
            <span>
              {product.name} <small>{product.price.amount} {product.price.currency}</small>
            </span>
            {[1, 2].map((cartId) => (
              <button
                key={cartId}
                data-testid={`add-${product.sku}-${cartId}`}
                onClick={() => addItem.mutate({ cart_id: cartId, sku: product.sku })}
              >
                Add to cart {cartId}
              </button>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Reads the `cart` context of the nearest `<CartProvider>`. */
function Cart() {
  const cart = useCart();
  const summary = useCartSummary();
  const id = cart.data?.cart_id ?? summary.data?.cart_id;
  return (
    <section data-testid={id === undefined ? undefined : `cart-${id}`}>
      <h2>Cart {id}</h2>
      {cart.error && <p className="error">{cart.error.message}</p>}
      <ul>
        {(cart.data?.lines ?? []).map((line) => (
          <li key={line.sku}>
            {line.quantity} × {line.sku}
          </li>
        ))}
      </ul>
      <p data-testid={id === undefined ? undefined : `cart-${id}-count`}>
        {summary.data?.item_count ?? 0} item(s), {summary.data?.total.amount ?? "0.00"}{" "}
        {summary.data?.total.currency ?? ""}
      </p>
    </section>
  );
}

/** A Django form: Zod checks in the browser first, Django has the last word. */
function ContactForm() {
  const form = useContactForm();
  const [sent, setSent] = useState(false);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSent((await form.submit()) !== undefined);
  };
  const text = (field: "name" | "email" | "message", label: string) => (
    <label>
      {label}
      <input
        name={field}
        value={form.values[field]}
        onChange={(event) => form.setValue(field, event.target.value)}
      />
      <FieldErrors messages={form.errors[field]} field={field} />
    </label>
  );
  return (
    <form onSubmit={onSubmit} noValidate data-testid="contact">
      <h2>Contact us</h2>
      {text("name", "Name")}
      {text("email", "Email")}
      <label>
        Topic
        <select
          name="topic"
          value={form.values.topic ?? ""}
          onChange={(event) =>
            form.setValue("topic", event.target.value as ContactFormValues["topic"])
          }
        >
          <option value="order">An order</option>
          <option value="product">A product</option>
          <option value="other">Something else</option>
        </select>
      </label>
      <label>
        Order id
        <input
          name="order_id"
          type="number"
          value={form.values.order_id ?? ""}
          onChange={(event) =>
            form.setValue("order_id", event.target.value === "" ? null : Number(event.target.value))
          }
        />
        <FieldErrors messages={form.errors.order_id} field="order_id" />
      </label>
      {text("message", "Message")}
      <FieldErrors messages={form.errors.__all__} field="__all__" />
      <button type="submit" disabled={form.submitting}>
        Send
      </button>
      {sent && <p data-testid="contact-sent">Thank you, your message was sent.</p>}
    </form>
  );
}

function FieldErrors({ messages, field }: { messages: string[] | undefined; field: string }) {
  if (!messages?.length) return null;
  return (
    <span className="error" data-testid={`error-${field}`}>
      {messages.join(" ")}
    </span>
  );
}

/** A channel: every page in the same room hears every message. */
function Chat({ room }: { room: string }) {
  const chat = useChatChannel({ room });
  const [text, setText] = useState("");
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) chat.send({ text });
    setText("");
  };
  return (
    <form onSubmit={onSubmit} data-testid="chat">
      <h2>
        Chat in “{room}” <small data-testid="chat-status">{chat.status}</small>
      </h2>
      {chat.error && <p className="error">{chat.error.message}</p>}
      <ul data-testid="chat-messages">
        {chat.messages.map((message, index) => (
          <li key={index}>
            <b>{message.user}</b>: {message.text}
          </li>
        ))}
      </ul>
      <input name="chat" value={text} onChange={(event) => setText(event.target.value)} />
      <button type="submit">Say</button>
    </form>
  );
}

/** `live_stock` is declared `websocket=True`: it goes over the socket when open. */
function LiveStock() {
  const stock = useLiveStock();
  return (
    <section>
      <h2>Stock (over the websocket)</h2>
      <button data-testid="stock" onClick={() => stock.mutate({ sku: "tea" }).catch(() => undefined)}>
        How much tea is left?
      </button>
      {stock.data && <p data-testid="stock-result">{stock.data.stock} left</p>}
      {stock.error && <p className="error">{stock.error.message}</p>}
    </section>
  );
}

/** `set_price` is `auth="staff"`: the server refuses everyone else. */
function StaffOnly() {
  const setPrice = useSetPrice();
  const [refusal, setRefusal] = useState<string>();
  const onClick = () =>
    setPrice.mutate({ sku: "tea", price: "3.99" }).then(
      () => setRefusal(undefined),
      (error: unknown) =>
        setRefusal(error instanceof MizanError ? `${error.status} ${error.code}: ${error.message}` : String(error)),
    );
  return (
    <section>
      <h2>Staff only</h2>
      <button data-testid="set-price" onClick={onClick}>
        Set the price of tea to 3.99
      </button>
      {setPrice.data && <p data-testid="set-price-result">Now {setPrice.data.price.amount}</p>}
      {refusal && (
        <p className="error" data-testid="set-price-error">
          {refusal}
        </p>
      )}
    </section>
  );
}
