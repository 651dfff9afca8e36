// i18next resources for both languages: the interface texts plus the status reasons
// (reasons.ts, written with the status logic). zh-CN is the default, English second.
import { zhCN } from './zh-CN';
import { en } from './en';
import { reasonMessages } from './reasons';
import { packageMessages } from '../report/messages';
import { webSessionMessages } from './webSession';
import { a11yMessages } from './a11y';
import { syncMessages } from './sync';
import { evidenceSliceMessages } from './evidenceSlice';
import { instrumentMessages } from './instrument';
import { weekMessages } from './week';
import { reviewMessages } from './review';

type Tree = { [key: string]: string | Tree };

/** Later trees win on conflicts; neither input is changed. */
export function mergeMessages(...trees: Tree[]): Tree {
  const out: Tree = {};
  for (const tree of trees)
    for (const [key, value] of Object.entries(tree)) {
      const existing = out[key];
      out[key] = typeof value === 'object' && typeof existing === 'object' ? mergeMessages(existing, value) : value;
    }
  return out;
}

export const resources = {
  'zh-CN': { translation: mergeMessages(zhCN, reasonMessages['zh-CN'], packageMessages['zh-CN'], webSessionMessages['zh-CN'], a11yMessages['zh-CN'], syncMessages['zh-CN'], evidenceSliceMessages['zh-CN'], instrumentMessages['zh-CN'], weekMessages['zh-CN'], reviewMessages['zh-CN']) },
  en: { translation: mergeMessages(en, reasonMessages.en, packageMessages.en, webSessionMessages.en, a11yMessages.en, syncMessages.en, evidenceSliceMessages.en, instrumentMessages.en, weekMessages.en, reviewMessages.en) },
};

export const LOCALES = ['zh-CN', 'en'] as const;
