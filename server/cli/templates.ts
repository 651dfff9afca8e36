// `selfcheck server templates add --data-dir B FILE.zip`: publish a template
// package signed with this server's bureau key.
import { resolve } from 'node:path';
import { databaseUrlFrom, openServer } from '../services/context';
import { addTemplate } from '../services/templates';
import { parse, required, UsageError, type Io } from './args';

export async function templatesCommand(argv: string[], io: Io): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb !== 'add') throw new UsageError('usage: selfcheck server templates add --data-dir B FILE.zip');
  const { values, positionals } = parse(rest, { 'data-dir': { type: 'string' }, database: { type: 'string' } }, true);
  if (positionals.length !== 1 || !positionals[0]) throw new UsageError('name one template package: selfcheck server templates add --data-dir B FILE.zip');
  const ctx = await openServer({ dataDir: resolve(required(values['data-dir'], 'data-dir')), databaseUrl: databaseUrlFrom(values.database) });
  try {
    const { entry, added } = await addTemplate(ctx, resolve(positionals[0]));
    io.out(`${added ? 'published' : 'already published'}: ${entry.id}@${entry.version} sha512 ${entry.sha512.slice(0, 16)}… (${entry.size} bytes)`);
    return 0;
  } finally {
    await ctx.store.close();
  }
}
