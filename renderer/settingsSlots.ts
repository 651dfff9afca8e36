// Sections other features add to the Settings page, one line each.
// SLOT — Keys & export (renderer/features/package/): add e.g. `KeysSettingsSection` here.
import type { ComponentType } from 'react';

export const settingsSections: ComponentType[] = [];
