/*
 * The Mizan runtime kernel: everything the generated calls need, nothing of
 * React. Wire format: docs/protocol.md.
 *
 * - calls: `POST <base>/call/<name>` with a JSON object of arguments; context
 *   functions are also read with `GET <base>/call/<name>?k=<JSON value>`;
 * - authentication: the `csrftoken` cookie is echoed in `X-CSRFToken` on
 *   POSTs; a token (MWT) is sent as `Authorization: Bearer <token>` instead;
 * - errors: every failure is a `MizanError` carrying the server's
 *   `{"error": {"code", "message", "details"}}` and the HTTP status;
 * - invalidation: every answer's `invalidate` list is published on one bus,
 *   shared by every client, which providers listen to;
 * - coalescing: identical GETs in flight share one request;
 * - websockets: one multiplexed socket per client for `websocket=True`
 *   functions (their calls use it while it is open, HTTP otherwise), and
 *   one socket per channel subscription; both reconnect with backoff;
 * - live invalidation: the multiplexed socket also carries subscriptions
 *   (what this page shows) and the server's pushed `invalidate` entries for
 *   them, published on the same bus; after a reconnect the subscriptions are
 *   sent again and `onReconnect` listeners re-fetch what they show; a
 *   subscription refused as `live_unavailable` is sent again with backoff,
 *   and once accepted what it names is re-fetched.
 */

export interface InvalidateEntry {
  kind: "context" | "function";
  target: string;
  scope: Record<string, unknown>;
}

/** One entry of an `invalid_arguments` error's `details`. */
export interface ErrorDetail {
  field: string;
  message: string;
  type: string;
}

/** Any failure of a call: the server's error shape, or a transport failure (status 0). */
export class MizanError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;

  constructor(code: string, message: string, status: number, details: unknown = null) {
    super(message);
    this.name = "MizanError";
    this.code = code;
    this.status = status;
    this.details = details;
  }

  /** `invalid_arguments` details grouped by field path (`""` for the whole body). */
  fieldErrors(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    if (Array.isArray(this.details)) {
      for (const d of this.details as ErrorDetail[]) {
        (out[d.field] ??= []).push(d.message);
      }
    }
    return out;
  }
}

/** What a live subscription names: a context, or one context function, for these arguments. */
export type LiveSpec =
  | { context: string; args: Record<string, unknown> }
  | { function: string; args: Record<string, unknown> };

export type TokenSource = string | null | undefined | (() => string | null | undefined);

export interface MizanClientOptions {
  /** Where `mizan_django.urls` is included. Default: `/api/mizan`. */
  baseUrl?: string | undefined;
  /** The websocket root (`MIZAN_WS_PATH`). Default: `/ws/mizan` on the base URL's host. */
  wsUrl?: string | undefined;
  /** An MWT: sent as a bearer token (and `?token=` on websockets); no CSRF then. */
  token?: TokenSource | undefined;
  credentials?: RequestCredentials | undefined;
  fetch?: typeof fetch | undefined;
  WebSocket?: typeof WebSocket | undefined;
}

export interface CallOptions {
  client?: MizanClient | undefined;
  signal?: AbortSignal | undefined;
}

export type Transport = "http" | "websocket";

export interface TransportOptions {
  /**
   * Default: the client's multiplexed socket while it is open, HTTP
   * otherwise. `"websocket"` always uses the socket (opening it and waiting
   * if needed); `"http"` always POSTs.
   */
  transport?: Transport | undefined;
}

export interface WebSocketCallOptions extends CallOptions, TransportOptions {}

// --- invalidation bus --------------------------------------------------------

/** `pushed`: the entry came from the server's push, not from an answer of this page. */
type InvalidateListener = (entry: InvalidateEntry, pushed: boolean) => void;
const listeners = new Set<InvalidateListener>();

