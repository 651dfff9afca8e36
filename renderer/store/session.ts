// Who and where: app info, settings (language, user name), the school profile.
import { create } from 'zustand';
import type { ResultOf } from '../../shared/api/contract';
import type { SchoolProfile } from '../../shared/domain/profile';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/domain/settings';
import { api } from '../bridge';
import { applyLocale } from '../i18n/setup';
import { tracked } from './saveState';

type Phase = 'loading' | 'setup' | 'ready' | 'failed';

interface SessionState {
  phase: Phase;
  loadError: unknown;
  info: ResultOf<'app.info'> | null;
  settings: Settings;
  profile: SchoolProfile | null;
  load(): Promise<void>;
  saveSettings(patch: Partial<Settings>): Promise<void>;
  saveProfile(profile: SchoolProfile): Promise<void>;
  setPhase(phase: Phase): void;
}

export const useSession = create<SessionState>((set, get) => ({
  phase: 'loading',
  loadError: null,
  info: null,
  settings: DEFAULT_SETTINGS,
  profile: null,
  async load() {
    try {
      const [info, settings, profile] = await Promise.all([
        api().call('app.info', {}),
        api().call('settings.get', {}),
        api().call('profile.get', {}),
      ]);
      await applyLocale(settings.locale);
      set({ info, settings, profile, phase: profile ? 'ready' : 'setup', loadError: null });
    } catch (error) {
      set({ phase: 'failed', loadError: error });
    }
  },
  async saveSettings(patch) {
    const previous = get().settings;
    // The language applies at once; the write follows.
    if (patch.locale && patch.locale !== previous.locale) await applyLocale(patch.locale);
    set({ settings: { ...previous, ...patch } });
    try {
      const saved = await tracked(() => api().call('settings.save', patch));
      set({ settings: saved });
    } catch (error) {
      if (patch.locale && patch.locale !== previous.locale) await applyLocale(previous.locale);
      set({ settings: previous });
      throw error;
    }
  },
  async saveProfile(profile) {
    const saved = await tracked(() => api().call('profile.save', profile));
    set({ profile: saved });
  },
  setPhase(phase) {
    set({ phase });
  },
}));
