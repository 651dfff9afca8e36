// `selfcheck connect --data-dir S (--file CONNECTION | --server URL --bureau-key RW…)`
import { resolveDataDir } from '../../config/dataDir';
import { createCore } from '../../services/core';
import { SyncClient } from '../../sync/client';
import { describeSkew } from '../../sync/clock';
import { SyncError } from '../../sync/errors';
import { syncClientFor } from '../../sync/forCore';
import { UsageError, parseFlags, usingConfig, type CliCommand } from '../command';

export const connectCommand: CliCommand = {
  name: 'connect',
  summary: "connect this school's app to the bureau's collection server",
  usage: `Usage: selfcheck connect [--data-dir DIR] (--file CONNECTION | --server URL --bureau-key RW...)

  --file CONNECTION   the connection file the bureau handed out (server URL, server name, bureau key)
  --server URL        the server's address, e.g. https://selfcheck.example-bureau.cn
  --bureau-key RW...  the bureau's public key, as printed by "selfcheck server init"

The server is asked who it is; its bureau key must be the one given, else nothing
is stored. The key then becomes a trusted bureau key (it verifies receipts and
templates). Compare the fingerprint printed with the one the bureau reads out.
Proxies: HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured (http:// proxies, CONNECT).`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { 'data-dir': { type: 'string' }, file: { type: 'string' }, server: { type: 'string' }, 'bureau-key': { type: 'string' } });
    if (values.file && (values.server || values['bureau-key'])) throw new UsageError('give --file, or --server with --bureau-key, not both');
    if (!values.file && !(values.server && values['bureau-key'])) throw new UsageError('--file CONNECTION, or --server URL with --bureau-key RW..., is required');
    const dataDir = usingConfig(() => resolveDataDir(values['data-dir']));
    const core = createCore({ dataDir, mode: 'cli', purgeAtStart: false });
    try {
      const input = values.file
        ? (() => {
            const f = SyncClient.readConnectionFile(values.file);
            return { server: f.server, bureauKey: f.bureauKey, bureauKeyId: f.bureauKeyId };
          })()
        : { server: values.server as string, bureauKey: values['bureau-key'] as string };
      const r = await syncClientFor(core).connect(input);
      io.out(`OK  connected to "${r.server.serverName}" at ${r.server.url}`);
      io.out(`bureau key id:          ${r.server.bureauKeyId}`);
      io.out(`bureau key fingerprint: ${r.fingerprint}`);
      io.out('Compare this fingerprint with the one the bureau gave you before sending anything.');
      if (r.clock.warn && r.clock.skewMs !== null) io.err(`WARNING  this computer's clock is ${describeSkew(r.clock.skewMs)}: set the date and time correctly.`);
      return 0;
    } catch (e) {
      if (!(e instanceof SyncError)) throw e;
      io.err(`FAIL  ${e.code}: ${e.message}`);
      return 1;
    } finally {
      core.close();
    }
  },
};
