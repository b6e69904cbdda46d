// Hand-written consumer of the demo shop's generated client: uses every hook
// and call; each `@ts-expect-error` line must be a compile error (tsc fails
// with "Unused '@ts-expect-error' directive" if it is not).
import {
  CartProvider,
  ContactFormSchema,
  MizanContext,
  MizanError,
  callAddItem,
  callCheckout,
  callContactSubmit,
  callEcho,
  callLiveStock,
  callPurgeCarts,
  fetchCart,
  fetchCurrentUser,
  useAddItem,
  useCart,
  useCartSummary,
  useChatChannel,
  useCheckout,
  useContactForm,
  useCurrentUser,
  useEcho,
  useLiveStock,
  useProducts,
  usePurgeCarts,
  useSetNote,
  useSetPrice,
  useVipOffers,
} from "../build/shop/api";
import type { CartOut, ContactFormValues, ProductKind, ProductOut } from "../build/shop/api";

export async function stageOne(): Promise<string> {
  const cart: CartOut = await callAddItem({ cart_id: 1, sku: "tea" });
  await callAddItem({ cart_id: 1, sku: "tea", quantity: 2 });
  const fetched = await fetchCart({ cart_id: cart.cart_id });
  const user = await fetchCurrentUser();
  const purged: number = (await callPurgeCarts()).purged;
  const stock = await callLiveStock({ sku: "tea" }, { transport: "websocket" });
  const order = await callCheckout({
    cart_id: 1,
    shipping: { name: "Ada", address: { street: "Main 1", city: "Utrecht", postalCode: "3511" } },
  });
  const amount: string = order.total.amount;
  const kind: ProductKind = "digital";
  const sent: Record<string, boolean> = await callContactSubmit({
    name: "Ada", email: "ada@example.com", topic: "order", order_id: 3, message: "Hello there!", subscribe: false,
  });

  // @ts-expect-error wrong argument name
  await callAddItem({ cart_id: 1, skuu: "tea" });
  // @ts-expect-error wrong argument type
  await callAddItem({ cart_id: "1", sku: "tea" });
  // @ts-expect-error missing required argument
  await callAddItem({ cart_id: 1 });
  // @ts-expect-error a function without parameters takes no arguments object
  await callPurgeCarts({ cart_id: 1 });
  // @ts-expect-error arguments are required
  await callEcho();
  // @ts-expect-error a response field is always present: it is not optional
  const note: string = fetched.note;
  // @ts-expect-error enum values are a closed union
  const bad: ProductKind = "vinyl";
  // @ts-expect-error the alias is the wire name (postalCode), not the Python name
  await callCheckout({ cart_id: 1, shipping: { name: "A", address: { street: "s", city: "c", postal_code: "p" } } });
  // @ts-expect-error only websocket functions take a transport
  await callEcho({ text: "x" }, { transport: "websocket" });
  // @ts-expect-error forms values are typed
  await callContactSubmit({ name: 1 });

  return [user.username, purged, stock.stock, amount, kind, sent, note, bad].join();
}

function Cart(): JSX.Element {
  const cart = useCart();
  const summary = useCartSummary();
  const addItem = useAddItem();
  const setNote = useSetNote();
  const refetch: () => Promise<void> = cart.refetch;
  const lines: number | undefined = cart.data?.lines.length;
  const count: number | undefined = summary.data?.item_count;
  void addItem.mutate({ cart_id: 1, sku: "tea" }).then((out: CartOut) => out.cart_id);
  void setNote.mutate({ cart_id: 1 });
  // @ts-expect-error wrong argument name in a mutation hook
  void addItem.mutate({ cart_id: 1, sku: "tea", qty: 2 });
  // @ts-expect-error missing required argument in a mutation hook
  void setNote.mutate({ note: "x" });
  // @ts-expect-error context hooks take no arguments
  useCart({ cart_id: 1 });
  const error: MizanError | undefined = addItem.error ?? cart.error;
  return (
    <p>
      {lines} {count} {String(addItem.loading)} {error?.code} {String(refetch)}
    </p>
  );
}

function Everything(): JSX.Element {
  const user = useCurrentUser();
  const echo = useEcho();
  const products = useProducts();
  const offers = useVipOffers();
  const purge = usePurgeCarts();
  const price = useSetPrice();
  const checkout = useCheckout();
  const stock = useLiveStock();
  const stockOverHttp = useLiveStock({ transport: "http" });
  void stockOverHttp.mutate({ sku: "tea" });
  // @ts-expect-error a transport is "http" or "websocket"
  useLiveStock({ transport: "pigeon" });
  // @ts-expect-error only a websocket function's hook takes a transport
  useEcho({ transport: "websocket" });
  const list: ProductOut[] | undefined = products.data;
  void echo.mutate({ text: "hi" }).then((r) => r.message);
  void products.mutate({ kind: "physical" });
  void products.mutate({});
  void products.mutate(); // every argument of products has a default
  // @ts-expect-error echo's text has no default: its mutate needs the arguments
  void echo.mutate();
  void offers.mutate();
  void purge.mutate();
  void price.mutate({ sku: "tea", price: "4.50" });
  void stock.mutate({ sku: "tea" });
  void checkout.mutate({ cart_id: 1, shipping: { name: "A", address: { street: "s", city: "c", postalCode: "p" } } });
  // @ts-expect-error decimals cross the wire as strings
  void price.mutate({ sku: "tea", price: 4.5 });
  // @ts-expect-error a hook for a function without parameters takes none
  void purge.mutate({ all: true });
  // @ts-expect-error the global context has no refetch argument and no mutate
  void user.mutate();

  const chat = useChatChannel({ room: "lobby" });
  chat.send({ text: "hello" });
  const texts: string[] = chat.messages.map((m) => `${m.user}: ${m.text}`);
  const status: "connecting" | "open" | "reconnecting" | "closed" | "refused" = chat.status;
  // @ts-expect-error channel params are typed
  useChatChannel({ rooom: "lobby" });
  // @ts-expect-error client messages are typed
  chat.send({ txt: "hello" });

  const form = useContactForm();
  form.setValue("name", "Ada");
  form.setValue("order_id", null);
  form.setValue("topic", "product");
  // @ts-expect-error unknown form field
  form.setValue("nmae", "Ada");
  // @ts-expect-error wrong value type for a field
  form.setValue("order_id", "3");
  // @ts-expect-error a choice outside the form's choices
  form.setValue("topic", "complaint");
  const nameErrors: string[] | undefined = form.errors.name;
  const nonField: string[] | undefined = form.errors.__all__;
  const values: ContactFormValues = form.values;
  const parsed = ContactFormSchema.safeParse(values);
  void form.validate().then((ok: boolean) => ok);
  void form.submit().then((result) => result?.["sent"]);

  return (
    <CartProvider cart_id={1}>
      <Cart />
      {user.data?.username} {list?.length} {texts.join()} {status} {String(form.submitting)}
      {nameErrors} {nonField} {String(parsed.success)} {String(offers.data?.length)}
    </CartProvider>
  );
}

export function App(): JSX.Element {
  return (
    <MizanContext baseUrl="/api/mizan" hydration={{ version: 1, contexts: { global: { current_user: null } } }}>
      <Everything />
      {/* @ts-expect-error hydration is the template tag's document, not a bare map of values */}
      <MizanContext hydration={{ current_user: null }} />
      <MizanContext hydration={null} />
      {/* @ts-expect-error a provider needs its context's parameters */}
      <CartProvider>
        <Cart />
      </CartProvider>
      {/* @ts-expect-error provider props are typed */}
      <CartProvider cart_id="1" />
    </MizanContext>
  );
}
