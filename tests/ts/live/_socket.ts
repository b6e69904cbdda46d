// Shared by the live suites of every target: a WebSocket that keeps every
// frame it sent and received, and the list of those opened so far.

export const sockets: RecordingSocket[] = [];

export class RecordingSocket extends window.WebSocket {
  readonly sent: Record<string, unknown>[] = [];
  readonly received: Record<string, unknown>[] = [];

  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    sockets.push(this);
    this.addEventListener("message", (event) => this.received.push(JSON.parse(String(event.data))));
  }

  override send(data: string): void {
    this.sent.push(JSON.parse(String(data)));
    super.send(data);
  }
}
