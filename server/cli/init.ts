// `selfcheck server init --data-dir B [--name NAME] [--url URL]`: the data
// folder, config.json, the bureau key (owner-only) and a connection file for
// schools. Refuses a folder that already holds a server, so a key is never
// overwritten by accident.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { keyFingerprint } from '../../bag/enrolment';
import { formatPublicKeyFile, formatSecretKeyFile, generateSecretKey, keyIdHex, publicKeyLine } from '../../bag/minisign';
import { ConnectionFile, API_BASE } from '../../shared/sync/protocol';
import { dataPaths, ServerConfig } from '../config';
import { parse, required, UsageError, type Io } from './args';

export const DEFAULT_PORT = 7800;

export function writeConnectionFile(path: string, server: string, serverName: string, keyLine: string, keyId: string): void {
  const file: ConnectionFile = ConnectionFile.parse({ format: 'selfcheck-connection', version: 1, server, serverName, bureauKey: keyLine, bureauKeyId: keyId });
  writeFileSync(path, JSON.stringify(file, null, 2) + '\n');
}

export function initCommand(argv: string[], io: Io): number {
  const { values } = parse(argv, { 'data-dir': { type: 'string' }, name: { type: 'string' }, url: { type: 'string' } });
  const root = resolve(required(values['data-dir'], 'data-dir'));
  const paths = dataPaths(root);
  if (existsSync(paths.config) || existsSync(paths.bureauKey)) throw new UsageError(`${root} already holds a SelfCheck server (config.json or bureau.key exists); nothing was changed`);
  const config = ServerConfig.parse({ serverName: values.name ?? 'SelfCheck bureau server', ...(values.url ? { publicUrl: values.url } : {}) });
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const key = generateSecretKey();
  writeFileSync(paths.bureauKey, formatSecretKeyFile(key, `SelfCheck bureau key for ${config.serverName}`), { mode: 0o600, flag: 'wx' });
  chmodSync(paths.bureauKey, 0o600);
  writeFileSync(paths.bureauPub, formatPublicKeyFile(key), { flag: 'wx' });
  writeFileSync(paths.config, JSON.stringify(config, null, 2) + '\n', { flag: 'wx' });
  const line = publicKeyLine(key);
  const keyId = keyIdHex(key.keyId);
  writeConnectionFile(paths.connection, config.publicUrl ?? `http://127.0.0.1:${DEFAULT_PORT}${API_BASE}`, config.serverName, line, keyId);
  io.out(`bureau key id:      ${keyId}`);
  io.out(`bureau public key:  ${line}`);
  io.out(`fingerprint:        ${keyFingerprint(line)}`);
  io.err(`Server data folder ready: ${root}`);
  io.err(`The secret key is ${paths.bureauKey} (owner-only); back it up offline. Schools get ${paths.connection}.`);
  return 0;
}
