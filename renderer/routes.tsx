// The page table: one line per page gives it a route and (with `nav`) a place in the left navigation.
import type { ComponentType } from 'react';
import { DashboardPage } from './pages/DashboardPage';
import { ChecklistPage } from './pages/ChecklistPage';
import { ItemPage } from './pages/item/ItemPage';
import { EvidencePage } from './pages/EvidencePage';
import { EventsPage } from './pages/EventsPage';
import { ProfilePage } from './pages/ProfilePage';
import { SettingsPage } from './pages/SettingsPage';
import { NewAssessmentPage } from './pages/NewAssessmentPage';
import { PackagePage } from './features/package/PackagePage';
import { OutboxPage } from './features/sync/OutboxPage';
import { RectificationPage } from './features/review/RectificationPage';

export interface PageProps {
  params: string[];
}

export interface Route {
  /** First hash segment: "#/<page>/...". */
  page: string;
  component: ComponentType<PageProps>;
  /** i18n key of the navigation label; routes without one are reached by links only. */
  nav?: string;
  /** Single-character glyph shown beside the label (decorative). */
  icon?: string;
}

export const routes: Route[] = [
  { page: 'dashboard', component: DashboardPage, nav: 'nav.dashboard', icon: '◎' },
  { page: 'checklist', component: ChecklistPage, nav: 'nav.checklist', icon: '☑' },
  { page: 'evidence', component: EvidencePage, nav: 'nav.evidence', icon: '▣' },
  { page: 'events', component: EventsPage, nav: 'nav.events', icon: '▤' },
  { page: 'profile', component: ProfilePage, nav: 'nav.profile', icon: '⌂' },
  { page: 'settings', component: SettingsPage, nav: 'nav.settings', icon: '⚙' },
  { page: 'package', component: PackagePage, nav: 'nav.package', icon: '⇪' },
  { page: 'sync', component: OutboxPage, nav: 'nav.sync', icon: '⇅' },
  { page: 'review', component: RectificationPage, nav: 'nav.review', icon: '✎' },
  { page: 'item', component: ItemPage },
  { page: 'new-assessment', component: NewAssessmentPage },
];

export const DEFAULT_PAGE = 'dashboard';
export const findRoute = (page: string): Route | undefined => routes.find((r) => r.page === page);