export function onInvalidate(listener: InvalidateListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function publishInvalidations(entries: readonly InvalidateEntry[], pushed = false): void {
  for (const entry of entries) {
    // A copy: a listener may unsubscribe while the loop runs.
    for (const listener of Array.from(listeners)) listener(entry, pushed);
  }
}

/** Equal entries, equal text. */
export function entryKey(entry: InvalidateEntry): string {
  return canonical([entry.kind, entry.target, entry.scope]);
}

/** JSON with sorted keys: equal values, equal text. */
function canonical(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
  return "{" + keys.map((k) => JSON.stringify(k) + ":" + canonical(record[k])).join(",") + "}";
}

/** True when `values` equals `scope` on every key of `scope` (an empty scope matches all). */
export function scopeMatches(scope: Record<string, unknown>, values: Record<string, unknown>): boolean {
  return Object.keys(scope).every((key) => canonical(scope[key]) === canonical(values[key]));
}

// --- HTTP --------------------------------------------------------------------

function cookie(name: string): string | null {
  if (typeof document === "undefined" || !document.cookie) return null;
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

function queryString(args: Record<string, unknown> | undefined): string {
  if (!args) return "";
  const keys = Object.keys(args).filter((k) => args[k] !== undefined).sort();
  if (keys.length === 0) return "";
  return "?" + keys.map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(JSON.stringify(args[k]))}`).join("&");
}

async function errorOf(response: Response): Promise<MizanError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: a proxy or server page; the status says enough
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (error && typeof error.code === "string") {
    return new MizanError(error.code, String(error.message ?? error.code), response.status, error.details ?? null);
  }
  return new MizanError("http_error", `HTTP ${response.status} ${response.statusText}`.trim(), response.status);
}

function transportError(error: unknown): MizanError {
  if (error instanceof MizanError) return error;
  if (error instanceof Error && error.name === "AbortError") return new MizanError("aborted", "the call was aborted", 0);
  return new MizanError("network_error", error instanceof Error ? error.message : String(error), 0);
}

interface Envelope {
  result: unknown;
  invalidate?: InvalidateEntry[] | undefined;
}

/** A connection to one Mizan server: base URL, credentials, in-flight GETs, its socket. */
export class MizanClient {
  readonly baseUrl: string;
  readonly wsUrl: string;
  private readonly options: MizanClientOptions;
  private readonly inflight = new Map<string, Promise<unknown>>();
  private socket: RpcSocket | null = null;
  private readonly reconnectListeners = new Set<() => void>();

  constructor(options: MizanClientOptions = {}) {
    this.options = options;
    this.baseUrl = (options.baseUrl ?? "/api/mizan").replace(/\/+$/, "");
    this.wsUrl = (options.wsUrl ?? defaultWsUrl(this.baseUrl)).replace(/\/+$/, "");
  }

  token(): string | null {
    const source = this.options.token;
    const value = typeof source === "function" ? source() : source;
    return value || null;
  }

  private headers(post: boolean): Record<string, string> {
    const headers: Record<string, string> = { Accept: "application/json" };
    const token = this.token();
    if (token) headers["Authorization"] = `Bearer ${token}`;
    if (post) {
      headers["Content-Type"] = "application/json";
      const csrf = token ? null : cookie("csrftoken");
      if (csrf) headers["X-CSRFToken"] = csrf;
    }
    return headers;
  }

  private async request(method: "GET" | "POST", url: string, body: string | undefined, signal?: AbortSignal): Promise<unknown> {
    const fetchImpl = this.options.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method,
        headers: this.headers(method === "POST"),
        body: body ?? null,
        credentials: this.options.credentials ?? "same-origin",
        signal: signal ?? null,
      });
    } catch (error) {
      throw transportError(error);
    }
    if (!response.ok) throw await errorOf(response);
    let envelope: Envelope;
    try {
      envelope = (await response.json()) as Envelope;
    } catch {
      throw new MizanError("invalid_response", "the server's answer is not JSON", response.status);
    }
    publishInvalidations(envelope.invalidate ?? []);
    return envelope.result;
  }

  /** POST a call; resolves to its result, after publishing what it invalidated. */
  call<R>(name: string, args?: object, options?: { signal?: AbortSignal | undefined }): Promise<R> {
    return this.request("POST", `${this.baseUrl}/call/${name}`, JSON.stringify(args ?? {}), options?.signal) as Promise<R>;
  }

  /**
   * GET a context function; identical GETs in flight share one request, unless
   * `fresh`: then a new one is sent (one in flight may have read the data
   * before the change being fetched for).
   */
  get<R>(name: string, args?: object, options?: { signal?: AbortSignal | undefined; fresh?: boolean | undefined }): Promise<R> {
    const url = `${this.baseUrl}/call/${name}${queryString(args as Record<string, unknown> | undefined)}`;
    let shared = this.inflight.get(url);
    if (!shared || options?.fresh) {
      const made: Promise<unknown> = this.request("GET", url, undefined).finally(() => {
        if (this.inflight.get(url) === made) this.inflight.delete(url);
      });
      shared = made;
      this.inflight.set(url, made);
    }
    return withAbort(shared as Promise<R>, options?.signal);
  }

  /** Call over the multiplexed websocket (`websocket=True` functions), opening it if needed. */
  callOverSocket<R>(name: string, args?: object): Promise<R> {
    try {
      return this.rpcSocket().call(name, args ?? {}) as Promise<R>;
    } catch (error) {
      // No WebSocket here: a rejected call like any other failure, not a throw.
      return Promise.reject(transportError(error));
    }
  }

  /** A `websocket=True` function's call: the socket while it is open, else HTTP; `transport` overrides. */
  callPreferringSocket<R>(name: string, args?: object, options?: WebSocketCallOptions): Promise<R> {
    const transport = options?.transport ?? (this.socketOpen() ? "websocket" : "http");
    return transport === "websocket" ? this.callOverSocket<R>(name, args) : this.call<R>(name, args, options);
  }

  /**
   * Open the multiplexed socket and keep it open (reconnecting with backoff)
   * until `close()`. `<MizanContext>` does this when the project has
   * `websocket=True` functions. Without a WebSocket implementation it does
   * nothing: the calls stay on HTTP.
   */
  connect(): void {
    if (!(this.options.WebSocket ?? globalThis.WebSocket)) return;
    this.rpcSocket().keepOpen();
  }

  /** True while the multiplexed socket is open (not while it connects). */
  socketOpen(): boolean {
    return this.socket?.isOpen() ?? false;
  }

  private rpcSocket(): RpcSocket {
    // The URL is built per connection: a token source that refreshes is read again on reconnect.
    this.socket ??= new RpcSocket(() => this.socketUrl("/rpc"), this.webSocketClass(), () => {
      for (const listener of Array.from(this.reconnectListeners)) listener();
    });
    return this.socket;
  }

  socketUrl(path: string, query: Record<string, string> = {}): string {
    const token = this.token();
    const params = new URLSearchParams(query);
    if (token) params.set("token", token);
    const qs = params.toString();
    return `${this.wsUrl}${path}${qs ? "?" + qs : ""}`;
  }

  webSocketClass(): typeof WebSocket {
    const impl = this.options.WebSocket ?? globalThis.WebSocket;
    if (!impl) throw new MizanError("websocket_unavailable", "no WebSocket implementation here", 0);
    return impl;
  }

  /**
   * Hear about changes to what `spec` names, from any user and server process,
   * while subscribed: the server pushes the invalidation entries, which are
   * published on the bus like an answer's. Keeps the socket open. Returns the
   * unsubscribe function. Without a WebSocket implementation it does nothing.
   */
  subscribe(spec: LiveSpec): () => void {
    if (!(this.options.WebSocket ?? globalThis.WebSocket)) return () => undefined;
    const socket = this.rpcSocket();
    const stop = socket.subscribe(spec);
    socket.keepOpen();
    return stop;
  }

  /** Called each time the multiplexed socket opens again after a drop (pushes may have been missed). */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => {
      this.reconnectListeners.delete(listener);
    };
  }

  /** Close the multiplexed socket (a later websocket call opens a new one). */
  close(): void {
    this.socket?.close();
    this.socket = null;
  }
}

function withAbort<R>(promise: Promise<R>, signal: AbortSignal | undefined): Promise<R> {
  if (!signal) return promise;
  return new Promise<R>((resolve, reject) => {
    const abort = () => reject(new MizanError("aborted", "the call was aborted", 0));
    if (signal.aborted) return abort();
    signal.addEventListener("abort", abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}

function defaultWsUrl(baseUrl: string): string {
  const origin = /^https?:\/\//.test(baseUrl)
    ? new URL(baseUrl).origin
    : typeof location !== "undefined" ? location.origin : "http://localhost";
  return origin.replace(/^http/, "ws") + "/ws/mizan";
}

let fallbackClient: MizanClient | null = null;

/** The client Stage-1 calls use when none is given; `configureMizan` replaces it. */
export function defaultClient(): MizanClient {
  fallbackClient ??= new MizanClient();
  return fallbackClient;
}

export function configureMizan(options: MizanClientOptions): MizanClient {
  fallbackClient?.close();
  fallbackClient = new MizanClient(options);
  return fallbackClient;
}

/*
 * The bodies of the generated `callXxx()` / `fetchXxx()`: one call each, on
 * `options.client` or the default client. A generated function is then a
 * single statement, fewer nodes to parse and check per server function.
 */

export function postCall<R>(name: string, args: object | undefined, options: CallOptions | undefined): Promise<R> {
  return (options?.client ?? defaultClient()).call<R>(name, args, options);
}

export function socketCall<R>(name: string, args: object | undefined, options: WebSocketCallOptions | undefined): Promise<R> {
  return (options?.client ?? defaultClient()).callPreferringSocket<R>(name, args, options);
}

export function getCall<R>(name: string, args: object | undefined, options: CallOptions | undefined): Promise<R> {
  return (options?.client ?? defaultClient()).get<R>(name, args, options);
}

/** A generated call, `callXxx(args, options?)` or `fetchXxx(args, options?)`. */
export type Call<A, R, O = CallOptions> = (args: A, options?: O) => Promise<R>;
/** A generated call whose every argument has a default: `callXxx()` works too. */
export type CallWithDefaults<A, R, O = CallOptions> = (args?: A, options?: O) => Promise<R>;
/** A generated call of a function without parameters: `callXxx(options?)`. */
export type CallWithoutArgs<R, O = CallOptions> = (options?: O) => Promise<R>;
/** How a generated call reaches the server: POST, GET (`fetchXxx`), or the socket while open. */
export type CallMethod = "post" | "get" | "socket";

function send<R>(method: CallMethod, name: string, args: object | undefined, options: WebSocketCallOptions | undefined): Promise<R> {
  if (method === "get") return getCall<R>(name, args, options);
  return method === "socket" ? socketCall<R>(name, args, options) : postCall<R>(name, args, options);
}

/*
 * What the generated calls are: `export const callXxx = defineCall<XxxArgs,
 * R>("xxx", "post")`. A constant of one of the aliases above, rather than a
 * function declaration with its parameters and body, is a few nodes per server
 * function for the compiler to parse, bind and check.
 */

export function defineCall<A extends object, R, O extends CallOptions = CallOptions>(name: string, method: CallMethod): Call<A, R, O> {
  return (args, options) => send<R>(method, name, args, options);
}

export function defineCallWithDefaults<A extends object, R, O extends CallOptions = CallOptions>(name: string, method: CallMethod): CallWithDefaults<A, R, O> {
  return (args, options) => send<R>(method, name, args, options);
}

export function defineCallWithoutArgs<R, O extends CallOptions = CallOptions>(name: string, method: CallMethod): CallWithoutArgs<R, O> {
  return (options) => send<R>(method, name, undefined, options);
}

// --- websockets ----------------------------------------------------------------

interface SocketFrame {
  id?: number | null | undefined;
  result?: unknown;
  invalidate?: InvalidateEntry[] | undefined;
  error?: { code: string; message: string; details?: unknown };
  status?: number | undefined;
}

/** One spec this page subscribes to, however many mount it. */
interface Subscription {
  spec: LiveSpec;
  count: number;
  /** its subscribe frame's id on this connection, while sent and not refused */
  id: number | null;
  /** `live_unavailable` refusals in a row on this connection */
  refusals: number;
  retry: ReturnType<typeof setTimeout> | null;
}

/** The entry a push for `spec` would carry: what re-fetches everything it names. */
function specEntry(spec: LiveSpec): InvalidateEntry {
  return "context" in spec
    ? { kind: "context", target: spec.context, scope: spec.args }
    : { kind: "function", target: spec.function, scope: spec.args };
}

/**
 * The multiplexed `<ws>/rpc` socket: frames `{id, name, args}` out, `{id, result | error}` in;
 * `{id, subscribe}` / `{id, unsubscribe}` out, pushed `{invalidate}` (no `id`) in.
 */
class RpcSocket {
  private ws: WebSocket | null = null;
  private nextId = 1;
  private kept = false;
  private attempt = 0;
  private opened = false;
  /** canonical spec -> how many subscribe to it, and where its subscribe frame stands */
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly reconnected: () => void;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: MizanError) => void }>();
  private readonly queue: string[] = [];
  private readonly url: () => string;
  private readonly Impl: typeof WebSocket;

  constructor(url: () => string, Impl: typeof WebSocket, reconnected: () => void = () => undefined) {
    this.url = url;
    this.Impl = Impl;
    this.reconnected = reconnected;
  }

  subscribe(spec: LiveSpec): () => void {
    const key = canonical(spec);
    const known = this.subscriptions.get(key);
    if (known) known.count += 1;
    else {
      const entry: Subscription = { spec, count: 1, id: null, refusals: 0, retry: null };
      this.subscriptions.set(key, entry);
      if (this.isOpen()) this.sendSubscribe(entry);
    }
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const entry = this.subscriptions.get(key);
      if (!entry || --entry.count > 0) return;
      this.subscriptions.delete(key);
      stopRetry(entry);
      if (entry.id !== null && this.isOpen()) this.sendControl({ unsubscribe: entry.id });
    };
  }

  private sendSubscribe(entry: Subscription): void {
    const id = this.sendControl({ subscribe: entry.spec }, (error) => {
      if (entry.id !== id) return; // unsubscribed, or the socket closed meanwhile
      if (error === null) {
        // Pushes were missed while it was refused: what it names may be stale.
        if (entry.refusals > 0) publishInvalidations([specEntry(entry.spec)], true);
        entry.refusals = 0;
        return;
      }
      entry.id = null;
      // The channel layer was slow (Redis down or paused): the protocol says to
      // subscribe again later. Other refusals would be refused again.
      if (error.code !== "live_unavailable") return;
      const delay = Math.min(10_000, 1000 * 2 ** entry.refusals);
      entry.refusals += 1;
      entry.retry = setTimeout(() => {
        entry.retry = null;
        // A reconnect subscribes again by itself.
        if (this.subscriptions.get(canonical(entry.spec)) === entry && this.isOpen()) this.sendSubscribe(entry);
      }, delay * (0.8 + Math.random() * 0.4));
    });
    entry.id = id;
  }

  /** A subscription frame; `answered` hears `null` (accepted) or the refusal. */
  private sendControl(body: object, answered: (error: MizanError | null) => void = () => undefined): number {
    const id = this.nextId++;
    this.pending.set(id, { resolve: () => answered(null), reject: answered });
    this.ws?.send(JSON.stringify({ id, ...body }));
    return id;
  }

  call(name: string, args: object): Promise<unknown> {
    const id = this.nextId++;
    const frame = JSON.stringify({ id, name, args });
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const ws = this.open();
      if (ws.readyState === 1) ws.send(frame);
      else this.queue.push(frame);
    });
  }

  isOpen(): boolean {
    return this.ws?.readyState === 1;
  }

  keepOpen(): void {
    this.kept = true;
    this.open();
  }

  private open(): WebSocket {
    if (this.ws && this.ws.readyState <= 1) return this.ws;
    const ws = new this.Impl(this.url());
    ws.onopen = () => {
      this.attempt = 0;
      for (const frame of this.queue.splice(0)) ws.send(frame);
      for (const entry of this.subscriptions.values()) this.sendSubscribe(entry);
      if (this.opened) this.reconnected();
      this.opened = true;
    };
    ws.onmessage = (event: MessageEvent) => {
      let frame: SocketFrame;
      try {
        frame = JSON.parse(String(event.data)) as SocketFrame;
      } catch {
        return;
      }
      if (frame.id === undefined) {
        publishInvalidations(frame.invalidate ?? [], true); // a push: entries only, never values
        return;
      }
      const waiter = frame.id === null ? undefined : this.pending.get(frame.id);
      if (!waiter || frame.id === null) return;
      this.pending.delete(frame.id);
      if (frame.error) {
        waiter.reject(new MizanError(frame.error.code, frame.error.message, frame.status ?? 400, frame.error.details ?? null));
      } else {
        publishInvalidations(frame.invalidate ?? []);
        waiter.resolve(frame.result);
      }
    };
    ws.onclose = (event: CloseEvent) => {
      const error = new MizanError("connection_closed", `the websocket closed (${event.code})`, 0);
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
      this.queue.length = 0;
      if (this.ws !== ws) return;
      this.ws = null;
      for (const entry of this.subscriptions.values()) {
        entry.id = null;
        entry.refusals = 0;
        stopRetry(entry);
      }
      if (this.kept) {
        // Meanwhile `websocket=True` calls go over HTTP.
        const delay = Math.min(10_000, 250 * 2 ** this.attempt);
        this.attempt += 1;
        this.timer = setTimeout(() => {
          this.timer = null;
          if (this.kept) this.open();
        }, delay * (0.8 + Math.random() * 0.4));
      }
    };
    this.ws = ws;
    return ws;
  }

  close(): void {
    this.kept = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const entry of this.subscriptions.values()) stopRetry(entry);
    const ws = this.ws;
    this.ws = null;
    ws?.close();
  }
}

function stopRetry(entry: Subscription): void {
  if (entry.retry) clearTimeout(entry.retry);
  entry.retry = null;
}

export type ChannelStatus = "connecting" | "open" | "reconnecting" | "closed" | "refused";

export interface ChannelOptions {
  client?: MizanClient | undefined;
  /** First reconnect delay in ms (doubled up to `maxBackoffMs`). Default 250. */
  backoffMs?: number | undefined;
  maxBackoffMs?: number | undefined;
}

interface ChannelHandlers<S> {
  message(data: S): void;
  status(status: ChannelStatus, error: MizanError | undefined): void;
}

// Close codes by which the server refuses a subscription: reconnecting cannot help.
const REFUSED: Record<number, string> = {
  4400: "invalid_params", 4401: "unauthenticated", 4403: "forbidden", 4404: "not_found",
};

/** One channel subscription: `<ws>/channel/<name>?params=<JSON>`, reconnecting with backoff. */
export class ChannelConnection<S, C> {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly outbox: string[] = [];
  private readonly url: string;
  private readonly Impl: typeof WebSocket;
  private readonly handlers: ChannelHandlers<S>;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;

  constructor(url: string, Impl: typeof WebSocket, handlers: ChannelHandlers<S>, backoffMs = 250, maxBackoffMs = 10_000) {
    this.url = url;
    this.Impl = Impl;
    this.handlers = handlers;
    this.backoffMs = backoffMs;
    this.maxBackoffMs = maxBackoffMs;
    this.connect();
  }

  private connect(): void {
    this.handlers.status(this.attempt === 0 ? "connecting" : "reconnecting", undefined);
    const ws = new this.Impl(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.handlers.status("open", undefined);
      for (const frame of this.outbox.splice(0)) ws.send(frame);
    };
    ws.onmessage = (event: MessageEvent) => {
      let frame: { type?: string; data?: unknown; error?: { code: string; message: string; details?: unknown } };
      try {
        frame = JSON.parse(String(event.data));
      } catch {
        return;
      }
      if (frame.type === "message") this.handlers.message(frame.data as S);
      else if (frame.type === "error" && frame.error) {
        this.handlers.status("open", new MizanError(frame.error.code, frame.error.message, 400, frame.error.details ?? null));
      }
    };
    ws.onclose = (event: CloseEvent) => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.stopped) return;
      const refused = REFUSED[event.code];
      if (refused) {
        this.stopped = true;
        this.handlers.status("refused", new MizanError(refused, event.reason || refused, event.code));
        return;
      }
      const delay = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** this.attempt);
      this.attempt += 1;
      this.handlers.status("reconnecting", undefined);
      this.timer = setTimeout(() => this.connect(), delay * (0.8 + Math.random() * 0.4));
    };
  }

  /** Send a message; queued until the socket is open. */
  send(message: C): void {
    const frame = JSON.stringify({ data: message });
    if (this.ws && this.ws.readyState === 1) this.ws.send(frame);
    else this.outbox.push(frame);
  }

  close(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.ws?.close(1000);
    this.ws = null;
    this.handlers.status("closed", undefined);
  }
}

/** Any thrown value as a `MizanError` (a bug in user code becomes `internal_error`, status 0). */
export function asMizanError(error: unknown): MizanError {
  return error instanceof MizanError ? error : new MizanError("internal_error", String(error), 0);
}

/*
 * Framework-free state: every adapter (React, Vue, Svelte, TanStack Query)
 * wraps these in its own reactivity, so a rule of fetching, invalidation or
 * reconnection lives here once.
 *
 * A context store holds the values of one context's functions for one set of
 * params (a `<CartProvider cart_id={1}>`, or the global context under the
 * root). It listens to the invalidation bus and re-fetches exactly what an
 * entry names: `kind: "context"` re-fetches every function of the matching
 * provider, `kind: "function"` only that function, and only where the
 * entry's scope equals the provider's params (docs/protocol.md). While live,
 * it also subscribes over the multiplexed socket to its context for its
 * params, and re-fetches what it shows after a reconnect.
 */

/** State an adapter renders: `subscribe(listener)` is called on every change and returns the unsubscribe. */
export class Observable {
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  protected notify(): void {
    for (const listener of Array.from(this.listeners)) listener();
  }
}

/** A function of a context and the provider props it takes. */
export interface ContextMember {
  name: string;
  params: readonly string[];
}

/** A context: its registered name and its functions. */
export interface ContextSpec {
  name: string;
  members: readonly ContextMember[];
}

/** What a store holds for one function: shown by every adapter as `{ data, error, loading }`. */
export interface ContextEntry {
  data: unknown;
  error: MizanError | undefined;
  loading: boolean;
  started: boolean;
}

const IDLE: ContextEntry = { data: undefined, error: undefined, loading: false, started: false };

export class ContextStore extends Observable {
  private readonly entries = new Map<string, ContextEntry>();
  private readonly generation = new Map<string, number>();
  /** when each function's latest fetch started, and when this page's own answers named each entry */
  private readonly startedAt = new Map<string, number>();
  private readonly ownAnswers = new Map<string, number>();
  readonly client: MizanClient;
  readonly context: string;
  private readonly members: readonly ContextMember[];
  private readonly params: Record<string, unknown>;

  constructor(
    client: MizanClient,
    context: string,
    members: readonly ContextMember[],
    params: Record<string, unknown>,
    initial: Record<string, unknown> = {},
  ) {
    super();
    this.client = client;
    this.context = context;
    this.members = members;
    this.params = params;
    for (const member of members) {
      if (Object.prototype.hasOwnProperty.call(initial, member.name)) {
        this.entries.set(member.name, { data: initial[member.name], error: undefined, loading: false, started: true });
      }
    }
  }


  snapshot(name: string): ContextEntry {
    return this.entries.get(name) ?? IDLE;
  }

  private set(name: string, entry: ContextEntry): void {
    this.entries.set(name, entry);
    this.notify();
  }

  private argsOf(member: ContextMember): Record<string, unknown> {
    const args: Record<string, unknown> = {};
    for (const key of member.params) {
      if (this.params[key] !== undefined) args[key] = this.params[key];
    }
    return args;
  }

  /** Fetch `name` unless it was fetched (or hydrated) already. */
  ensure(name: string): void {
    if (!this.snapshot(name).started) void this.fetch(name);
  }

  async fetch(name: string, fresh = false): Promise<void> {
    const member = this.members.find((m) => m.name === name);
    if (!member) return;
    const generation = (this.generation.get(name) ?? 0) + 1;
    this.generation.set(name, generation);
    this.startedAt.set(name, Date.now());
    const before = this.snapshot(name);
    this.set(name, { ...before, loading: true, started: true });
    try {
      const data = await this.client.get<unknown>(name, this.argsOf(member), { fresh });
      if (this.generation.get(name) === generation) this.set(name, { data, error: undefined, loading: false, started: true });
    } catch (error) {
      if (this.generation.get(name) === generation) {
        const failure = asMizanError(error);
        this.set(name, { data: this.snapshot(name).data, error: failure, loading: false, started: true });
      }
    }
  }

  /** Which of this store's functions an invalidation entry names. */
  affected(entry: InvalidateEntry): ContextMember[] {
    if (entry.kind === "context") {
      return entry.target === this.context && scopeMatches(entry.scope, this.params) ? [...this.members] : [];
    }
    return this.members.filter((m) => m.name === entry.target && scopeMatches(entry.scope, this.argsOf(m)));
  }

  listen(): () => void {
    return onInvalidate((entry, pushed) => {
      const affected = this.affected(entry);
      if (affected.length === 0) return;
      const key = entryKey(entry);
      if (!pushed) this.ownAnswers.set(key, Date.now());
      for (const member of affected) {
        const shown = this.snapshot(member.name);
        // Only what was shown is re-fetched; an unread global stays lazy.
        if (!shown.started) continue;
        // A pushed entry may share a fetch in flight only if that fetch began on
        // this page's own answer naming the same entry (it read after that
        // commit): the push is most likely the same change coming back.
        const own = this.ownAnswers.get(key);
        const since = this.startedAt.get(member.name) ?? 0;
        const fresh = pushed && !(shown.loading && own !== undefined && since >= own);
        void this.fetch(member.name, fresh);
      }
    });
  }

  /** Subscribe to pushes for this context and props; after a reconnect, re-fetch what is shown. */
  live(): () => void {
    if (this.members.length === 0) return () => undefined;
    const args: Record<string, unknown> = {};
    for (const key of Object.keys(this.params).sort()) {
      if (this.params[key] !== undefined) args[key] = this.params[key];
    }
    const unsubscribe = this.client.subscribe({ context: this.context, args });
    const stop = this.client.onReconnect(() => {
      for (const member of this.members) {
        if (this.snapshot(member.name).started) void this.fetch(member.name);
      }
    });
    return () => {
      stop();
      unsubscribe();
    };
  }
}

/**
 * The document `{% mizan_hydration %}` renders into the page
 * (docs/protocol.md, "SSR hydration"): `contexts.global` maps each global
 * context function's registered name to its value.
 */
export interface Hydration {
  version: 1;
  contexts: { global?: Record<string, unknown> | undefined };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The page's hydration document, or `null` when there is none. A document
 * this client cannot read (not JSON, another `version`) counts as none: the
 * values are then fetched, which is slower but never wrong.
 */
export function readHydration(elementId = "mizan-hydration"): Hydration | null {
  if (typeof document === "undefined") return null;
  const text = document.getElementById(elementId)?.textContent;
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value) || value.version !== 1) return null;
  const contexts = value.contexts;
  if (!isRecord(contexts)) return null;
  const global = contexts.global;
  return { version: 1, contexts: isRecord(global) ? { global } : {} };
}

/**
 * What every adapter's root takes: React's `<MizanContext>` props, Vue's
 * `createMizan()`, Svelte's `setMizanContext()`.
 */
export interface MizanRootOptions {
  /** Where `mizan_django.urls` is included. Default `/api/mizan`. */
  baseUrl?: string | undefined;
  wsUrl?: string | undefined;
  token?: TokenSource | undefined;
  /** Use this client instead of building one from `baseUrl`/`wsUrl`/`token`. */
  client?: MizanClient | undefined;
  /**
   * The hydration document to start from, in the shape the template tag
   * renders. Default: the page's `#mizan-hydration` script, read once when
   * the root is set up; `null`: start with nothing (every global value is
   * fetched).
   */
  hydration?: Hydration | null | undefined;
  /**
   * Subscribe over the multiplexed socket to what is mounted, so changes made
   * by other users and processes re-fetch it (docs/protocol.md, "Live
   * invalidation"). Default `true`; `false` keeps the page to its own calls.
   */
  live?: boolean | undefined;
}

/** What a root shares with everything below it. */
export interface RootState {
  client: MizanClient;
  globals: ContextStore;
  live: boolean;
}

/** A root's client: the one given as `client`, or one built from `baseUrl`/`wsUrl`/`token`. */
export function rootClient(options: MizanRootOptions): MizanClient {
  return options.client ?? new MizanClient({ baseUrl: options.baseUrl, wsUrl: options.wsUrl, token: options.token });
}

/** The hydration document a root starts from: the one given, else the page's. */
export function rootHydration(options: MizanRootOptions): Hydration | null {
  return options.hydration === undefined ? readHydration() : options.hydration;
}

/** A root over `client`: its global context's store, seeded with the hydrated values. */
export function rootState(client: MizanClient, options: MizanRootOptions, globals: readonly ContextMember[]): RootState {
  const initial = rootHydration(options)?.contexts.global ?? {};
  return { client, live: options.live ?? true, globals: new ContextStore(client, "global", globals, {}, initial) };
}

/**
 * What a mounted root keeps running: the global store's invalidation
 * listener, its live subscription, and the socket (kept open when the
 * project has `websocket=True` functions or the root is live). Returns the
 * stop, which closes the client only when `ownsClient`: a client passed in
 * is the caller's to close.
 */
export function startRoot(root: RootState, socket: boolean, ownsClient: boolean): () => void {
  const stops = [root.globals.listen()];
  if (root.live) stops.push(root.globals.live());
  if (socket || root.live) {
    root.client.connect();
    if (ownsClient) stops.push(() => root.client.close());
  }
  return () => {
    for (const stop of stops.splice(0)) stop();
  };
}

/** The state of one mutation (or call) hook: the last result or failure. */
export interface MutationState<R> {
  data: R | undefined;
  error: MizanError | undefined;
  loading: boolean;
}

/** Runs one function on demand and keeps its last result; adapters render `state`. */
export class MutationController<P extends unknown[], R> extends Observable {
  state: MutationState<R> = { data: undefined, error: undefined, loading: false };
  private readonly run: (client: MizanClient, ...args: P) => Promise<R>;

  constructor(run: (client: MizanClient, ...args: P) => Promise<R>) {
    super();
    this.run = run;
  }


  private set(state: MutationState<R>): void {
    this.state = state;
    this.notify();
  }

  /** Call the function; resolves to its result, rejects with a `MizanError`. */
  async mutate(client: MizanClient, ...args: P): Promise<R> {
    this.set({ ...this.state, loading: true });
    try {
      const data = await this.run(client, ...args);
      this.set({ data, error: undefined, loading: false });
      return data;
    } catch (error) {
      const failure = asMizanError(error);
      this.set({ data: this.state.data, error: failure, loading: false });
      throw failure;
    }
  }
}

/** What a channel subscription shows: the messages so far, in arrival order. */
export interface ChannelState<S> {
  messages: S[];
  status: ChannelStatus;
  error: MizanError | undefined;
}

/** One open channel subscription with its accumulated state; `close()` ends it. */
export class ChannelFeed<S, C> extends Observable {
  state: ChannelState<S> = { messages: [], status: "connecting", error: undefined };
  private readonly connection: ChannelConnection<S, C>;

  constructor(name: string, params: object, options: ChannelOptions = {}) {
    super();
    const client = options.client ?? defaultClient();
    const url = client.socketUrl(`/channel/${name}`, { params: JSON.stringify(params) });
    this.connection = new ChannelConnection<S, C>(
      url,
      client.webSocketClass(),
      {
        message: (data) => this.set({ ...this.state, messages: [...this.state.messages, data] }),
        status: (status, error) => this.set({ ...this.state, status, error }),
      },
      options.backoffMs,
      options.maxBackoffMs,
    );
  }


  private set(state: ChannelState<S>): void {
    this.state = state;
    this.notify();
  }

  /** Send a message; queued until the socket is open. */
  send = (message: C): void => {
    this.connection.send(message);
  };

  close(): void {
    this.connection.close();
  }
}
