// A review (or recheck) file brought on a stick: the .json and its .minisig,
// chosen together; the back end accepts only what a trusted bureau key signed.
import { useId, useState } from 'react';
import { api } from '../../bridge';
import { ErrorText } from '../../components/ErrorText';
import { useT } from '../../i18n/setup';

export function ReviewImport({ onDone }: { onDone: (reviewId: string | null) => void }) {
  const { t } = useT();
  const id = useId();
  const [lines, setLines] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);

  const onFiles = async (list: FileList) => {
    setError(null);
    const files = Array.from(list);
    const byName = new Map(files.map((f) => [f.name, f]));
    const out: string[] = [];
    const pairs: { name: string; json: string; minisig: string }[] = [];
    for (const f of files.filter((f) => f.name.endsWith('.json'))) {
      const sig = byName.get(`${f.name}.minisig`);
      if (!sig) out.push(t('review.import.missingSig', { name: f.name }));
      else pairs.push({ name: f.name, json: await f.text(), minisig: await sig.text() });
    }
    let first: string | null = null;
    try {
      if (pairs.length) {
        const res = await api().call('review.import', { files: pairs });
        out.unshift(t('review.import.imported', { n: res.filter((r) => r.ok).length }));
        for (const r of res.filter((r) => !r.ok)) out.push(t('review.import.refused', { name: r.name, error: r.error ?? '' }));
        first = res.find((r) => r.ok)?.reviewId ?? null;
      }
    } catch (e) {
      setError(e);
    }
    setLines(out);
    onDone(first);
  };

  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('review.import.title')}</h2>
      <p className="muted">{t('review.import.hint')}</p>
      <input type="file" multiple accept=".json,.minisig" aria-labelledby={`${id}-h`} data-testid="review-import" onChange={(e) => e.target.files && void onFiles(e.target.files)} />
      {lines.length > 0 && (
        <ul role="status">
          {lines.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      )}
      <ErrorText error={error} />
    </section>
  );
}
