/**
 * MQTTX's export → import candidates. MQTTX exports JSON, YAML (js-yaml's `dump`), XML,
 * CSV and Excel (https://github.com/emqx/MQTTX/blob/main/src/main/streamExportData.ts);
 * its JSON and YAML hold the connections as objects and are read here. Its CSV and Excel
 * exports hold messages only, one row each, and its XML is a lossy conversion: they are
 * refused with a sentence saying which export to make instead.
 * Placeholders are turned back into empty values first (mqttx-values.ts), each connection
 * is mapped by mqttx-connection.ts.
 */
import { parse as parseYaml } from 'yaml';
import { EngineError } from '../errors';
import { fitOptions, note, type Note } from './fit-options';
import { mapConnection } from './mqttx-connection';
import { bool, isObj, recover, str } from './mqttx-values';
import type { ImportCandidate } from './store';
import type { ImportReportEntry } from '../../contract';
import { text as say } from '../text/keys';

/** The file's text as data: JSON, else YAML; XML and CSV are named as such. */
function parseExport(text: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('<')) throw new EngineError('invalid-input', say('mqttx.xml'));
  if (/^client_id,connection_name,topic,/.test(trimmed))
    throw new EngineError('invalid-input', say('mqttx.csv'));
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    try {
      return JSON.parse(text);
    } catch {
      // JSON is YAML too: a YAML flow document gets its chance below.
    }
  }
  try {
    // js-yaml (which MQTTX uses) writes Buffers as !!binary.
    return parseYaml(text, { customTags: ['binary'], maxAliasCount: 100, uniqueKeys: true });
  } catch {
    throw new EngineError('invalid-input', say('mqttx.neither'));
  }
}

export interface MqttxImport {
  candidates: ImportCandidate[];
  failed: ImportReportEntry[];
}

/** Reads MQTTX's export text into import candidates under `folder`. */
export function readMqttxExport(text: string, folder: string): MqttxImport {
  const raw = recover(parseExport(text));
  const list = Array.isArray(raw)
    ? raw
    : isObj(raw) && Array.isArray(raw['connections'])
      ? raw['connections']
      : isObj(raw)
        ? [raw]
        : null;
  if (!list) throw new EngineError('invalid-input', say('mqttx.notList'));

  const candidates: ImportCandidate[] = [];
  const failed: ImportReportEntry[] = [];
  const visit = (items: unknown[], into: string) => {
    items.forEach((item, index) => {
      if (!isObj(item)) {
        failed.push({
          name: `#${index + 1}`,
          profileId: null,
          outcome: 'failed',
          notes: [{ field: '', text: note('notConnection') }],
        });
        return;
      }
      const name = (
        str(item['name']) ?? `${str(item['host']) ?? 'connection'}:${str(item['port']) ?? ''}`
      ).trim();
      // A collection (folder) holds connections in `children`.
      if (bool(item['isCollection']) && Array.isArray(item['children'])) {
        const segment = name.replace(/\//g, '-').trim() || 'Collection';
        visit(item['children'], into ? `${into}/${segment}` : segment);
        return;
      }
      const notes: Note[] = [];
      const { options, secrets, subscriptions } = mapConnection(item, notes);
      const fitted = fitOptions(options);
      if (!fitted.ok) {
        failed.push({ name, profileId: null, outcome: 'failed', notes: [...notes, ...fitted.notes] });
        return;
      }
      candidates.push({
        name,
        folder: into,
        options: fitted.options,
        secrets,
        notes: [...notes, ...fitted.notes],
        ...(subscriptions.length ? { subscriptions } : {}),
      });
    });
  };
  visit(list, folder);
  if (candidates.length === 0 && failed.length === 0)
    throw new EngineError('invalid-input', say('mqttx.empty'));
  return { candidates, failed };
}
