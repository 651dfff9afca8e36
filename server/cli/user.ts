// `selfcheck server user add --data-dir B --name NAME --role admin|reviewer|viewer [--county C]... [--school CODE]...`
// Makes a workspace account; the first administrator is made this way. The
// password is asked twice without echo on a terminal, or read as one line
// from stdin otherwise (for scripts: `printf '%s\n' "$PW" | selfcheck server user add …`),
// so it never appears in the process list or the shell history.
import { resolve } from 'node:path';
import { ROLES, UserName, type Role } from '../../shared/bureau/api';
import { databaseUrlFrom, openServer } from '../services/context';
import { ServerError } from '../services/errors';
import { createUser, MIN_PASSWORD_LENGTH } from '../services/workspace/users';
import { parse, required, UsageError, type Io } from './args';

const USAGE = 'usage: selfcheck server user add --data-dir B --name NAME --role admin|reviewer|viewer [--county C]... [--school CODE]...';

/**
 * Asks each prompt in turn on a terminal and reads one line for each with
 * echo off. Raw mode stays on across the prompts and is set before the first
 * one shows, so nothing typed or pasted early appears on screen, and a paste
 * of both lines at once answers both.
 */
function askHidden(prompts: string[]): Promise<string[]> {
  const stdin = process.stdin;
  stdin.setRawMode(true);
  const answers: string[] = [];
  let text = '';
  process.stderr.write(prompts[0] ?? '');
  return new Promise((done, fail) => {
    const finish = (err: Error | null): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      if (err) {
        process.stderr.write('\n');
        fail(err);
      } else done(answers);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\u0003') return finish(new ServerError('bad_request', 400, 'cancelled; nothing was changed'));
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          answers.push(text);
          text = '';
          process.stderr.write('\n');
          if (answers.length === prompts.length) return finish(null);
          process.stderr.write(prompts[answers.length] ?? '');
        } else if (ch === '\u007f' || ch === '\b') text = [...text].slice(0, -1).join('');
        else if (ch >= ' ') text += ch;
      }
    };
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.resume();
  });
}

/** The first line of stdin (a pipe or a file), without its line ending. */
async function firstLineOfStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if ((chunk as Buffer).includes(0x0a)) break;
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.split(/\r?\n/)[0] ?? '';
}

export async function readPassword(io: Io): Promise<string> {
  if (process.stdin.isTTY) {
    const [first, second] = await askHidden([`Password (at least ${MIN_PASSWORD_LENGTH} characters): `, 'Again: ']);
    if (first === undefined || first !== second) throw new ServerError('bad_request', 400, 'the two passwords differ; nothing was changed');
    return first;
  }
  const line = await firstLineOfStdin();
  if (line === '') io.err('(no password on stdin)');
  return line;
}

export async function userCommand(argv: string[], io: Io): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb !== 'add') throw new UsageError(USAGE);
  const { values } = parse(rest, {
    'data-dir': { type: 'string' },
    database: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    county: { type: 'string', multiple: true },
    school: { type: 'string', multiple: true },
  });
  const dataDir = resolve(required(values['data-dir'], 'data-dir'));
  const name = required(values.name, 'name');
  if (!UserName.safeParse(name).success) throw new UsageError(`--name ${name}: a user name is 1 to 60 characters without spaces`);
  const role = required(values.role, 'role');
  if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role ${role}: give admin, reviewer or viewer`);
  const counties = values.county ?? [];
  const schools = values.school ?? [];
  if (role === 'admin' && (counties.length || schools.length)) throw new UsageError('an administrator sees every school: --county and --school are for reviewers and viewers');
  const ctx = await openServer({ dataDir, databaseUrl: databaseUrlFrom(values.database) });
  try {
    // Refuse a taken name before asking for a password the officer would type for nothing.
    if (await ctx.store.db.selectFrom('users').select('name').where('name', '=', name).executeTakeFirst())
      throw new ServerError('bad_request', 409, `a user named ${name} already exists; nothing was changed`);
    const password = await readPassword(io);
    if (password.length < MIN_PASSWORD_LENGTH) throw new ServerError('bad_request', 400, `the password is too short: at least ${MIN_PASSWORD_LENGTH} characters; nothing was changed`);
    const user = await createUser(ctx, { name, role: role as Role, password, scope: counties.length || schools.length ? { counties, schools } : null }, null);
    const scope = user.scope ? ` limited to ${[...user.scope.counties.map((c) => `county ${c}`), ...user.scope.schools.map((s) => `school ${s}`)].join(', ')}` : '';
    io.out(`added ${user.role} ${user.name}${scope}`);
    return 0;
  } finally {
    await ctx.store.close();
  }
}
