// A labelled button for the file chooser plus a drop zone, both handing over File objects.
import { useId, useRef, useState, type DragEvent } from 'react';
import { useT } from '../i18n/setup';

export function FilePicker({ label, onFiles, disabled, dropHint }: { label: string; onFiles: (files: File[]) => void; disabled?: boolean; dropHint?: string }) {
  const { t } = useT();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (disabled) return;
    const files = Array.from(e.dataTransfer.files);
    if (files.length > 0) onFiles(files);
  };
  return (
    <div
      className={over ? 'dropzone dropzone-over' : 'dropzone'}
      onDragOver={(e) => {
        e.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <input
        ref={input}
        id={id}
        type="file"
        multiple
        className="visually-hidden"
        disabled={disabled}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = ''; // the same file can be chosen again
          if (files.length > 0) onFiles(files);
        }}
      />
      <label htmlFor={id} className={disabled ? 'button button-disabled' : 'button'}>
        <span aria-hidden="true">＋ </span>
        {label}
      </label>
      <span className="dropzone-hint">{dropHint ?? t('evidence.dropHint')}</span>
    </div>
  );
}
