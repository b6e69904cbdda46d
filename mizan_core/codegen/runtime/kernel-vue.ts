/* eslint-disable */
/*
 * The Vue 3 adapter of the runtime: the `createMizan()` plugin, one provider
 * per named context (a component and a `provideXxx()` composable), and the
 * generic composables the generated `useXxx()` functions are one-line
 * wrappers of. The state behind them (context stores, mutations, channel
 * feeds, forms) is the framework-free kernel's; this file only mirrors it
 * into shallow refs and ties its subscriptions to the calling component's
 * effect scope, so everything stops when the component unmounts.
 *
 * Composables return plain objects of read-only refs (`{ data, error,
 * loading, refetch }`): destructure them in `setup()`
 * (`const { data: cart } = useCart()`) so the template unwraps each ref.
 * Params given as a ref or a getter are watched: new params are a new
 * store (or a new channel subscription), as a new `<CartProvider>` would be.
 *
 * Fetches, subscriptions and sockets start when the calling component is
 * mounted, so server-side rendering neither fetches nor opens a socket; on
 * the server (no `document`) the plugin provides the client and the
 * hydrated values only.
 *
 * Linters pass over it (`eslint-disable` above): React's rules-of-hooks takes
 * these `useXxx` composables for React hooks, and the component options are
 * typed as loosely as Vue's own `defineComponent` needs.
 */

import {
  computed, defineComponent, getCurrentInstance, getCurrentScope, hasInjectionContext, inject, onMounted, onScopeDispose, provide,
  shallowRef, toValue, watch,
} from "vue";
import type { App, ComponentObjectPropsOptions, DefineSetupFnComponent, InjectionKey, MaybeRefOrGetter, Ref } from "vue";
import { ChannelFeed, ContextStore, MutationController, defaultClient, rootClient, rootState, startRoot } from "./kernel";
import type { ChannelOptions, ChannelState, ChannelStatus, ContextEntry, ContextMember, ContextSpec, MizanClient, MizanError, MizanRootOptions, RootState, TransportOptions, WebSocketCallOptions } from "./kernel";

export interface QueryResult<R> {
  data: Readonly<Ref<R | undefined>>;
  error: Readonly<Ref<MizanError | undefined>>;
  /** True until the first answer, and while a re-fetch is in flight. */
  loading: Readonly<Ref<boolean>>;
  refetch: () => Promise<void>;
}

export interface MutationResult<P extends unknown[], R> {
  /** Call the function; resolves to its result, rejects with a `MizanError`. */
  mutate: (...args: P) => Promise<R>;
  data: Readonly<Ref<R | undefined>>;
  error: Readonly<Ref<MizanError | undefined>>;
  loading: Readonly<Ref<boolean>>;
}

/**
 * What the hook of a function that takes arguments returns. One declaration of
 * its `[args: A]`, shared by every hook: a tuple written in each hook's
 * signature would be a type of its own, compared member by member with the
 * runtime's, which is most of what a hook costs the compiler.
 */
export type CallMutationResult<A, R> = MutationResult<[args: A], R>;

export interface ChannelResult<S, C> {
  messages: Readonly<Ref<S[]>>;
  send: (message: C) => void;
  status: Readonly<Ref<ChannelStatus>>;
  error: Readonly<Ref<MizanError | undefined>>;
}

export interface VueContextSpec extends ContextSpec {
  key: InjectionKey<Readonly<Ref<ContextStore>>>;
}

export function defineContext(name: string, members: readonly ContextMember[]): VueContextSpec {
  return { name, members, key: Symbol(`mizan:${name}`) };
}

const ROOT: InjectionKey<RootState> = Symbol("mizan");

/** What `app.use()` takes; `client` is the one the app's composables call with. */
export interface MizanPlugin {
  readonly client: MizanClient;
  install(app: App): void;
}

/**
 * Generic root; the generated `createMizan` passes the project's global
 * functions, and `socket` when it has `websocket=True` functions: the app
 * then keeps the client's multiplexed socket open until it unmounts.
 */
export function createMizanRoot(options: MizanRootOptions, globals: readonly ContextMember[], socket: boolean): MizanPlugin {
  const client = rootClient(options);
  return {
    client,
    install(app: App): void {
      const root = rootState(client, options, globals);
      app.provide(ROOT, root);
      if (typeof document === "undefined") return;
      app.onUnmount(startRoot(root, socket, !options.client));
    },
  };
}

function root(): RootState | null {
  return hasInjectionContext() ? inject(ROOT, null) : null;
}

/** The client of the app's plugin; outside an app, the default client. */
export function useMizanClient(): MizanClient {
  return root()?.client ?? defaultClient();
}

/** `run` when the calling component (or effect scope) ends; nothing outside one. */
function onEnd(run: () => void): void {
  if (getCurrentScope()) onScopeDispose(run);
}

/** True once the calling component is mounted; at once outside a component. */
function mountedRef(): Readonly<Ref<boolean>> {
  const mounted = shallowRef(getCurrentInstance() === null);
  if (!mounted.value) {
    onMounted(() => {
      mounted.value = true;
    });
  }
  return mounted;
}

/** A shallow ref mirroring `read()` after every change `subscribe` reports, until the scope ends. */
export function observableRef<T>(subscribe: (listener: () => void) => () => void, read: () => T): Readonly<Ref<T>> {
  const state = shallowRef<T>(read());
  onEnd(subscribe(() => {
    state.value = read();
  }));
  return state;
}

