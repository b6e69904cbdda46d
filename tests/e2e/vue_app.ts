// The demo shop's Vue client, mounted in the shop's own page in place of the
// React app (tests/e2e/test_vue.py bundles it with the generated `vue`
// target): the user, two carts, a button adding tea to cart 1, the contact
// form and the chat.
import { createApp, defineComponent, h, ref } from "vue";
import { CartProvider, createMizan, useAddItem, useCartSummary, useChatChannel, useContactForm, useCurrentUser } from "./api";
import type { ContactFormValues } from "./api";

const User = defineComponent(() => {
  const { data: user } = useCurrentUser();
  return () => h("p", { "data-testid": "user" }, user.value ? `Signed in as ${user.value.username}` : "…");
});

const Count = defineComponent({
  props: { id: { type: Number, required: true } },
  setup(props) {
    const { data: summary } = useCartSummary();
    return () => h("p", { "data-testid": `cart-${props.id}-count` }, summary.value ? `${summary.value.item_count} item(s)` : "…");
  },
});

const AddTea = defineComponent(() => {
  const { mutate } = useAddItem();
  return () => h("button", { "data-testid": "add-tea-1", onClick: () => mutate({ cart_id: 1, sku: "tea" }) }, "Add tea to cart 1");
});

type TextField = "name" | "email" | "message" | "order_id";

const Contact = defineComponent(() => {
  const { values, errors, setValue, submit, result } = useContactForm();
  const input = (field: TextField) => h("input", {
    name: field,
    value: values.value[field] ?? "",
    onInput: (event: Event) => {
      const text = (event.target as HTMLInputElement).value;
      if (field === "order_id") setValue(field, text === "" ? null : Number(text));
      else setValue(field, text as ContactFormValues[typeof field]);
    },
  });
  const shown = (field: TextField) => errors.value[field]?.map((m) => h("span", { "data-testid": `error-${field}` }, m));
  return () => h("form", { "data-testid": "contact", novalidate: true, onSubmit: (event: Event) => {
    event.preventDefault();
    void submit();
  } }, [
    ...(["name", "email", "message", "order_id"] as const).map((field) => h("label", [field, input(field), shown(field)])),
    h("button", { type: "submit" }, "Send"),
    result.value ? h("p", { "data-testid": "contact-sent" }, "Sent") : null,
  ]);
});

const Chat = defineComponent(() => {
  const { messages, status, send } = useChatChannel({ room: "vue" });
  const text = ref("");
  return () => h("form", { "data-testid": "chat", onSubmit: (event: Event) => {
    event.preventDefault();
    send({ text: text.value });
    text.value = "";
  } }, [
    h("small", { "data-testid": "chat-status" }, status.value),
    h("input", { name: "chat", value: text.value, onInput: (e: Event) => (text.value = (e.target as HTMLInputElement).value) }),
    h("button", { type: "submit" }, "Say"),
    h("ul", { "data-testid": "chat-messages" }, messages.value.map((m) => h("li", `${m.user}: ${m.text}`))),
  ]);
});

const App = defineComponent(() => () => h("main", { "data-testid": "vue" }, [
  h(User),
  h(AddTea),
  h(CartProvider, { cart_id: 1 }, { default: () => h(Count, { id: 1 }) }),
  h(CartProvider, { cart_id: 2 }, { default: () => h(Count, { id: 2 }) }),
  h(Contact),
  h(Chat),
]));

createApp(App).use(createMizan()).mount("#root");
