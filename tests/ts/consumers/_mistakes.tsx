// Consumer of tests/projects/_mistakes: examples/mistakes as the static extractor
// reads it. A project full of diagnostics still generates a client that
// compiles; every hook is used; `@ts-expect-error` lines must fail.
import {
  InboxProvider, MizanContext, callSend, fetchInbox, useAdminOnly, useGreet, useInbox,
  useOrderPage, useRawRequest, useSend, useShout, useTheme, useWhisper,
} from "../build/_mistakes/api";
import type { Message } from "../build/_mistakes/api";

export async function calls(): Promise<Message> {
  const inbox: Message[] = await fetchInbox();
  // @ts-expect-error wrong argument name
  await callSend({ txt: "hi" });
  // @ts-expect-error wrong argument type
  await callSend({ text: 1 });
  // @ts-expect-error missing required argument
  await callSend({});
  return inbox[0] ?? callSend({ text: "hi" });
}

function Inside(): JSX.Element {
  const inbox = useInbox();
  return <p>{inbox.data?.map((m) => m.message).join()}</p>;
}

function Everything(): JSX.Element {
  const theme = useTheme();
  const m = {
    admin: useAdminOnly(), greet: useGreet(), order: useOrderPage(), raw: useRawRequest(),
    send: useSend(), shout: useShout(), whisper: useWhisper(),
  };
  void m.admin.mutate();
  void m.greet.mutate({ name: "Ada" });
  void m.order.mutate({ id: 1 });
  void m.raw.mutate();
  void m.send.mutate({ text: "hi" });
  void m.shout.mutate({ text: 1 });
  void m.whisper.mutate({ text: "psst" });
  return <InboxProvider><Inside />{theme.data}</InboxProvider>;
}

export function App(): JSX.Element {
  return <MizanContext><Everything /></MizanContext>;
}
