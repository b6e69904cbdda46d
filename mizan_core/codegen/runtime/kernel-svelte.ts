/*
 * The Svelte 5 adapter of the runtime: the root (`setMizanRoot`), named
 * contexts (`provideContext`), and the generic functions the generated
 * `useXxx()` are one-line wrappers of. The state behind them (context
 * stores, mutations, channel feeds, forms) is the framework-free kernel's;
 * this file only makes Svelte see it change.
 *
 * Why plain TypeScript and not a `.svelte.ts` module with runes: every value
 * is an external store (the kernel's `Observable`), and Svelte's own tool for
 * reading one reactively is `createSubscriber` (svelte/reactivity). A result
 * is an object of getters: `cart.data` in markup or in `$derived` re-runs
 * when the store changes, exactly like a `$state` field, and the file needs
 * no rune compilation, so tsc, svelte-check and any bundler read it alike.
 *
 * Lifecycles follow the component that called the function: what fetches,
 * listens or opens a socket starts in `onMount` (never during server-side
 * rendering) and stops when the component is destroyed. Values, contexts and
 * the client are found with Svelte's `getContext`, so each function must be
 * called while a component initialises, like any Svelte context read.
 */

import { getContext, onMount, setContext } from "svelte";
import { createSubscriber } from "svelte/reactivity";
import { ChannelFeed, ContextStore, MutationController, Observable, defaultClient, rootClient, rootState, startRoot } from "./kernel";
import type { ChannelOptions, ChannelStatus, ContextMember, ContextSpec, MizanClient, MizanError, MizanRootOptions, RootState, TransportOptions, WebSocketCallOptions } from "./kernel";

/** A context value: reading `data`, `error` or `loading` in markup re-renders on change. */
export interface QueryResult<R> {
  readonly data: R | undefined;
  readonly error: MizanError | undefined;
  readonly loading: boolean;
  refetch: () => Promise<void>;
}

export interface MutationResult<P extends unknown[], R> {
  /** Call the function; resolves to its result, rejects with a `MizanError`. */
  mutate: (...args: P) => Promise<R>;
  readonly data: R | undefined;
  readonly error: MizanError | undefined;
  readonly loading: boolean;
}

/**
 * What the hook of a function that takes arguments returns. One declaration of
 * its `[args: A]`, shared by every hook: a tuple written in each hook's
 * signature would be a type of its own, compared member by member with the
 * runtime's, which is most of what a hook costs the compiler.
 */
export type CallMutationResult<A, R> = MutationResult<[args: A], R>;

export interface ChannelResult<S, C> {
  readonly messages: S[];
  send: (message: C) => void;
  readonly status: ChannelStatus;
  readonly error: MizanError | undefined;
}

/** Anything whose changes Svelte should see: the kernel's `Observable`s. */
interface Subscribable {
  subscribe: (listener: () => void) => () => void;
}

/**
 * A function to call inside every getter of `source`'s state: read in an
 * effect (markup, `$derived`, `$effect`), it subscribes that effect to the
 * source until the effect is destroyed; read elsewhere, it does nothing.
 */
export function trackChanges(source: Subscribable): () => void {
  return createSubscriber((update) => source.subscribe(update));
}

export interface SvelteContextSpec extends ContextSpec {
  key: symbol;
}

export function defineContext(name: string, members: readonly ContextMember[]): SvelteContextSpec {
  return { name, members, key: Symbol(`mizan.${name}`) };
}

const ROOT = Symbol("mizan.root");

function stopAll(stops: (() => void)[]): () => void {
  return () => {
    for (const stop of stops.splice(0)) stop();
  };
}

/**
 * Generic root; the generated `setMizanContext` passes the project's global
 * functions, and `socket` when it has `websocket=True` functions: the root
 * then keeps the client's multiplexed socket open while mounted.
 */
export function setMizanRoot(options: MizanRootOptions, globals: readonly ContextMember[], socket: boolean): MizanClient {
  const client = rootClient(options);
  const state = rootState(client, options, globals);
  setContext<RootState>(ROOT, state);
  onMount(() => startRoot(state, socket, !options.client));
  return client;
}

function root(): RootState | undefined {
  return getContext<RootState | undefined>(ROOT);
}

