// Consumer of tests/projects/imports: every hook.
import {
  MizanContext, useAliasedFn, useCoreFn, useCoreModFn, useModimportFn, useReexportedFn,
  useRelativeFn, useSeedFn,
} from "../build/imports/api";
import type { Square, Thing } from "../build/imports/api";

function Everything(): JSX.Element {
  const aliased = useAliasedFn();
  const core = useCoreFn();
  const coreMod = useCoreModFn();
  const modimport = useModimportFn();
  const reexported = useReexportedFn();
  const relative = useRelativeFn();
  const seed = useSeedFn();
  void core.mutate().then((s: Square) => s.side);
  void coreMod.mutate();
  void modimport.mutate().then((t: Thing) => t.label);
  void reexported.mutate({ side: 2 });
  void relative.mutate({ thing: { label: "x" } });
  void seed.mutate({ square: { side: 1 } });
  // @ts-expect-error wrong field type inside a model argument
  void seed.mutate({ square: { side: "1" } });
  // @ts-expect-error wrong argument name
  void reexported.mutate({ sides: 2 });
  // @ts-expect-error missing required argument
  void relative.mutate({});
  return <p>{aliased.data?.label}</p>;
}

export function App(): JSX.Element {
  return <MizanContext><Everything /></MizanContext>;
}
