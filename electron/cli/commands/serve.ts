// `selfcheck serve`: the app in a local browser (web mode) on 127.0.0.1.
import { resolveDataDir, resolvePort } from '../../config/dataDir';
import { builtRendererDir } from '../../config/repoRoot';
import { createCore } from '../../services/core';
import { startWebServer } from '../../web/server';
import { parseFlags, usingConfig, type CliCommand } from '../command';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'run the app in web mode on 127.0.0.1 (prints the URL to open)',
  usage: `Usage: selfcheck serve [--data-dir DIR] [--port N]

  --data-dir DIR  data folder (default: $SELFCHECK_DATA_DIR or the OS app-data folder)
  --port N        port on 127.0.0.1 (default: $SELFCHECK_PORT or any free port)

Prints "Web mode: http://127.0.0.1:PORT/?token=..."; open that URL once in a browser.
Stops on Ctrl+C (SIGINT) or SIGTERM.`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { 'data-dir': { type: 'string' }, port: { type: 'string' } });
    const dataDir = usingConfig(() => resolveDataDir(values['data-dir']));
    const port = usingConfig(() => resolvePort(values.port));
    const core = createCore({ dataDir, mode: 'web' });
    let server;
    try {
      server = await startWebServer({ core, port, rendererDir: builtRendererDir() });
    } catch (e) {
      core.close();
      throw e;
    }
    io.out(`SelfCheck ${core.appVersion}, data folder: ${dataDir}`);
    io.out(`Web mode: ${server.url}`);
    if (!builtRendererDir()) io.err('note: the UI is not built (run `npm run build`); the API is served anyway');
    io.out('Press Ctrl+C to stop.');
    const web = server;
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await web.close();
    await core.maintenance;
    core.close();
    io.out('stopped');
    return 0;
  },
};
