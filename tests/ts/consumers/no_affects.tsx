// Consumer of tests/projects/no_affects (ORM writes with and without affects).
import { CartProvider, MizanContext, callAddItem, useAddItem, useCartLines, useCloseOrders } from "../build/no_affects/api";

function Cart(): JSX.Element {
  const lines = useCartLines();
  const add = useAddItem();
  const close = useCloseOrders();
  void add.mutate({ cart_id: 1, sku: "tea" });
  void close.mutate();
  // @ts-expect-error sku is required
  void add.mutate({ cart_id: 1 });
  // @ts-expect-error the result is null, not a string
  void callAddItem({ cart_id: 1, sku: "tea" }).then((s: string) => s);
  // @ts-expect-error a function without parameters takes none
  void close.mutate({ all: true });
  return <p>{lines.data?.join(", ")}</p>;
}

export function App(): JSX.Element {
  return <MizanContext><CartProvider cart_id={1}><Cart /></CartProvider></MizanContext>;
}
