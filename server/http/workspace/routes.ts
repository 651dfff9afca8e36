// Every workspace route, gathered from one file per area.
import { AUTH_ROUTES } from './auth';
import { CAMPAIGN_DATA_ROUTES } from './campaignData';
import { CAMPAIGN_ROUTES } from './campaigns';
import { REVIEW_ROUTES } from './reviews';
import type { WorkspaceRoute } from './router';

export const WORKSPACE_ROUTES: readonly WorkspaceRoute[] = [...AUTH_ROUTES, ...CAMPAIGN_ROUTES, ...CAMPAIGN_DATA_ROUTES, ...REVIEW_ROUTES];
