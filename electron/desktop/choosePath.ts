// The native open dialog behind dialog.choose: a folder to export into, or a
// report package (.zip) to verify.
import { BrowserWindow, dialog } from 'electron';

export async function choosePath(kind: 'folder' | 'package'): Promise<string | null> {
  const parent = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const options: Electron.OpenDialogOptions =
    kind === 'folder'
      ? { properties: ['openDirectory', 'createDirectory'] }
      : { properties: ['openFile'], filters: [{ name: 'Report package', extensions: ['zip'] }] };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
