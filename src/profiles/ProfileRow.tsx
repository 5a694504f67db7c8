import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileView } from '../../electron/contract';
import { hostPort } from './profile-list-model';

interface Props {
  profile: ProfileView;
  selected: boolean;
  renaming: boolean;
  connecting: boolean;
  onSelect: () => void;
  onConnect: () => void;
  onMove: (delta: -1 | 1) => void;
  onStartRename: () => void;
  onRename: (name: string | null) => void;
}

/** One profile: pick it (loads it into the form), connect from it, rename it in place. */
export function ProfileRow({
  profile,
  selected,
  renaming,
  connecting,
  onSelect,
  onConnect,
  onMove,
  onStartRename,
  onRename,
}: Props) {
  const { t } = useTranslation();
  const onKeyDown = (event: KeyboardEvent) => {
    // Alt+Up/Down reorders, F2 renames: the usual keys of file trees.
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      onMove(event.key === 'ArrowUp' ? -1 : 1);
    } else if (event.key === 'F2') {
      event.preventDefault();
      onStartRename();
    }
  };
  const address = hostPort(profile);
  return (
    <li className={selected ? 'profile-row is-selected' : 'profile-row'}>
      {renaming ? (
        <RenameInput name={profile.name} onDone={onRename} />
      ) : (
        <button
          type="button"
          className="sidebar-item"
          aria-current={selected ? 'true' : undefined}
          aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown F2"
          title={t('profiles.rowTitle', { name: profile.name, address })}
          onClick={onSelect}
          onDoubleClick={onStartRename}
          onKeyDown={onKeyDown}
        >
          <span className="profile-name">{profile.name}</span>
          <span className="mono muted profile-address">{address}</span>
        </button>
      )}
      <button
        type="button"
        className="button-small profile-connect"
        aria-disabled={connecting}
        onClick={() => !connecting && onConnect()}
      >
        {t('connections.form.connect')}
        <span className="sr-only">{t('profiles.connectSr', { name: profile.name })}</span>
      </button>
    </li>
  );
}

function RenameInput({ name, onDone }: { name: string; onDone: (name: string | null) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(name);
  // Enter or Escape ends it; the blur that may follow must not end it twice.
  const done = useRef(false);
  const finish = (value: string | null) => {
    if (done.current) return;
    done.current = true;
    onDone(value === null || value.trim() === name || value.trim() === '' ? null : value.trim());
  };
  return (
    <input
      className="profile-rename"
      aria-label={t('profiles.newName', { name })}
      value={text}
      autoFocus
      onFocus={(e) => e.target.select()}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => finish(text)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          finish(text);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          finish(null);
        }
      }}
    />
  );
}
