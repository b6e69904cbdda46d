"""`tsc --noEmit` of the generated client of the 5000-function synthetic project.

The question is what the generated TypeScript costs the compiler (and the
editor, which runs the same checker) in a frontend that uses it. Three
programs, each compiled under the strict tsconfig of Vite's react-ts
template (tests/ts/node_modules's compilers, `-p`, `--extendedDiagnostics`):

- baseline: one `.tsx` component with five hand-written hooks over react and
  zod (schemas, `z.infer` types, fetch, state) of the same shapes as the
  synthetic project's functions: what a team writes without a generator;
- five hooks: a component rendering `<MizanContext>`, a context provider
  and five hooks of the generated client, importing them from the client's
  light per-module path (`./api/modules/<module>`) and, for comparison,
  from `./api`, which re-exports everything;
- whole client: every generated file (what `tsc --noEmit` of a project
  whose `include` covers `src/api` checks).

Both compilers when installed: TypeScript 5.9 (`tsc`) and 7.x (the native
`tsgo`, package `typescript-7`). Interleaved rounds (every program and
compiler once per round); the figure is the median of the compiler's own
`Total time` and `Memory used`, the range follows it. Targets: five hooks
under 2x the baseline, the whole client at most 3x, in time and memory.

    python -m tests.bench tsc [--quick]
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from mizan_core.codegen import generate
from mizan_core.extract import extract_ir

from ._report import Row, Samples, interleaved
from .synth import write_project

__all__ = ["run"]

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "tests" / "ts" / "node_modules"
COMPILERS = {"tsc 5.9": "typescript", "tsgo 7": "typescript-7"}
FIVE_TARGET, WHOLE_TARGET = 2.0, 3.0

# Vite's react-ts template (tsconfig.app.json), as the generated code is promised to compile under.
_OPTIONS = """{
  "compilerOptions": {
    "target": "ES2022", "useDefineForClassFields": true, "lib": ["ES2022", "DOM", "DOM.Iterable"],
    "module": "ESNext", "types": [], "skipLibCheck": true,
    "moduleResolution": "bundler", "allowImportingTsExtensions": true, "verbatimModuleSyntax": true,
    "moduleDetection": "force", "noEmit": true, "jsx": "react-jsx",
    "strict": true, "noUnusedLocals": true, "noUnusedParameters": true, "erasableSyntaxOnly": true,
    "noFallthroughCasesInSwitch": true, "noUncheckedSideEffectImports": true
  },
  %s
}
"""

BASELINE = '''import { useCallback, useEffect, useState } from "react";
import type { ReactElement } from "react";
import { z } from "zod";

const Status = z.enum(["open", "closed"]);
const Item = z.object({
  created_by: z.string(), version: z.number(), item_id: z.number(), title: z.string(),
  tags: z.array(z.string()), noteText: z.string().nullable(),
});
type Item = z.infer<typeof Item>;
const Page = z.object({ items: z.array(Item), total: z.number(), status: Status });
type Page = z.infer<typeof Page>;
const Change = z.object({ item_id: z.number(), at: z.string() });
type Change = z.infer<typeof Change>;
const ItemArgs = z.object({ item_id: z.number() });
const ListArgs = z.object({ q: z.string().optional(), limit: z.number().optional() });
const SearchArgs = z.object({ q: z.string(), status: Status.nullable().optional() });
const UpdateArgs = z.object({ item_id: z.number(), title: z.string() });
const MoveArgs = z.object({ item_id: z.number(), target: z.number() });

interface QueryState<T> { data: T | undefined; error: Error | undefined; loading: boolean; refetch: () => Promise<void> }
interface MutationState<A, T> { mutate: (args: A) => Promise<T>; data: T | undefined; error: Error | undefined; loading: boolean }
interface State<T> { data: T | undefined; error: Error | undefined; loading: boolean }

async function post<T>(name: string, args: unknown, schema: z.ZodType<T>): Promise<T> {
  const response = await fetch(`/api/mizan/call/${name}`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(args),
  });
  if (!response.ok) throw new Error(`${name}: ${response.status}`);
  return schema.parse(await response.json());
}

function useQuery<A, T>(name: string, args: A, schema: z.ZodType<T>): QueryState<T> {
  const [state, setState] = useState<State<T>>({ data: undefined, error: undefined, loading: true });
  const key = JSON.stringify(args);
  const refetch = useCallback(async () => {
    setState((s) => ({ ...s, loading: true }));
    try {
      setState({ data: await post(name, JSON.parse(key), schema), error: undefined, loading: false });
    } catch (error) {
      setState((s) => ({ ...s, error: error instanceof Error ? error : new Error(String(error)), loading: false }));
    }
  }, [name, key, schema]);
  useEffect(() => { void refetch(); }, [refetch]);
  return { ...state, refetch };
}

function useMutation<A, T>(name: string, argsSchema: z.ZodType<A>, schema: z.ZodType<T>): MutationState<A, T> {
  const [state, setState] = useState<State<T>>({ data: undefined, error: undefined, loading: false });
  const mutate = useCallback(async (args: A) => {
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await post(name, argsSchema.parse(args), schema);
      setState({ data, error: undefined, loading: false });
      return data;
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      setState((s) => ({ ...s, error: failure, loading: false }));
      throw failure;
    }
  }, [name, argsSchema, schema]);
  return { mutate, ...state };
}

function useItem1(args: z.infer<typeof ItemArgs>): QueryState<Item> { return useQuery("item_1", args, Item); }
function useList1(): MutationState<z.infer<typeof ListArgs>, Page> { return useMutation("list_1", ListArgs, Page); }
function useSearch1(): MutationState<z.infer<typeof SearchArgs>, Item[]> {
  return useMutation("search_1", SearchArgs, z.array(Item));
}
function useUpdate1(): MutationState<z.infer<typeof UpdateArgs>, Change> { return useMutation("update_1", UpdateArgs, Change); }
function useMove1(): MutationState<z.infer<typeof MoveArgs>, Change> { return useMutation("move_1", MoveArgs, Change); }

%(panel)s
export function App(): ReactElement {
  return <Panel />;
}
'''

_PANEL = '''function Panel(): ReactElement {
  const item = useItem1(%(item_args)s);
  const list = useList1();
  const search = useSearch1();
  const update = useUpdate1();
  const move = useMove1();
  const title: string | undefined = item.data?.title;
  return (
    <div>
      <h1>{title}</h1>
      <p>{list.data?.total} items, {search.data?.length} found</p>
      <button disabled={update.loading} onClick={() => void update.mutate({ item_id: 1, title: "new" })}>rename</button>
      <button onClick={() => void move.mutate({ item_id: 1, target: 2 })}>move</button>
      <button onClick={() => void list.mutate({ q: "x" })}>list</button>
      <button onClick={() => void search.mutate({ q: "x", status: "open" })}>search</button>
      {update.error ? <p>{update.error.message}</p> : null}
    </div>
  );
}
'''

FIVE = '''import type { ReactElement } from "react";
import { MizanContext } from "%(root)s";
import { Ctx1Provider, useItem1, useList1, useMove1, useSearch1, useUpdate1 } from "%(module)s";

%(panel)s
export function App(): ReactElement {
  return (
    <MizanContext baseUrl="/api/mizan">
      <Ctx1Provider item_id={1}>
        <Panel />
      </Ctx1Provider>
    </MizanContext>
  );
}
'''

_FIGURES = {"time": re.compile(r"^Total time:\s+([\d.]+)s", re.MULTILINE),
            "memory": re.compile(r"^Memory used:\s+(\d+)K", re.MULTILINE)}


def _write(folder: Path, light: tuple[str, str] | None) -> dict[str, str]:
    """The programs' tsconfig files, by program name."""
    os.symlink(NODE_MODULES, folder / "node_modules")
    (folder / "baseline.tsx").write_text(BASELINE % {"panel": _PANEL % {"item_args": "{ item_id: 1 }"}})
    panel = _PANEL % {"item_args": ""}
    sources = {"five hooks from ./api": ("./api", "./api")}
    if light is not None:
        sources["five hooks, light path"] = light
    programs = {"baseline (react + zod)": "baseline.tsx"}
    for i, (name, (root, module)) in enumerate(sources.items()):
        (folder / f"five{i}.tsx").write_text(FIVE % {"root": root, "module": module, "panel": panel})
        programs[name] = f"five{i}.tsx"
    configs = {}
    for i, (name, entry) in enumerate(programs.items()):
        (folder / f"tsconfig.{i}.json").write_text(_OPTIONS % f'"files": ["{entry}"]')
        configs[name] = f"tsconfig.{i}.json"
    (folder / "tsconfig.whole.json").write_text(_OPTIONS % '"include": ["api/**/*.ts"]')
    configs["whole client"] = "tsconfig.whole.json"
    return configs


