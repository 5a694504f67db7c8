export { FileKeySecretBox, SECRET_KEY_FILE, type SecretBox } from './secret-box';
export { PROFILES_FILE, ProfileStore, type ImportCandidate, type PlainSecrets } from './store';
export { noProfileHandlers, profileHandlers } from './handlers';
