import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { engineText } from '../i18n/engine-text';
import { CODEC_NAMES } from './codec-names';
import { useCurrentProfileId } from './current-profile';

export type EncodeChoice = {
  codec: 'msgpack' | 'cbor' | 'protobuf' | 'sparkplugb';
  messageType?: string;
} | null;

const ENCODABLE = ['msgpack', 'cbor', 'protobuf', 'sparkplugb'] as const;

/** "Send JSON as…": the JSON in the editor is encoded by the engine at send time. */
export function EncodeAsSelect({
  value,
  onChange,
}: {
  value: EncodeChoice;
  onChange(next: EncodeChoice): void;
}) {
  const { t } = useTranslation();
  const ids = { codec: useId(), type: useId() };
  return (
    <div className="encode-as">
      <label htmlFor={ids.codec}>{t('codecs.encodeAs')}</label>
      <select
        id={ids.codec}
        value={value?.codec ?? ''}
        onChange={(e) => {
          const codec = e.target.value as (typeof ENCODABLE)[number] | '';
          onChange(
            codec ? { codec, ...(value?.messageType ? { messageType: value.messageType } : {}) } : null,
          );
        }}
      >
        <option value="">JSON</option>
        {ENCODABLE.map((id) => (
          <option key={id} value={id}>
            {CODEC_NAMES[id]}
          </option>
        ))}
      </select>
      {value?.codec === 'protobuf' && (
        <>
          <label htmlFor={ids.type}>{t('codecs.messageType')}</label>
          <input
            id={ids.type}
            className="mono"
            placeholder={t('codecs.messageTypePlaceholder')}
            value={value.messageType ?? ''}
            onChange={(e) => onChange({ codec: 'protobuf', messageType: e.target.value })}
          />
        </>
      )}
    </div>
  );
}

/** Encodes the (template-expanded) JSON with the profile's formats; a refusal names the field. */
export function useEncodeForSend() {
  const profileId = useCurrentProfileId();
  return async (choice: NonNullable<EncodeChoice>, text: string) => {
    const messageType = choice.messageType?.trim();
    const out = await call('payload.encode', {
      codec: choice.codec,
      text,
      ...(profileId ? { profileId } : {}),
      ...(messageType ? { messageType } : {}),
    });
    return out.ok
      ? out
      : {
          ok: false as const,
          message: out.path ? `${out.path}: ${engineText(out.text)}` : engineText(out.text),
        };
  };
}
