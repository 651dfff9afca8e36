// IPC channel names: one per contract method, prefixed so nothing else collides.
export const IPC_CHANNEL_PREFIX = 'selfcheck:';
export const APP_SCHEME = 'app';
/** The page's own origin: app://bundle/index.html. Evidence lives under app://evidence/. */
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
