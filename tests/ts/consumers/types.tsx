// Consumer of tests/projects/types: every hook, and the type mapping seen from TypeScript.
import {
  MizanContext, callScalars, useContainers, useExtensions, useFields, useNested, usePageOfInts,
  usePageOfTrees, useScalars, useTree,
} from "../build/types/api";
import type { Color, Containers, PageInt, Scalars, Tree, WithFields } from "../build/types/api";

export async function scalars(): Promise<Scalars> {
  const s = await callScalars({ when: "2024-01-01", name: "n", pair: [1, 2] });
  const price: string = s.price;
  const maybe: number | null = s.maybe;
  // @ts-expect-error decimals are strings on the wire
  const bad: number = s.price;
  // @ts-expect-error wrong tuple length
  await callScalars({ when: "d", name: "n", pair: [1] });
  return { ...s, price, maybe: maybe ?? bad };
}

function Everything(): JSX.Element {
  const containers = useContainers();
  const extensions = useExtensions();
  const fields = useFields();
  const nested = useNested();
  const ints = usePageOfInts();
  const trees = usePageOfTrees();
  const sc = useScalars();
  const tree = useTree();
  const empty: Containers = {
    a: [], b: [], c: [], d: [], e: [], f: [], g: [], h: [], i: [1, "x"], j: [], k: {}, l: {}, m: {}, n: [], o: {},
  };
  void containers.mutate({ c: empty });
  void extensions.mutate({ x: 2 });
  void fields.mutate({ color: "red", auto: null });
  void nested.mutate().then((o) => o.inner.x);
  void ints.mutate({ mode: "x" }).then((p: PageInt) => p.items[0]);
  void trees.mutate().then((p) => p.items[0]?.children);
  void sc.mutate({ when: "w", name: "n", pair: [1, 2] });
  void tree.mutate({}).then((t: Tree) => t.children.map((c) => c.value));
  const color: Color = "green";
  const w: WithFields | undefined = fields.data;
  // @ts-expect-error enum values are a closed union
  void fields.mutate({ color: "blue" });
  // @ts-expect-error literal arguments are a closed union
  void extensions.mutate({ x: 3 });
  return <p>{color} {w?.plainName}</p>;
}

export function App(): JSX.Element {
  return <MizanContext><Everything /></MizanContext>;
}
