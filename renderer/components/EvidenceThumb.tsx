import type { EvidenceFile } from '../../shared/domain/evidence';
import { api } from '../bridge';

function kindLabel(file: EvidenceFile): string {
  const ext = file.originalName.includes('.') ? file.originalName.split('.').pop() ?? '' : '';
  if (file.mime === 'application/pdf') return 'PDF';
  return (ext || file.mime.split('/')[1] || 'FILE').slice(0, 4).toUpperCase();
}

/** A thumbnail when the store made one, else a tile naming the file type. */
export function EvidenceThumb({ file, size = 'normal' }: { file: EvidenceFile; size?: 'normal' | 'large' }) {
  const cls = size === 'large' ? 'thumb thumb-large' : 'thumb';
  if (file.hasThumbnail) return <img className={cls} src={api().evidenceUrl(file.sha256, 'thumb')} alt={file.caption || file.originalName} loading="lazy" />;
  return (
    <div className={`${cls} thumb-file`} role="img" aria-label={file.originalName}>
      {kindLabel(file)}
    </div>
  );
}
