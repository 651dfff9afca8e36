// A TCP proxy for tests that sits between the app and the server and misbehaves
// on purpose: it counts the bytes going each way and, per the current rule,
// cuts a connection after N upstream bytes (a clean close), resets it (RST),
// or stalls it (stops forwarding, leaves it open). Rules apply to connections
// as they carry bytes, so a test can arm a fault, watch it fire, then disarm.
import * as net from 'node:net';

export type Fault =
  | { kind: 'none' }
  /** Close both sides once this many more client→server bytes have passed (counted from arming). */
  | { kind: 'cut'; afterBytes: number }
  /** Like cut, but with a TCP reset. */
  | { kind: 'reset'; afterBytes: number }
  /** Stop forwarding (both ways) once this many more client→server bytes have passed; keep the sockets open. */
  | { kind: 'stall'; afterBytes: number }
  /** Let the request through to the server, then lose its answer (close before any byte reaches the client): a 504 after success. */
  | { kind: 'loseAnswer'; requestContains: string };

export class FaultProxy {
  private server: net.Server | null = null;
  private sockets = new Set<net.Socket>();
  private fault: Fault = { kind: 'none' };
  private armedAt = 0;
  /** Client→server bytes forwarded in total. */
  upBytes = 0;
  /** Server→client bytes forwarded in total. */
  downBytes = 0;
  /** How many faults fired. */
  fired = 0;
  port = 0;
  /** Called with every client→server chunk before it is forwarded (a test may kill the server there). */
  onUpstream: ((chunk: Buffer) => void) | null = null;

  constructor(
    private readonly targetPort: number,
    private readonly targetHost = '127.0.0.1',
  ) {}

  async start(): Promise<number> {
    this.server = net.createServer((client) => this.handle(client));
    await new Promise<void>((resolve) => (this.server as net.Server).listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Sets the fault for the bytes from now on; fires once, then the proxy is clean again. */
  arm(fault: Fault): void {
    this.fault = fault;
    this.armedAt = this.upBytes;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private handle(client: net.Socket): void {
    const upstream = net.connect(this.targetPort, this.targetHost);
    this.sockets.add(client);
    this.sockets.add(upstream);
    let stalled = false;
    let loseAnswer = false;
    const drop = (): void => {
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('close', drop);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('data', (chunk: Buffer) => {
      if (stalled) return;
      this.onUpstream?.(chunk);
      const f = this.fault;
      if (f.kind === 'loseAnswer') {
        if (chunk.includes(f.requestContains)) {
          loseAnswer = true;
          this.fault = { kind: 'none' };
        }
      } else if (f.kind !== 'none') {
        const left = f.afterBytes - (this.upBytes - this.armedAt);
        if (chunk.length >= left) {
          const head = chunk.subarray(0, Math.max(0, left));
          this.upBytes += head.length;
          upstream.write(head);
          this.fault = { kind: 'none' };
          this.fired++;
          if (f.kind === 'stall') {
            stalled = true;
            client.pause();
            upstream.pause();
          } else if (f.kind === 'reset') {
            client.resetAndDestroy();
            upstream.resetAndDestroy();
          } else {
            // Let the head reach the server before closing, like a line that dies mid-stream.
            upstream.end(() => client.destroy());
          }
          return;
        }
      }
      this.upBytes += chunk.length;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (stalled) return;
      if (loseAnswer) {
        this.fired++;
        upstream.destroy();
        client.destroy();
        return;
      }
      this.downBytes += chunk.length;
      client.write(chunk);
    });
  }
}
