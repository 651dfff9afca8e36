// The intake.* contract methods over one IntakeManager per core.
import type { Handlers } from '../api/dispatch';
import type { Core } from '../services/core';
import { IntakeManager } from './manager';

export function createIntakeHandlers(core: Core): Handlers {
  const manager = new IntakeManager(core);
  return {
    'intake.start': ({ link, eventId, minutes }) => manager.start({ link, eventId }, minutes),
    'intake.status': () => manager.status(),
    'intake.stop': async () => {
      await manager.stop();
      return null;
    },
  };
}
