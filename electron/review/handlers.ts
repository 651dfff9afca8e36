// Handlers of the review methods (shared/api/review.ts).
import type { SaveRectificationEntry } from '../../shared/api/review';
import type { Handlers } from '../api/dispatch';
import type { Core } from '../services/core';
import { syncClientFor } from '../sync/forCore';
import { ReviewService } from './service';

export function createReviewHandlers(core: Core): Handlers {
  const reviews = new ReviewService(core);
  return {
    'review.list': () => Promise.resolve(reviews.list()),
    'review.get': ({ id }: { id: string }) => Promise.resolve(reviews.get(id)),
    'review.forItem': ({ code }: { code: string }) => Promise.resolve(reviews.forItem(code)),
    'review.saveEntry': (args: SaveRectificationEntry) => Promise.resolve(reviews.saveEntry(args)),
    'review.prepare': ({ id }: { id: string }) => Promise.resolve(reviews.prepare(id)),
    'review.import': ({ files }: { files: { name: string; json: string; minisig: string }[] }) => {
      const client = syncClientFor(core);
      return Promise.resolve(
        files.map((f) => {
          // Receipts have their own import; this one takes reviews and rechecks only.
          if (!/"kind":"(review|recheck)"/.test(f.json)) return { name: f.name, ok: false, reviewId: null, error: 'not a review document' };
          const [o] = client.importDocuments([{ name: f.name, read: () => ({ json: f.json, minisig: f.minisig }) }]);
          return { name: f.name, ok: o?.ok ?? false, reviewId: o?.reviewId ?? null, error: o?.error ?? null };
        }),
      );
    },
  };
}
