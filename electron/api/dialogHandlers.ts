// dialog.choose: the desktop shell passes its native open dialog in; the web
// mode has none, so the call is refused there with a message the page can show.
// evidence.importPath likewise: only the desktop page may name a file on disk (in web
// mode any page holding the session could otherwise read any file into the store).
import { ApiError } from '../../shared/api/define';
import type { Handlers } from './dispatch';

export type ChoosePath = (kind: 'folder' | 'package') => Promise<string | null>;

export function createDialogHandlers(choosePath?: ChoosePath, importPath?: Handlers['evidence.importPath']): Handlers {
  return {
    'evidence.importPath': async (args) => {
      if (!importPath) throw new ApiError('invalid_args', 'evidence.pathDesktopOnly');
      return importPath(args);
    },
    'dialog.choose': async ({ kind }) => {
      if (!choosePath) throw new ApiError('invalid_args', 'dialog.desktopOnly');
      return choosePath(kind);
    },
  };
}
