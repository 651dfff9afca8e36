// Proxies from the environment (HTTPS_PROXY / HTTP_PROXY / NO_PROXY, upper or
// lower case), as curl reads them. Node's own fetch ignores them and undici's
// ProxyAgent is not installed, so every sync request goes through node:http(s)
// with the agent below: it opens a CONNECT tunnel through the proxy and then
// speaks HTTP or TLS inside it. Only http:// proxies are supported (no TLS to
// the proxy itself); Basic auth from the proxy URL's user:password is sent.
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { Duplex } from 'node:stream';

type Env = Record<string, string | undefined>;

const envOf = (env: Env, name: string): string | undefined => env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;

/** The proxy URL for a target, or null for a direct connection. */
export function proxyFor(target: URL, env: Env = process.env): URL | null {
  const raw = target.protocol === 'https:' ? envOf(env, 'https_proxy') : envOf(env, 'http_proxy');
  if (!raw) return null;
  if (bypassed(target, envOf(env, 'no_proxy') ?? '')) return null;
  const proxy = new URL(raw.includes('://') ? raw : `http://${raw}`);
  if (proxy.protocol !== 'http:') throw new Error(`proxy ${proxy.origin}: only http:// proxies are supported`);
  return proxy;
}

function bypassed(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((rule) => {
      if (rule === '*') return true;
      const [name, port] = rule.toLowerCase().split(':') as [string, string | undefined];
      if (port && port !== (target.port || (target.protocol === 'https:' ? '443' : '80'))) return false;
      const bare = name.replace(/^\*?\./, '');
      return host === bare || host.endsWith(`.${bare}`);
    });
}

/** Opens a tunnel to host:port through an HTTP proxy (CONNECT). */
function tunnel(proxy: URL, host: string, port: number, cb: (err: Error | null, socket?: Duplex) => void): void {
  const socket = net.connect(Number(proxy.port || 80), proxy.hostname);
  const auth = proxy.username ? `Proxy-Authorization: Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}\r\n` : '';
  let head = Buffer.alloc(0);
  const onData = (chunk: Buffer): void => {
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) {
      if (head.length > 16384) fail(new Error('proxy answered with an over-long header'));
      return;
    }
    socket.off('data', onData);
    socket.off('error', fail);
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(head.subarray(0, end).toString('latin1'));
    if (!status || status[1] !== '200') {
      socket.destroy();
      cb(new Error(`proxy ${proxy.host} refused the tunnel to ${host}:${port} (${status ? `HTTP ${status[1]}` : 'no HTTP answer'})`));
      return;
    }
    const rest = head.subarray(end + 4);
    if (rest.length) socket.unshift(rest);
    cb(null, socket);
  };
  const fail = (e: Error): void => {
    socket.destroy();
    cb(new Error(`proxy ${proxy.host}: ${e.message}`));
  };
  socket.on('data', onData);
  socket.once('error', fail);
  socket.once('connect', () => socket.write(`CONNECT ${host}:${port} HTTP/1.1\r\nHost: ${host}:${port}\r\n${auth}\r\n`));
}

type ConnectCallback = (err: Error | null, socket: Duplex) => void;

class TunnelHttpAgent extends http.Agent {
  constructor(private readonly proxy: URL) {
    super({ keepAlive: false });
  }
  override createConnection(options: net.NetConnectOpts, cb?: ConnectCallback): Duplex | undefined {
    const o = options as net.TcpNetConnectOpts;
    tunnel(this.proxy, o.host ?? 'localhost', Number(o.port ?? 80), (err, socket) => cb?.(err, socket as Duplex));
    return undefined;
  }
}

class TunnelHttpsAgent extends https.Agent {
  constructor(private readonly proxy: URL) {
    super({ keepAlive: false });
  }
  override createConnection(options: tls.ConnectionOptions, cb?: ConnectCallback): Duplex | undefined {
    const host = options.host ?? 'localhost';
    tunnel(this.proxy, host, Number(options.port ?? 443), (err, socket) => {
      if (err || !socket) return cb?.(err ?? new Error('no tunnel'), socket as Duplex);
      const secure = tls.connect({ ...options, socket: socket as net.Socket, servername: options.servername ?? (net.isIP(host) ? undefined : host) });
      cb?.(null, secure);
    });
    return undefined;
  }
}

/** The agent for requests to `target`: a tunnelling one when a proxy applies, else undefined (Node's default). */
export function agentFor(target: URL, env: Env = process.env): http.Agent | undefined {
  const proxy = proxyFor(target, env);
  if (!proxy) return undefined;
  return target.protocol === 'https:' ? new TunnelHttpsAgent(proxy) : new TunnelHttpAgent(proxy);
}
