// Sections other features add to the Settings page, one line each.
import type { ComponentType } from 'react';
import { KeysPanel } from './features/package/KeysPanel';

export const settingsSections: ComponentType[] = [KeysPanel];
