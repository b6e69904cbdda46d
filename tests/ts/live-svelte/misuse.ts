// Never run: svelte-check must accept the good calls and refuse the bad ones
// (an `@ts-expect-error` that is not an error is itself an error).
import type { CartOut, ChatChannelDjangoMessage } from "./build/shop/api";
import { provideCart, useAddItem, useCart, useChatChannel, useContactForm, useCurrentUser, useProducts } from "./build/shop/api";

export function misuse(): void {
  const cart: CartOut | undefined = useCart().data;
  const name: string | undefined = useCurrentUser().data?.username;
  const messages: ChatChannelDjangoMessage[] = useChatChannel({ room: "lobby" }).messages;
  void [cart, name, messages];
  provideCart({ cart_id: 1 });
  // @ts-expect-error cart_id is a number
  provideCart({ cart_id: "1" });
  // @ts-expect-error the cart context needs its cart_id
  provideCart();
  void useProducts().mutate(); // every argument of products has a default
  // @ts-expect-error add_item's arguments have no defaults
  void useAddItem().mutate();
  // @ts-expect-error add_item takes a sku
  void useAddItem().mutate({ cart_id: 1 });
  // @ts-expect-error a result is read, not assigned
  useCart().data = undefined;
  // @ts-expect-error not a field of the contact form
  useContactForm().setValue("phone", "1");
  // @ts-expect-error a chat message is { text }
  useChatChannel({ room: "lobby" }).send({ body: "hi" });
}