/** The root's client, or the default client outside `setMizanContext`. */
export function useMizanClient(): MizanClient {
  return root()?.client ?? defaultClient();
}

const NOT_STARTED = { data: undefined, error: undefined, loading: true, started: false } as const;

function entryResult<R>(store: () => ContextStore | null, source: Subscribable, name: string): QueryResult<R> {
  const track = trackChanges(source);
  const entry = () => {
    track();
    return store()?.snapshot(name) ?? NOT_STARTED;
  };
  return {
    get data() {
      return entry().data as R | undefined;
    },
    get error() {
      return entry().error;
    },
    get loading() {
      const shown = entry();
      return shown.loading || !shown.started;
    },
    refetch: () => store()?.fetch(name) ?? Promise.resolve(),
  };
}

/** A global context function's value: fetched on first use unless hydrated. */
export function useGlobalValue<R>(name: string, hook: string): QueryResult<R> {
  const found = root();
  if (!found) throw new Error(`${hook}() must be called under a component that called setMizanContext()`);
  onMount(() => found.globals.ensure(name));
  return entryResult<R>(() => found.globals, found.globals, name);
}

/**
 * Params as given to `provideXxx()` or `useXxxChannel()`: a value, read
 * once, or a getter (`() => ({ cart_id })`), followed when what it returns
 * changes.
 */
export type MaybeGetter<P> = P | (() => P);

function readParams(params: MaybeGetter<object>): object {
  return typeof params === "function" ? (params as () => object)() : params;
}

function paramsKey(params: object): string {
  return JSON.stringify(params, Object.keys(params).sort());
}

interface Opened<T> {
  value: T;
  close: () => void;
}

/**
 * What a component holds for its params while mounted (a context store, a
 * channel feed): opened on mount, closed on destroy, and, for a getter,
 * replaced when its value changes. The getter is read by `value()`, inside
 * the effects reading the result, so Svelte re-runs them when a prop it reads
 * changes; the replacement itself waits for a microtask, because an effect
 * that is reading must not write. Relays the changes of what it holds.
 */
class Following<T> extends Observable {
  private held: (Opened<T> & { key: string }) | null = null;
  private mounted = false;
  private readonly params: MaybeGetter<object>;
  private readonly open: (params: object, changed: () => void) => Opened<T>;

  constructor(params: MaybeGetter<object>, open: (params: object, changed: () => void) => Opened<T>) {
    super();
    this.params = params;
    this.open = open;
    onMount(() => {
      this.mounted = true;
      this.follow();
      return () => {
        this.mounted = false;
        this.held?.close();
        this.held = null;
      };
    });
  }

  /** What is held for the params' current value; null before mount. */
  value(): T | null {
    if (this.mounted && typeof this.params === "function" && paramsKey(readParams(this.params)) !== this.held?.key) {
      queueMicrotask(() => this.follow());
    }
    return this.held?.value ?? null;
  }

  private follow(): void {
    if (!this.mounted) return;
    const params = readParams(this.params);
    const key = paramsKey(params);
    if (key === this.held?.key) return;
    this.held?.close();
    this.held = { key, ...this.open({ ...params }, () => this.notify()) };
    this.notify();
  }
}

/**
 * Generic provider of a named context, for the component that calls it and
 * its children: fetches its functions for `params` once mounted, re-fetches
 * on invalidation, and for a getter, fetches again when its value changes.
 */
export function provideContext(spec: SvelteContextSpec, params: MaybeGetter<object>): void {
  const found = root();
  const client = found?.client ?? defaultClient();
  const following = new Following<ContextStore>(params, (args, changed) => {
    const store = new ContextStore(client, spec.name, spec.members, args as Record<string, unknown>);
    const stops = [store.listen(), store.subscribe(changed)];
    for (const member of spec.members) store.ensure(member.name);
    if (found?.live) stops.push(store.live());
    return { value: store, close: stopAll(stops) };
  });
  setContext<Following<ContextStore>>(spec.key, following);
}

/** A named context function's value, read from the nearest component that provided its context. */
export function useContextValue<R>(spec: SvelteContextSpec, name: string, hook: string, provider: string): QueryResult<R> {
  const following = getContext<Following<ContextStore> | undefined>(spec.key);
  if (!following) throw new Error(`${hook}() must be called under a component that called ${provider}()`);
  return entryResult<R>(() => following.value(), following, name);
}

