// Receipt files carried back on a stick (from `selfcheck server import --receipts DIR`):
// the .json files and their .minisig files, chosen together.
import { useId, useState } from 'react';
import { api } from '../../bridge';
import { ErrorText } from '../../components/ErrorText';
import { useT } from '../../i18n/setup';

export function ReceiptsImport({ onDone }: { onDone: () => void }) {
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
      if (!sig) out.push(t('sync.receipt.missingSig', { name: f.name }));
      else pairs.push({ name: f.name, json: await f.text(), minisig: await sig.text() });
    }
    try {
      if (pairs.length) {
        const res = await api().call('sync.importReceipts', { files: pairs });
        out.unshift(t('sync.receipt.imported', { n: res.filter((r) => r.ok).length }));
        for (const r of res.filter((r) => !r.ok)) out.push(t('sync.receipt.refused', { name: r.name, error: r.error ?? '' }));
      }
    } catch (e) {
      setError(e);
    }
    setLines(out);
    onDone();
  };

  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('sync.receipt.title')}</h2>
      <p className="muted">{t('sync.receipt.importHint')}</p>
      <label htmlFor={id} className="button">
        {t('sync.receipt.import')}
      </label>
      <input
        id={id}
        type="file"
        multiple
        className="visually-hidden"
        accept=".json,.minisig"
        onChange={(e) => {
          const l = e.target.files;
          if (l?.length) void onFiles(l).finally(() => (e.target.value = ''));
        }}
      />
      <div role="status">
        {lines.map((l) => (
          <p key={l}>{l}</p>
        ))}
      </div>
      <ErrorText error={error} />
    </section>
  );
}
