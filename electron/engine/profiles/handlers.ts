/** The `profiles.*` requests, on top of a ProfileStore and the connection manager. */
import type { ImportResult, RequestHandlers } from '../../contract';
import { EngineError } from '../errors';
import { buildExport, parseExport } from './exchange-format';
import { profileToMqttjs } from './mqttjs-code/snippet';
import { readMqttxExport } from './mqttx-import';

/** acorn is loaded on the first paste of mqtt.js code, not with the host. */
async function loadMqttjsParser() {
  return (await import('./mqttjs-code/parse')).parseMqttjsCode;
}
import type { ProfileLinks } from '../workspace/profile-links';
import type { ProfileStore } from './store';
import { text } from '../text/keys';

type ProfileRequestName = Extract<keyof RequestHandlers, `profiles.${string}`>;
export type ProfileHandlers = Pick<RequestHandlers, ProfileRequestName>;

/** Profiles that could not be read at all are reported after the import's own report. */
function withFailures(
  result: ImportResult,
  failed: Extract<ImportResult, { status: 'done' }>['report'],
): ImportResult {
  return result.status === 'done' ? { status: 'done', report: [...result.report, ...failed] } : result;
}

export function profileHandlers(store: ProfileStore, links: ProfileLinks): ProfileHandlers {
  return {
    'profiles.list': () => store.list(),
    'profiles.save': (input) => store.save(input),
    'profiles.duplicate': ({ id }) => store.duplicate(id),
    'profiles.delete': ({ ids }) => store.delete(ids),
    'profiles.undoDelete': ({ undoToken }) => store.undoDelete(undoToken),
    'profiles.reorder': ({ folder, ids }) => store.reorder(folder, ids),
    'profiles.restoreBackup': () => store.restoreBackup(),
    'profiles.connect': (input) => links.connect(input),
    'profiles.export': async ({ scope, includeSecrets }) => {
      const items = await store.exportable(scope);
      const label =
        scope.kind === 'one'
          ? (items[0]?.profile.name ?? 'profile')
          : scope.kind === 'folder'
            ? scope.folder
            : 'all-profiles';
      const passphrase = includeSecrets?.passphrase;
      const file = await buildExport(
        passphrase === undefined ? items.map(({ profile }) => ({ profile, secrets: {} })) : items,
        label,
        passphrase,
        new Date(),
      );
      return { ...file, count: items.length, secretsIncluded: passphrase !== undefined };
    },
    'profiles.import': async ({ text, passphrase, ignoreSecrets, onConflict }) => {
      const parsed = await parseExport(text, passphrase, ignoreSecrets);
      if (parsed.status === 'needs-passphrase') return parsed;
      if (parsed.candidates.length === 0) return { status: 'done', report: parsed.failed };
      return withFailures(await store.importCandidates(parsed.candidates, onConflict), parsed.failed);
    },
    'profiles.importMqttx': async ({ text, folder, onConflict }) => {
      const { candidates, failed } = readMqttxExport(text, folder);
      if (candidates.length === 0) return { status: 'done', report: failed };
      return withFailures(await store.importCandidates(candidates, onConflict), failed);
    },
    'profiles.parseMqttjs': async ({ code }) => (await loadMqttjsParser())(code),
    'profiles.toMqttjs': async ({ id }) => {
      const profile = await store.get(id);
      return { code: profileToMqttjs(profile.name, profile.options, profile.secrets) };
    },
  };
}

/** Without a data directory, only the pure requests work; the others say why they cannot. */
export function noProfileHandlers(): ProfileHandlers {
  const refuse = async (): Promise<never> => {
    throw new EngineError('internal', text('noData.profiles'));
  };
  return {
    'profiles.list': refuse,
    'profiles.save': refuse,
    'profiles.duplicate': refuse,
    'profiles.delete': refuse,
    'profiles.undoDelete': refuse,
    'profiles.reorder': refuse,
    'profiles.restoreBackup': refuse,
    'profiles.connect': refuse,
    'profiles.export': refuse,
    'profiles.import': refuse,
    'profiles.importMqttx': refuse,
    'profiles.parseMqttjs': async ({ code }) => (await loadMqttjsParser())(code),
    'profiles.toMqttjs': refuse,
  };
}
