// Every workspace route, gathered from one file per area.
import { REVIEW_ROUTES } from './reviews';
import type { WorkspaceRoute } from './router';

export const WORKSPACE_ROUTES: readonly WorkspaceRoute[] = [...REVIEW_ROUTES];
