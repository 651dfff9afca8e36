import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ConfigError, defaultDataDir, resolveDataDir, resolvePort } from '../../electron/config/dataDir';
import { DataDirLockedError, LOCK_FILE, acquireDataDirLock } from '../../electron/config/lock';
import { tempDir } from '../fixtures/core';

describe('data folder and port', () => {
  test('default data folder per OS', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\x\\AppData\\Roaming' }, 'win32', 'C:\\Users\\x')).toContain('SelfCheck');
    expect(defaultDataDir({}, 'darwin', '/Users/x')).toBe('/Users/x/Library/Application Support/SelfCheck');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/x')).toBe('/cfg/SelfCheck');
    expect(defaultDataDir({}, 'linux', '/home/x')).toBe('/home/x/.config/SelfCheck');
  });

  test('flag beats environment beats default', () => {
    expect(resolveDataDir('/a', { SELFCHECK_DATA_DIR: '/b' })).toBe('/a');
    expect(resolveDataDir(undefined, { SELFCHECK_DATA_DIR: '/b' })).toBe('/b');
    expect(resolveDataDir(undefined, { XDG_CONFIG_HOME: '/cfg' })).toBe(process.platform === 'linux' ? '/cfg/SelfCheck' : defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }));
    expect(() => resolveDataDir(' ', {})).toThrow(ConfigError);
  });

  test('port', () => {
    expect(resolvePort(undefined, {})).toBe(0);
    expect(resolvePort('8080', { SELFCHECK_PORT: '9' })).toBe(8080);
    expect(resolvePort(undefined, { SELFCHECK_PORT: '9090' })).toBe(9090);
    expect(() => resolvePort('70000', {})).toThrow(/0 to 65535/);
    expect(() => resolvePort('abc', {})).toThrow(ConfigError);
  });
});

describe('data folder lock', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a live owner keeps the lock; release frees it', () => {
    const release = acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dir)).toThrow(/in use by another SelfCheck process \(pid \d+\)/);
    release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    acquireDataDirLock(dir)();
  });

  test('a lock left by a dead process is taken over', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const pid = Number(dead.stdout);
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, host: hostname(), startedAt: 'x' }));
    const release = acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    release();
  });

  test('a garbled lock file counts as stale', () => {
    writeFileSync(join(dir, LOCK_FILE), '{half');
    acquireDataDirLock(dir)();
  });
});