def _light_path(api: Path) -> tuple[str, str] | None:
    """(root module, module of `synth.m0001`) when the output has the per-module layout."""
    module = api / "modules" / "synth.m0001"
    if not module.is_dir():
        return None
    return "./api/root/react", "./api/modules/synth.m0001"


def _compile(node: str, package: str, folder: Path, config: str,
             figures: dict[str, list[float]]) -> Callable[[], float]:
    tsc = NODE_MODULES / package / "bin" / "tsc"

    def measure() -> float:
        done = subprocess.run([node, str(tsc), "-p", config, "--extendedDiagnostics"], cwd=folder,
                              capture_output=True, text=True, timeout=1800, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{package} -p {config} failed:\n{done.stdout[-3000:]}{done.stderr[-2000:]}")
        found = {k: pattern.search(done.stdout) for k, pattern in _FIGURES.items()}
        if not all(found.values()):
            raise RuntimeError(f"{package}: no figures in --extendedDiagnostics:\n{done.stdout[-2000:]}")
        seconds = float(found["time"].group(1))  # type: ignore[union-attr]
        figures["memory"].append(float(found["memory"].group(1)) / 1024)  # type: ignore[union-attr]
        return seconds

    return measure


def run(quick: bool) -> list[Row]:
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not on PATH")
    compilers = {label: pkg for label, pkg in COMPILERS.items() if (NODE_MODULES / pkg / "bin" / "tsc").exists()}
    if not compilers:
        raise RuntimeError("no TypeScript under tests/ts/node_modules: run `npm ci --prefix tests/ts`")
    n = 500 if quick else 5000
    rounds = 2 if quick else 3
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        project = extract_ir([write_project(base / "project", n)]).ir
        assert len(project.functions) == n, f"synthetic project has {len(project.functions)} functions"
        folder = base / "app"
        folder.mkdir()
        api = folder / "api"
        generate(project, api)
        files = [p for p in api.rglob("*.ts")]
        size = sum(p.stat().st_size for p in files)
        lines = sum(p.read_text(encoding="utf-8").count("\n") for p in files)
        configs = _write(folder, _light_path(api))
        memory: dict[tuple[str, str], dict[str, list[float]]] = {}
        contestants = {}
        for label, package in compilers.items():
            for program, config in configs.items():
                memory[(label, program)] = {"memory": []}
                contestants[f"{label}|{program}"] = _compile(node, package, folder, config, memory[(label, program)])
        times = interleaved(contestants, rounds)
    rows.append(Row("tsc", f"generated client: {n} functions, {len(files)} files", size / 1e6, "MB",
                    f"{lines} lines"))
    for label in compilers:
        base_time = times[f"{label}|baseline (react + zod)"]
        base_mem = Samples(tuple(memory[(label, "baseline (react + zod)")]["memory"]))
        for program in configs:
            t = times[f"{label}|{program}"]
            m = Samples(tuple(memory[(label, program)]["memory"]))
            target = WHOLE_TARGET if program == "whole client" else FIVE_TARGET
            is_base = program.startswith("baseline")
            mark = "" if is_base or program.endswith("./api") else (
                f"{'<' if target == FIVE_TARGET else '<='} {target:.0f}x baseline")
            ok_t = None if not mark else t.median / base_time.median <= target
            ok_m = None if not mark else m.median / base_mem.median <= target
            rows.append(Row("tsc", f"{label} {program}: time {t.spread()} s", t.median, "s",
                            "baseline" if not is_base else "", None if is_base else t.median / base_time.median,
                            mark, ok_t))
            rows.append(Row("tsc", f"{label} {program}: memory {m.spread(digits=0)} MB", m.median, "MB",
                            "baseline" if not is_base else "", None if is_base else m.median / base_mem.median,
                            mark, ok_m))
    return rows
