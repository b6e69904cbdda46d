// The live Svelte suite's side of tests/codegen/test_svelte.py: the server it
// started, and a client of it (bearer "bob") built from the Svelte output's
// own kernel, recording every HTTP request and every socket it opens (the
// recording socket is the one every live suite uses).
import { RecordingSocket } from "../live/_socket";
import { MizanClient } from "./build/shop/api";

export { sockets } from "../live/_socket";

// vitest runs in Node; the suite is checked without Node's types
declare const process: { env: Record<string, string | undefined> };

export const HTTP = process.env.MIZAN_LIVE_HTTP ?? "";
/** A page of the shop as `{% mizan_hydration %}` rendered it for "bob". */
export const PAGE = process.env.MIZAN_LIVE_PAGE ?? "";
export const TOKEN = process.env.MIZAN_LIVE_TOKEN ?? "";
if (!HTTP || !TOKEN || !PAGE) throw new Error("run through tests/codegen/test_svelte.py (MIZAN_LIVE_HTTP, MIZAN_LIVE_TOKEN, MIZAN_LIVE_PAGE)");

/**
 * A client of the live server: pushes `"<METHOD> /call/<name>[?query]"` to
 * `requests` for every fetch; its sockets are recorded in `sockets`.
 */
export function liveClient(requests: string[]): MizanClient {
  return new MizanClient({
    baseUrl: `${HTTP}/api/mizan`,
    // the page's own origin (jsdom runs at localhost): a socket must come from its host
    wsUrl: `${HTTP.replace("http", "ws").replace("127.0.0.1", "localhost")}/ws/mizan`,
    token: TOKEN,
    WebSocket: RecordingSocket,
    fetch: (input, init) => {
      requests.push(`${init?.method ?? "GET"} ${String(input).replace(`${HTTP}/api/mizan`, "")}`);
      return fetch(input, init);
    },
  });
}
