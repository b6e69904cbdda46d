// Consumer of the `forms_channels` fixture: every form and channel hook, typed
// both ways; each `@ts-expect-error` line must be a compile error (tsc fails
// with "Unused '@ts-expect-error' directive" if it is not).
import {
  OrderFormSchema,
  callOrderSubmit,
  callSupportFeedbackValidate,
  useChatChannel,
  useLiveNoticeChannel,
  useOrderForm,
  useSupportFeedbackForm,
} from "../build/forms_channels/api";
import type { OrderFormValues, Receipt } from "../build/forms_channels/api";

export async function stageOne(values: OrderFormValues): Promise<number> {
  const receipt: Receipt = await callOrderSubmit(values);
  const check = await callSupportFeedbackValidate({ comment: "fine", rating: 4 });
  const messages: string[] = check.errors["comment"] ?? [];
  // @ts-expect-error a submit returns the typed success value
  const wrong: string = await callOrderSubmit(values);
  // @ts-expect-error unknown form field
  await callSupportFeedbackValidate({ coment: "fine", rating: 4 });
  // @ts-expect-error wrong value type
  await callSupportFeedbackValidate({ comment: "fine", rating: "4" });
  // @ts-expect-error missing required field
  await callSupportFeedbackValidate({ comment: "fine" });
  return receipt.order_id + messages.length + wrong.length;
}

export function Panel(): JSX.Element {
  const order = useOrderForm();
  order.setValue("size", "xl");
  order.setValue("quantity", 2);
  order.setValue("extras", ["gift"]);
  order.setValue("terms", true);
  // @ts-expect-error a choice outside the form's choices
  order.setValue("size", "xxl");
  // @ts-expect-error typed choices keep their type
  order.setValue("quantity", "2");
  // @ts-expect-error unknown form field
  order.setValue("colour", "red");
  const sizeErrors: string[] | undefined = order.errors.size;
  const parsed = OrderFormSchema.safeParse(order.values);
  void order.submit().then((r) => r?.order_id);

  const feedback = useSupportFeedbackForm({ rating: 3 });
  // @ts-expect-error initial values are typed
  useSupportFeedbackForm({ rating: "3" });
  void feedback.validate().then((ok: boolean) => ok);

  const chat = useChatChannel({ room: "lobby" });
  chat.send({ text: "hi" });
  const lines: string[] = chat.messages.map((m) => `${m.user}: ${m.text}`);
  // @ts-expect-error channel params are typed
  useChatChannel({ rooom: "lobby" });
  // @ts-expect-error client messages are typed
  chat.send({ body: "hi" });

  const notices = useLiveNoticeChannel({ room: "ops" });
  const texts: string[] = notices.messages.map((m) => m.text);
  // @ts-expect-error a channel without ReactMessage takes no client messages
  notices.send({ text: "hi" });

  return (
    <div>
      {sizeErrors} {String(parsed.success)} {String(feedback.submitting)} {lines.join()} {texts.join()}
    </div>
  );
}
