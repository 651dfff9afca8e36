// Every handler map of the app, merged. Another domain (e.g. packages) adds its
// `createXxxHandlers(core)` here: one import, one entry in the list.
import type { Core } from '../services/core';
import { mergeHandlers, type Handlers } from './dispatch';
import { createHandlers } from './handlers';

export function createAllHandlers(core: Core): Handlers {
  return mergeHandlers(createHandlers(core));
}

export { dispatch, mergeHandlers, missingHandlers, type Handlers, type HandlerFor, type DispatchOptions } from './dispatch';
