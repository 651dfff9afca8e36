// Every handler map of the app, merged. Another domain (e.g. packages) adds its
// `createXxxHandlers(core)` here: one import, one entry in the list.
import type { Core } from '../services/core';
import { mergeHandlers, type Handlers } from './dispatch';
import { createHandlers } from './handlers';
import { createPackageHandlers, type PackageRuntimeOptions } from '../package/handlers';

export function createAllHandlers(core: Core, packageOptions?: PackageRuntimeOptions): Handlers {
  return mergeHandlers(createHandlers(core), createPackageHandlers(core, packageOptions));
}

export { dispatch, mergeHandlers, missingHandlers, type Handlers, type HandlerFor, type DispatchOptions } from './dispatch';
