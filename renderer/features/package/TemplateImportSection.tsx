// Import a checklist template package signed by a trusted bureau key.
import { useState } from 'react';
import { api } from '../../bridge';
import { ErrorText } from '../../components/ErrorText';
import { FileButton } from '../../components/FileButton';
import { useT } from '../../i18n/setup';

type Imported = { id: string; version: string; outcome: 'installed' | 'already_installed'; signedBy: string };

export function TemplateImportSection() {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Imported | null>(null);
  const [error, setError] = useState<unknown>(null);

  const onFile = async (file: File) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      setDone(await api().call('templates.import', { name: file.name, bytes }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="pkg-template">
      <h2 id="pkg-template">{t('pkg.template.title')}</h2>
      <p className="muted">{t('pkg.template.intro')}</p>
      <FileButton label={t('pkg.template.choose')} accept=".zip,application/zip" disabled={busy} onFile={(f) => void onFile(f)} />
      {done && <p role="status">✓ {t(done.outcome === 'installed' ? 'pkg.template.installed' : 'pkg.template.already', done)}</p>}
      <ErrorText error={error} />
    </section>
  );
}
