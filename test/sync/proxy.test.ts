// HTTP_PROXY / NO_PROXY are honoured: `selfcheck connect` reaches a real server
// through a CONNECT proxy (a plain one written here from RFC 9110 §9.3.6), and
// goes direct when NO_PROXY names the host.
import { createServer, type Server } from 'node:http';
import * as net from 'node:net';
import { rmSync } from 'node:fs';
import { tempDir } from '../fixtures/core';
import { ServerProcess, selfcheck } from './serverProcess';

let proxy: Server;
let proxyPort = 0;
const tunnels: string[] = [];
let bureau: ServerProcess;
let bureauDir = '';
let bureauKey = '';
const dirs: string[] = [];

beforeAll(async () => {
  proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, client: net.Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const up = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    up.on('error', () => client.destroy());
    client.on('error', () => up.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyPort = (proxy.address() as net.AddressInfo).port;
  bureauDir = tempDir('proxy-bureau-');
  dirs.push(bureauDir);
  const init = await selfcheck(['server', 'init', '--data-dir', bureauDir, '--name', 'Proxy County']);
  bureauKey = /bureau public key:\s+(RW\S+)/.exec(init.stdout)?.[1] as string;
  bureau = new ServerProcess(bureauDir);
  await bureau.start();
}, 120_000);

afterAll(async () => {
  await bureau?.stop();
  await new Promise((r) => proxy.close(r));
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

test('connect goes through HTTP_PROXY with a CONNECT tunnel, and direct for NO_PROXY hosts', async () => {
  const school = tempDir('proxy-school-');
  dirs.push(school);
  const url = `http://127.0.0.1:${bureau.port}`;
  const via = await selfcheck(['connect', '--data-dir', school, '--server', url, '--bureau-key', bureauKey], {
    HTTP_PROXY: `http://127.0.0.1:${proxyPort}`,
    NO_PROXY: '',
    no_proxy: '',
  });
  expect(via.stderr).toBe('');
  expect(via.stdout).toContain('OK  connected to "Proxy County"');
  expect(tunnels).toEqual([`127.0.0.1:${bureau.port}`]);

  const direct = await selfcheck(['connect', '--data-dir', school, '--server', url, '--bureau-key', bureauKey], {
    HTTP_PROXY: `http://127.0.0.1:${proxyPort}`,
    NO_PROXY: 'localhost,127.0.0.1',
  });
  expect(direct.status).toBe(0);
  expect(tunnels).toHaveLength(1);

  const refused = await selfcheck(['connect', '--data-dir', school, '--server', url, '--bureau-key', bureauKey], { HTTP_PROXY: 'http://127.0.0.1:1', NO_PROXY: '', no_proxy: '' });
  expect(refused.status).toBe(1);
  expect(refused.stderr).toMatch(/FAIL {2}network: .*proxy 127\.0\.0\.1:1/);
}, 180_000);
