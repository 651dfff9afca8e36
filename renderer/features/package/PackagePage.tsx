// "Keys and export": export to USB, check a package, import a signed template.
// The key itself and the trusted keys live in Settings (KeysPanel).
import type { PageProps } from '../../routes';
import { useT } from '../../i18n/setup';
import { ExportSection } from './ExportSection';
import { VerifySection } from './VerifySection';
import { TemplateImportSection } from './TemplateImportSection';

export function PackagePage(_props: PageProps) {
  const { t } = useT();
  return (
    <div className="page">
      <h1>{t('pkg.title')}</h1>
      <ExportSection />
      <VerifySection />
      <TemplateImportSection />
    </div>
  );
}
