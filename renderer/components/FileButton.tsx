// A button that opens the file chooser. The input stays in the tab order (visually hidden,
// not `hidden`), so keyboard users reach it; its label looks like a button and shows the focus ring.
import { useId } from 'react';

export function FileButton({ label, accept, disabled, small, onFile }: { label: string; accept?: string; disabled?: boolean; small?: boolean; onFile: (file: File) => void }) {
  const id = useId();
  return (
    <span className="file-button">
      <input
        id={id}
        type="file"
        className="visually-hidden file-button-input"
        accept={accept}
        disabled={disabled}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // the same file can be chosen again
          if (file) onFile(file);
        }}
      />
      <label htmlFor={id} className={['button', small ? 'button-small' : '', disabled ? 'button-disabled' : ''].filter(Boolean).join(' ')}>
        {label}
      </label>
    </span>
  );
}
