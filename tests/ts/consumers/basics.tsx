// Consumer of tests/projects/basics: every hook; `@ts-expect-error` lines must fail.
import {
  MizanContext, ProfileProvider, callDefaults, callGreetingsHello, callPing, callRootOnly,
  useDefaults, useGreetingsHello, useHello, useLambdaRule, useMembers, usePing, useProfile,
  useRename, useRootOnly, useSiteName, useStaffOnly,
} from "../build/basics/api";

export async function calls(): Promise<unknown[]> {
  const all = await callDefaults({});
  const none = await callDefaults();  // every argument has a default: none is needed
  const some = await callDefaults({ a: "x", f: [1, 2], e: { k: 1 } });
  const hi = await callGreetingsHello({ name: "Ada", times: 2 });
  const pong: null = await callPing();
  const root = await callRootOnly({ level: 1 }, { transport: "websocket" });
  // @ts-expect-error wrong argument name
  await callGreetingsHello({ nam: "Ada" });
  // @ts-expect-error wrong type: a fixed tuple of two numbers
  await callDefaults({ f: [1, 2, 3] });
  // @ts-expect-error missing required argument
  await callGreetingsHello({ times: 2 });
  // @ts-expect-error an argument is required: the arguments cannot be left out
  await callGreetingsHello();
  return [all, none, some, hi, pong, root];
}

function Profile(): JSX.Element {
  const profile = useProfile();
  return <p>{JSON.stringify(profile.data)}</p>;
}

function Everything(): JSX.Element {
  const site = useSiteName();
  const hooks = [useDefaults(), useGreetingsHello(), useHello(), useLambdaRule(), useMembers(),
    usePing(), useRename(), useRootOnly(), useStaffOnly()] as const;
  const [defaults, greet, hello, lambda, members, ping, rename, root, staff] = hooks;
  void defaults.mutate({ b: true });
  void greet.mutate({ name: "x" });
  void hello.mutate({ name: "x", times: 3 });
  void lambda.mutate();
  void members.mutate();
  void ping.mutate();
  void rename.mutate({ user_id: 1, name: "y" });
  void root.mutate({});
  void staff.mutate().then((names: string[]) => names.length);
  // @ts-expect-error missing required argument
  void rename.mutate({ user_id: 1 });
  return <ProfileProvider user_id={1}><Profile />{site.data}</ProfileProvider>;
}

export function App(): JSX.Element {
  return <MizanContext><Everything /></MizanContext>;
}
