// Every workspace route, gathered from one file per area.
import { CAMPAIGN_DATA_ROUTES } from './campaignData';
import type { WorkspaceRoute } from './router';

export const WORKSPACE_ROUTES: readonly WorkspaceRoute[] = [...CAMPAIGN_DATA_ROUTES];
