// The transport flip of a `websocket=True` function (`live_stock` of the demo
// shop) against the live server: its generated call and hook use the
// client's multiplexed socket while it is open, HTTP otherwise, and a
// `transport` option overrides. Every HTTP request and every socket frame
// the client sends is recorded.
import { act, cleanup, render, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { MizanClient, MizanContext, callLiveStock, useLiveStock } from "../build/shop/api";
import type { Transport } from "../build/shop/api";
import { liveClient } from "./_live";

const requests: string[] = [];
const frames: string[] = [];
const clients: MizanClient[] = [];
const sockets: WebSocket[] = [];

class RecordingSocket extends window.WebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    sockets.push(this);
  }

  override send(data: string): void {
    frames.push(String(data));
    super.send(data);
  }
}

function client(): MizanClient {
  const made = liveClient(requests, RecordingSocket as unknown as typeof WebSocket);
  clients.push(made);
  return made;
}

afterEach(() => {
  cleanup();
  for (const c of clients.splice(0)) c.close();
  requests.length = 0;
  frames.length = 0;
  sockets.length = 0;
});

const overSocket = () => frames.filter((f) => JSON.parse(f).name === "live_stock").length;
const overHttp = () => requests.filter((r) => r === "POST /call/live_stock").length;
const TEA = { sku: "tea", stock: 5 };

function mount(c: MizanClient, transport?: Transport) {
  const hook: { current?: ReturnType<typeof useLiveStock> } = {};
  function Probe() {
    hook.current = transport ? useLiveStock({ transport }) : useLiveStock();
    return null;
  }
  render(<MizanContext client={c} hydration={null}><Probe /></MizanContext>);
  return hook;
}

describe("websocket=True: the socket while it is open, HTTP otherwise", () => {
  it("MizanContext opens the socket; the hook and the call then use it, with no HTTP request", async () => {
    const c = client();
    const hook = mount(c);
    await waitFor(() => expect(c.socketOpen()).toBe(true));
    await act(async () => {
      expect(await hook.current!.mutate({ sku: "tea" })).toEqual(TEA);
    });
    expect(await callLiveStock({ sku: "tea" }, { client: c })).toEqual(TEA);
    expect(overSocket()).toBe(2);
    expect(requests).toEqual([]);
  });

  it("goes over HTTP when the socket is not open: never opened, or closed", async () => {
    const c = client();
    expect(await callLiveStock({ sku: "tea" }, { client: c })).toEqual(TEA);
    expect(overHttp()).toBe(1);

    c.connect();
    await waitFor(() => expect(c.socketOpen()).toBe(true));
    c.close();
    expect(await callLiveStock({ sku: "tea" }, { client: c })).toEqual(TEA);
    expect(overHttp()).toBe(2);
    expect(overSocket()).toBe(0);
  });

  it("a dropped socket: HTTP meanwhile, the socket again once it has reconnected", async () => {
    const c = client();
    c.connect();
    await waitFor(() => expect(c.socketOpen()).toBe(true));
    sockets[0]!.close(); // the connection drops (not the client's close())
    await waitFor(() => expect(c.socketOpen()).toBe(false));
    expect(await callLiveStock({ sku: "tea" }, { client: c })).toEqual(TEA);
    expect(overHttp()).toBe(1);
    await waitFor(() => expect(c.socketOpen()).toBe(true), { timeout: 5_000 });
    expect(sockets.length).toBe(2);
    expect(await callLiveStock({ sku: "tea" }, { client: c })).toEqual(TEA);
    expect(overSocket()).toBe(1);
    expect(overHttp()).toBe(1);
  });

  it("without any WebSocket: connect() is a no-op, calls stay on HTTP, a forced socket call rejects", async () => {
    const saved = globalThis.WebSocket;
    const c = liveClient(requests);
    clients.push(c);
    Reflect.deleteProperty(globalThis, "WebSocket");
    try {
      c.connect();
      expect(c.socketOpen()).toBe(false);
      expect(await callLiveStock({ sku: "tea" }, { client: c })).toEqual(TEA);
      expect(overHttp()).toBe(1);
      await expect(callLiveStock({ sku: "tea" }, { client: c, transport: "websocket" })).rejects.toMatchObject({
        code: "websocket_unavailable",
      });
    } finally {
      globalThis.WebSocket = saved;
    }
  });

  it("a transport option overrides either way", async () => {
    const open = client();
    const hook = mount(open, "http");
    await waitFor(() => expect(open.socketOpen()).toBe(true));
    await act(async () => {
      expect(await hook.current!.mutate({ sku: "tea" })).toEqual(TEA);
    });
    expect(await callLiveStock({ sku: "tea" }, { client: open, transport: "http" })).toEqual(TEA);
    expect(overHttp()).toBe(2);
    expect(overSocket()).toBe(0);

    const closed = client(); // never connected: "websocket" opens the socket and waits for it
    expect(await callLiveStock({ sku: "tea" }, { client: closed, transport: "websocket" })).toEqual(TEA);
    expect(overSocket()).toBe(1);
    expect(overHttp()).toBe(2);
  });
});
