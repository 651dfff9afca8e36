// Caption and date of one file, saved when the field is left (caption) or changed (date).
import { useEffect, useState } from 'react';
import type { EvidenceFile } from '../../shared/domain/evidence';
import { useEvidence } from '../store/evidence';
import { toastError } from '../store/toasts';
import { useT } from '../i18n/setup';
import { Field } from './Field';

export function EvidenceMetaEditor({ file, disabled }: { file: EvidenceFile; disabled?: boolean }) {
  const { t } = useT();
  const update = useEvidence((s) => s.update);
  const [caption, setCaption] = useState(file.caption);
  useEffect(() => setCaption(file.caption), [file.caption]);
  return (
    <div className="meta-editor">
      <Field label={t('evidence.caption')}>
        {(p) => (
          <input
            {...p}
            type="text"
            value={caption}
            maxLength={500}
            disabled={disabled}
            onChange={(e) => setCaption(e.target.value)}
            onBlur={() => caption !== file.caption && update({ id: file.id, caption }).catch(toastError)}
            onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
          />
        )}
      </Field>
      <Field label={t('evidence.takenOn')}>
        {(p) => <input {...p} type="date" value={file.takenOn ?? ''} disabled={disabled} onChange={(e) => update({ id: file.id, takenOn: e.target.value || null }).catch(toastError)} />}
      </Field>
    </div>
  );
}
