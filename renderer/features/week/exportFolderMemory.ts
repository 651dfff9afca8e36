// The last export folder, remembered in this browser profile / app window
// (a preference, not data: losing it costs one click).
const KEY = 'selfcheck.lastExportFolder';

export function rememberedExportFolder(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function rememberExportFolder(dir: string): void {
  try {
    localStorage.setItem(KEY, dir);
  } catch {
    // storage refused (private mode): nothing to remember
  }
}
