// Consumer of tests/projects/errors: a project full of diagnostics still
// generates a client that compiles; every hook is used.
import {
  CartProvider, MizanContext, useAdd, useAddMore, useAdmin, useCart, useCartTotal, useHolder,
  useNoRequest, useNumbers, useOrderPage, useOther, usePlain, useRaw, useRevText, useTheme,
  useTouch, useUntyped, useWrongFirst,
} from "../build/errors/api";

function Inside(): JSX.Element {
  const cart = useCart();
  const total = useCartTotal();
  return <p>{cart.data?.join()} {total.data}</p>;
}

function Everything(): JSX.Element {
  const theme = useTheme();
  const m = {
    add: useAdd(), addMore: useAddMore(), admin: useAdmin(), holder: useHolder(),
    noRequest: useNoRequest(), numbers: useNumbers(), order: useOrderPage(), other: useOther(),
    plain: usePlain(), raw: useRaw(), rev: useRevText(), touch: useTouch(),
    untyped: useUntyped(), wrong: useWrongFirst(),
  };
  void m.add.mutate({ cart_id: 1 });
  void m.addMore.mutate();
  void m.admin.mutate();
  void m.holder.mutate();
  void m.noRequest.mutate();
  void m.numbers.mutate();
  void m.order.mutate({ order_id: "o", extra: 1 });
  void m.other.mutate();
  void m.plain.mutate();
  void m.raw.mutate({ req: {} });
  void m.rev.mutate();
  void m.touch.mutate();
  void m.untyped.mutate({ x: "anything goes: unresolved is unknown" });
  void m.wrong.mutate({ x: 1 });
  // @ts-expect-error wrong argument type
  void m.add.mutate({ cart_id: "1" });
  // @ts-expect-error wrong argument name
  void m.wrong.mutate({ y: 1 });
  // @ts-expect-error missing required argument
  void m.order.mutate({ order_id: "o" });
  return <CartProvider cart_id={1}><Inside />{theme.data}</CartProvider>;
}

export function App(): JSX.Element {
  return <MizanContext><Everything /></MizanContext>;
}
