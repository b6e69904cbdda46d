// The live Svelte suite's side of tests/codegen/test_svelte.py: the server it
// started, and a client of it (bearer "bob") built from the Svelte output's
// own kernel, recording every HTTP request and every socket it opens.
import { MizanClient } from "./build/shop/api";

// vitest runs in Node; the suite is checked without Node's types
declare const process: { env: Record<string, string | undefined> };

export const HTTP = process.env.MIZAN_LIVE_HTTP ?? "";
/** A page of the shop as `{% mizan_hydration %}` rendered it for "bob". */
export const PAGE = process.env.MIZAN_LIVE_PAGE ?? "";
export const TOKEN = process.env.MIZAN_LIVE_TOKEN ?? "";
if (!HTTP || !TOKEN || !PAGE) throw new Error("run through tests/codegen/test_svelte.py (MIZAN_LIVE_HTTP, MIZAN_LIVE_TOKEN, MIZAN_LIVE_PAGE)");

export interface Recorded {
  /** `"<METHOD> /call/<name>[?query]"` per fetch */
  requests: string[];
  sockets: RecordedSocket[];
}

export interface RecordedSocket extends WebSocket {
  readonly sent: Record<string, unknown>[];
  readonly received: Record<string, unknown>[];
}

export function liveClient(seen: Recorded): MizanClient {
  class RecordingWebSocket extends WebSocket implements RecordedSocket {
    readonly sent: Record<string, unknown>[] = [];
    readonly received: Record<string, unknown>[] = [];

    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      seen.sockets.push(this);
      this.addEventListener("message", (event) => this.received.push(JSON.parse(String(event.data)) as Record<string, unknown>));
    }

    override send(data: string): void {
      this.sent.push(JSON.parse(data) as Record<string, unknown>);
      super.send(data);
    }
  }
  return new MizanClient({
    baseUrl: `${HTTP}/api/mizan`,
    // the page's own origin (jsdom runs at localhost): a socket must come from its host
    wsUrl: `${HTTP.replace("http", "ws").replace("127.0.0.1", "localhost")}/ws/mizan`,
    token: TOKEN,
    WebSocket: RecordingWebSocket,
    fetch: (input, init) => {
      seen.requests.push(`${init?.method ?? "GET"} ${String(input).replace(`${HTTP}/api/mizan`, "")}`);
      return fetch(input, init);
    },
  });
}
