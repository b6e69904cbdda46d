// The demo shop's Vue output as an app uses it, type-checked by vue-tsc and
// both tsc versions (tests/codegen/test_vue.py). Every `@ts-expect-error`
// must be an error, so the misuses below are proven refused.
import { createApp, defineComponent, h, ref } from "vue";
import type { Ref } from "vue";
import {
  CartProvider, createMizan, provideCart, useAddItem, useCart, useCartSummary, useChatChannel,
  useContactForm, useCurrentUser, useLiveStock, useProducts, usePurgeCarts,
} from "../build-vue/shop/api";
import type { CartOut, ChatChannelDjangoMessage, MizanError, UserOut } from "../build-vue/shop/api";

const mizan = createMizan({ baseUrl: "/api/mizan", hydration: null, live: false });
// @ts-expect-error: not an option
createMizan({ base_url: "/api/mizan" });

const CartView = defineComponent(() => {
  const { data, error, loading, refetch } = useCart();
  const cart: CartOut | undefined = data.value;
  const failure: MizanError | undefined = error.value;
  const busy: boolean = loading.value;
  const summary = useCartSummary();
  const user: UserOut | undefined = useCurrentUser().data.value;
  // @ts-expect-error: the refs are read-only
  data.value = undefined;
  void refetch();
  return () => h("p", [String(cart?.cart_id), failure?.code, String(busy), String(summary.data.value?.item_count), user?.username]);
});

const Page = defineComponent(() => {
  const id = ref(1);
  provideCart(() => ({ cart_id: id.value }));
  provideCart({ cart_id: 2 });
  // @ts-expect-error: cart_id is a number
  provideCart({ cart_id: "2" });
  // @ts-expect-error: cart_id is required
  provideCart({});
  const addItem = useAddItem();
  const added: Promise<CartOut> = addItem.mutate({ cart_id: 1, sku: "tea" });
  // @ts-expect-error: sku is required
  void addItem.mutate({ cart_id: 1 });
  void usePurgeCarts().mutate();
  void useProducts().mutate(); // every argument of products has a default
  // @ts-expect-error: add_item's arguments have no defaults
  void addItem.mutate();
  void useLiveStock({ transport: "http" }).mutate({ sku: "tea" });
  const form = useContactForm({ topic: "order" });
  form.setValue("name", "Ada");
  // @ts-expect-error: order_id is a number
  form.setValue("order_id", "7");
  const nameErrors: string[] | undefined = form.errors.value.name;
  const room: Ref<string> = ref("lobby");
  const chat = useChatChannel(() => ({ room: room.value }));
  const first: ChatChannelDjangoMessage | undefined = chat.messages.value[0];
  chat.send({ text: "hi" });
  // @ts-expect-error: the server's message is not what the client sends
  chat.send({ text: "hi", user: "bob" });
  void added;
  return () => [
    h(CartProvider, { cart_id: 1 }, { default: () => h(CartView) }),
    h("p", [nameErrors?.join(" "), first?.text, chat.status.value]),
  ];
});

createApp(Page).use(mizan).mount("#app");
