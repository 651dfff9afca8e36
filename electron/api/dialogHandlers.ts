// dialog.choose: the desktop shell passes its native open dialog in; the web
// mode has none, so the call is refused there with a message the page can show.
import { ApiError } from '../../shared/api/define';
import type { Handlers } from './dispatch';

export type ChoosePath = (kind: 'folder' | 'package') => Promise<string | null>;

export function createDialogHandlers(choosePath?: ChoosePath): Handlers {
  return {
    'dialog.choose': async ({ kind }) => {
      if (!choosePath) throw new ApiError('invalid_args', 'dialog.desktopOnly');
      return choosePath(kind);
    },
  };
}
