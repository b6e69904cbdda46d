// Consumer of tests/projects/_demo: the demo shop as the static extractor
// reads it (the same IR as at run time): every hook; `@ts-expect-error` lines must fail.
import {
  CartProvider, MizanContext, callAddItem, fetchCart, useAddItem, useCart, useCartSummary,
  useCheckout, useCurrentUser, useEcho, useLiveStock, useProducts, usePurgeCarts, useSetNote,
  useSetPrice, useVipOffers,
} from "../build/_demo/api";
import type { CartOut } from "../build/_demo/api";

export async function calls(): Promise<CartOut> {
  // @ts-expect-error wrong argument name
  await callAddItem({ cart_id: 1, skuu: "tea" });
  // @ts-expect-error wrong argument type
  await fetchCart({ cart_id: "1" });
  // @ts-expect-error missing required argument
  await callAddItem({ sku: "tea" });
  return callAddItem({ cart_id: 1, sku: "tea", quantity: 2 });
}

function Inside(): JSX.Element {
  const cart = useCart();
  const summary = useCartSummary();
  return <p>{cart.data?.lines.length} {summary.data?.item_count}</p>;
}

function Everything(): JSX.Element {
  const user = useCurrentUser();
  const m = {
    add: useAddItem(), checkout: useCheckout(), echo: useEcho(), stock: useLiveStock(),
    products: useProducts(), purge: usePurgeCarts(), note: useSetNote(), price: useSetPrice(),
    vip: useVipOffers(),
  };
  void m.add.mutate({ cart_id: 1, sku: "tea" });
  void m.checkout.mutate({ cart_id: 1, shipping: { name: "A", address: { street: "s", city: "c", postalCode: "p" } } });
  void m.echo.mutate({ text: "hi" }).then((r) => r.message);
  void m.stock.mutate({ sku: "tea" });
  void m.products.mutate({ kind: "digital" });
  void m.purge.mutate();
  void m.note.mutate({ cart_id: 1, note: null });
  void m.price.mutate({ sku: "tea", price: "1.00" });
  void m.vip.mutate();
  // @ts-expect-error enum values only
  void m.products.mutate({ kind: "vinyl" });
  return <CartProvider cart_id={1}><Inside />{user.data?.username}</CartProvider>;
}

export function App(): JSX.Element {
  return <MizanContext><Everything /></MizanContext>;
}