export function useMutation<P extends unknown[], R>(run: (client: MizanClient, ...args: P) => Promise<R>): MutationResult<P, R> {
  const client = useMizanClient();
  const controller = new MutationController<P, R>(run);
  const track = trackChanges(controller);
  return {
    mutate: (...args: P): Promise<R> => controller.mutate(client, ...args),
    get data() {
      track();
      return controller.state.data;
    },
    get error() {
      track();
      return controller.state.error;
    },
    get loading() {
      track();
      return controller.state.loading;
    },
  };
}

/**
 * `useMutation` over a generated call that takes arguments: what `use<Name>()`
 * returns. One generic function here keeps each generated hook a plain call
 * of it, cheap for the compiler however many functions the project has.
 */
export function useCallMutation<A, R>(call: (args: A, options: WebSocketCallOptions) => Promise<R>, options?: TransportOptions): CallMutationResult<A, R> {
  return useMutation<[args: A], R>((client, args) => call(args, { client, transport: options?.transport }));
}

/*
 * What a generated `use<Name>()` of a call with arguments is:
 * `export const useXxx = defineCallMutation<XxxArgs, R>(callXxx)`, a constant
 * rather than a function declaration per hook (fewer nodes to compile).
 */
export function defineCallMutation<A, R>(call: (args: A, options: WebSocketCallOptions) => Promise<R>): () => CallMutationResult<A, R> {
  return function useGeneratedMutation() {
    return useCallMutation<A, R>(call);
  };
}

/** `defineCallMutation` for a `websocket=True` function: the hook takes `{ transport }`. */
export function defineSocketMutation<A, R>(call: (args: A, options: WebSocketCallOptions) => Promise<R>): (options?: TransportOptions) => CallMutationResult<A, R> {
  return function useGeneratedMutation(options?: TransportOptions) {
    return useCallMutation<A, R>(call, options);
  };
}

/** What the hook of a function whose every argument has a default returns: `mutate()` works too. */
export type CallWithDefaultsMutationResult<A, R> = MutationResult<[args?: A], R>;

/** `defineCallMutation` for a function whose every argument has a default. */
export function defineCallMutationWithDefaults<A, R>(call: (args: A | undefined, options: WebSocketCallOptions) => Promise<R>): () => CallWithDefaultsMutationResult<A, R> {
  return function useGeneratedMutation() {
    return useMutation<[args?: A], R>((client, args) => call(args, { client }));
  };
}

/** `defineSocketMutation` for a function whose every argument has a default. */
export function defineSocketMutationWithDefaults<A, R>(call: (args: A | undefined, options: WebSocketCallOptions) => Promise<R>): (options?: TransportOptions) => CallWithDefaultsMutationResult<A, R> {
  return function useGeneratedMutation(options?: TransportOptions) {
    return useMutation<[args?: A], R>((client, args) => call(args, { client, transport: options?.transport }));
  };
}

/**
 * Subscribe to a channel from mount to destroy; messages accumulate in
 * arrival order. The socket opens in `onMount` (not while rendering on the
 * server); until then the result shows no messages, status `"connecting"`.
 * For a getter, another value of the params is another subscription.
 */
export function useChannel<S, C>(name: string, params: MaybeGetter<object>, options: ChannelOptions = {}): ChannelResult<S, C> {
  const client = options.client ?? useMizanClient();
  const following = new Following<ChannelFeed<S, C>>(params, (args, changed) => {
    const feed = new ChannelFeed<S, C>(name, args, { client, backoffMs: options.backoffMs, maxBackoffMs: options.maxBackoffMs });
    const stop = feed.subscribe(changed);
    return {
      value: feed,
      close: () => {
        stop();
        feed.close();
      },
    };
  });
  const track = trackChanges(following);
  const state = () => {
    track();
    return following.value()?.state;
  };
  return {
    get messages() {
      return state()?.messages ?? [];
    },
    send: (message: C) => following.value()?.send(message),
    get status() {
      return state()?.status ?? "connecting";
    },
    get error() {
      return state()?.error;
    },
  };
}