function entryRefs<R>(store: () => ContextStore, name: string): QueryResult<R> {
  const entry = shallowRef<ContextEntry>(store().snapshot(name));
  watch(store, (current, _previous, onCleanup) => {
    entry.value = current.snapshot(name);
    onCleanup(current.subscribe(() => {
      entry.value = current.snapshot(name);
    }));
  }, { immediate: true });
  return {
    data: computed(() => entry.value.data as R | undefined),
    error: computed(() => entry.value.error),
    loading: computed(() => entry.value.loading || !entry.value.started),
    refetch: () => store().fetch(name),
  };
}

/** A global context function's value: fetched on first use unless hydrated. */
export function useGlobalValue<R>(name: string, hook: string): QueryResult<R> {
  const found = root();
  if (!found) throw new Error(`${hook}() needs the Mizan plugin: app.use(createMizan())`);
  const mounted = mountedRef();
  watch(mounted, (now) => {
    if (now) found.globals.ensure(name);
  }, { immediate: true });
  return entryRefs<R>(() => found.globals, name);
}

/** A named context function's value, read from the nearest provider of its context. */
export function useContextValue<R>(spec: VueContextSpec, name: string, hook: string, provider: string): QueryResult<R> {
  const store = hasInjectionContext() ? inject(spec.key, null) : null;
  if (!store) throw new Error(`${hook}() must be used inside <${provider}> (or below provide${provider.replace(/Provider$/, "")}())`);
  return entryRefs<R>(() => store.value, name);
}

/**
 * Provide a named context to the calling component's descendants: one store
 * per distinct params (the values of cart 1 are not those of cart 2), which
 * fetches every function of the context and re-fetches on invalidation.
 * Params given as a ref or getter are watched; the store of the old params
 * stops listening.
 */
export function provideContext(spec: VueContextSpec, params: MaybeRefOrGetter<object>): void {
  const found = root();
  const client = found?.client ?? defaultClient();
  const live = found?.live ?? false;
  const key = computed(() => {
    const value = toValue(params) as Record<string, unknown>;
    return JSON.stringify(value, Object.keys(value).sort());
  });
  const store = computed(() => new ContextStore(client, spec.name, spec.members, JSON.parse(key.value) as Record<string, unknown>));
  const mounted = mountedRef();
  watch(() => (mounted.value ? store.value : null), (current, _previous, onCleanup) => {
    if (!current) return;
    const stop = current.listen();
    for (const member of spec.members) current.ensure(member.name);
    const unsubscribe = live ? current.live() : undefined;
    onCleanup(() => {
      stop();
      unsubscribe?.();
    });
  }, { immediate: true });
  provide(spec.key, store);
}

/**
 * Generic provider component of a named context: its props are the context's
 * params. Those in `flags` (typed `boolean` or `boolean | null`) are declared
 * Boolean, so `<BoardProvider detailed>` passes `true` as Vue casts it (and
 * as vue-tsc types it); the others pass as given.
 */
// `any`, as Vue's own `defineComponent` constrains props: an interface has no index signature.
export function defineProvider<P extends Record<string, any>>(
  spec: VueContextSpec,
  name: string,
  keys: readonly (keyof P & string)[],
  flags: readonly (keyof P & string)[] = [],
): DefineSetupFnComponent<P, {}, {}> {
  const declared: Record<string, unknown> = {};
  for (const key of keys) declared[key] = flags.includes(key) ? { type: [Boolean, null], default: undefined } : null;
  return defineComponent<P>((props, { slots }) => {
    provideContext(spec, () => {
      const params: Record<string, unknown> = {};
      for (const k of keys) params[k] = props[k];
      return params;
    });
    return () => slots.default?.();
  }, { name, props: declared as ComponentObjectPropsOptions<P> });
}

export function useMutation<P extends unknown[], R>(run: (client: MizanClient, ...args: P) => Promise<R>): MutationResult<P, R> {
  const client = useMizanClient();
  const controller = new MutationController<P, R>(run);
  const state = observableRef(controller.subscribe, () => controller.state);
  return {
    mutate: (...args: P): Promise<R> => controller.mutate(client, ...args),
    data: computed(() => state.value.data),
    error: computed(() => state.value.error),
    loading: computed(() => state.value.loading),
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
 * Subscribe to a channel from mount until the calling component unmounts; messages
 * accumulate in arrival order. New params (a ref or getter) close the old
 * subscription and open one for them, starting with no messages.
 */
export function useChannel<S, C>(name: string, params: MaybeRefOrGetter<object>, options: ChannelOptions = {}): ChannelResult<S, C> {
  const client = options.client ?? useMizanClient();
  const state = shallowRef<ChannelState<S>>({ messages: [], status: "connecting", error: undefined });
  let feed: ChannelFeed<S, C> | null = null;
  const mounted = mountedRef();
  watch(() => (mounted.value ? JSON.stringify(toValue(params)) : null), (key, _previous, onCleanup) => {
    if (key === null) return;
    const opened = new ChannelFeed<S, C>(name, JSON.parse(key) as object, {
      client, backoffMs: options.backoffMs, maxBackoffMs: options.maxBackoffMs,
    });
    feed = opened;
    state.value = opened.state;
    const stop = opened.subscribe(() => {
      state.value = opened.state;
    });
    onCleanup(() => {
      // Closed first, so the last status read is "closed".
      opened.close();
      stop();
    });
  }, { immediate: true });
  return {
    messages: computed(() => state.value.messages),
    send: (message: C) => feed?.send(message),
    status: computed(() => state.value.status),
    error: computed(() => state.value.error),
  };
}
