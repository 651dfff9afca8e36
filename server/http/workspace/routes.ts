// Every workspace route, gathered from one file per area.
import type { WorkspaceRoute } from './router';

export const WORKSPACE_ROUTES: readonly WorkspaceRoute[] = [];
