import type { FormSecrets } from '../connections/form/binding';
import { useProfileEditor } from './profile-editor';
import { useProfileList } from './profile-queries';
import type { SecretName } from './profile-draft';

/** What the connection form shows about stored secrets: which are saved, and their protection. */
export function useFormSecrets(): FormSecrets {
  const { draft, setCleared } = useProfileEditor();
  const protection = useProfileList(false).data?.protection;
  const secret = (name: SecretName) => ({
    saved: draft.saved[name],
    cleared: draft.cleared[name],
    setCleared: (cleared: boolean) => setCleared(name, cleared),
  });
  return {
    password: secret('password'),
    passphrase: secret('passphrase'),
    keyPem: secret('keyPem'),
    wsHeaders: draft.savedHeaders,
    ...(protection ? { protection } : {}),
  };
}
