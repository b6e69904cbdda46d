// Consumer of the every-node-kind IR (tests/codegen/irs/kitchen.kdl): every
// hook and call; each `@ts-expect-error` line must be a compile error.
import {
  MizanContext,
  TreeProvider,
  callAddItem,
  callAddItem2,
  callPing,
  callReportsExportCsv,
  fetchSettings,
  fetchTree,
  useAddItem,
  useAddItem2,
  useFlags,
  useGrow,
  useOtherItem,
  usePing,
  useReportsExportCsv,
  useSettings,
  useSurveyForm,
  useTickerChannel,
  useTree,
  useTreeSize,
  useWhy,
} from "../build/kitchen/api";
import type { ApiItem, Level, OtherItem, TreeNode, TreeNodeInput } from "../build/kitchen/api";

export async function calls(): Promise<unknown[]> {
  const a: number = await callAddItem({ y: 1 });
  const b: number = await callAddItem2({ x: 2 });
  const items: ApiItem[] = await callReportsExportCsv({ filters: { tree: { label: "root" } } });
  const first = items[0];
  const wire: string | undefined = first?.["first-name"];
  const pair: [number, string] | undefined = first?.pair;
  const level: Level | undefined = first?.level;
  const flags: 1 | true | null | "x" | undefined = first?.flags;
  const settings: Record<string, unknown> = await fetchSettings();
  const tree: TreeNode = await fetchTree({ root: "r" });
  const deeper: TreeNode | undefined = tree.children[0]?.children[0];
  const input: TreeNodeInput = { label: "only the label" };
  const pong: null = await callPing({ transport: "websocket" });
  // @ts-expect-error the Python name is not the wire name
  const python: string | undefined = first?.first_name;
  // @ts-expect-error a response's defaulted field is present, so required in a response type
  const partial: TreeNode = { label: "x" };
  // @ts-expect-error integer enum values only
  const badLevel: Level = 3;
  // @ts-expect-error the tuple has exactly two items
  const badPair: [number, string] = [1, "a", 2];
  // @ts-expect-error an optional argument still has its type
  await fetchTree({ root: "r", depth: "3" });
  // @ts-expect-error wrong argument name
  await callAddItem2({ y: 1 });
  // @ts-expect-error missing required argument
  await fetchTree({ depth: 1 });
  return [a, b, wire, pair, level, flags, settings, deeper, input, pong, python, partial, badLevel, badPair];
}

function Inside(): JSX.Element {
  const tree = useTree();
  const size = useTreeSize();
  const grow = useGrow();
  void grow.mutate({ root: "r", label: "leaf" });
  // @ts-expect-error missing required argument
  void grow.mutate({ root: "r" });
  return <p>{tree.data?.label} {size.data}</p>;
}

function Everything(): JSX.Element {
  const settings = useSettings();
  const flags = useFlags();
  const add = useAddItem();
  const add2 = useAddItem2();
  const other = useOtherItem();
  const ping = usePing();
  const report = useReportsExportCsv();
  const why = useWhy();
  const ticker = useTickerChannel({ AAPL: 1 });
  const form = useSurveyForm({ price: "1.00" });
  void add.mutate({ y: 1 }); // `addItem` sorts before `add_item`, which became AddItem2
  void add2.mutate({ x: 1 });
  void other.mutate().then((o: OtherItem) => o.name);
  void ping.mutate();
  void report.mutate({ filters: {} });
  void why.mutate().then((w) => w.why);
  form.setValue("colours", ["r"]);
  form.setValue("size", 2);
  form.setValue("maybe", null);
  form.setValue("extra", { any: "thing" });
  // @ts-expect-error a choice outside the form's choices
  form.setValue("colours", ["blue"]);
  // @ts-expect-error a channel without client messages cannot send
  ticker.send({ n: 1 });
  // @ts-expect-error params are typed
  useTickerChannel({ AAPL: "1" });
  const n: number | undefined = ticker.messages[0]?.n;
  const flag: "a" | "b" | undefined = flags.data;
  return (
    <TreeProvider root="r" depth={2}>
      <Inside />
      {String(settings.data)} {flag} {n} {form.errors.price} {form.errors.__all__}
    </TreeProvider>
  );
}

export function App(): JSX.Element {
  return (
    <MizanContext baseUrl="http://127.0.0.1:8000/api/mizan">
      <Everything />
      {/* @ts-expect-error provider params are typed */}
      <TreeProvider root={1} />
    </MizanContext>
  );
}
