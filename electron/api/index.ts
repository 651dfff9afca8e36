// Every handler map of the app, merged. Another domain (e.g. packages) adds its
// `createXxxHandlers(core)` here: one import, one entry in the list.
import type { Core } from '../services/core';
import { mergeHandlers, type Handlers } from './dispatch';
import { createHandlers } from './handlers';
import { createPackageHandlers, type PackageRuntimeOptions } from '../package/handlers';
import { createDialogHandlers, type ChoosePath } from './dialogHandlers';
import { createSyncHandlers } from '../sync/handlers';
import { createIntakeHandlers } from '../intake/handlers';
import { createReviewHandlers } from '../review/handlers';

/** What only the desktop shell can give: its key store and PDF printer, its open dialog. */
export interface ShellOptions extends PackageRuntimeOptions {
  choosePath?: ChoosePath;
  /** The desktop shell lets its own page add files by path; the web mode never does. */
  allowPathImport?: boolean;
}

export function createAllHandlers(core: Core, shell: ShellOptions = {}): Handlers {
  const { choosePath, allowPathImport, ...packageOptions } = shell;
  const importPath = allowPathImport ? (args: Parameters<typeof core.evidence.importFile>[0]) => core.evidence.importFile(args) : undefined;
  return mergeHandlers(
    createHandlers(core),
    createPackageHandlers(core, packageOptions),
    createDialogHandlers(choosePath, importPath),
    createIntakeHandlers(core),
    createSyncHandlers(core, { background: core.mode !== 'cli' }),
    createReviewHandlers(core),
  );
}

export { dispatch, mergeHandlers, missingHandlers, type Handlers, type HandlerFor, type DispatchOptions } from './dispatch';
