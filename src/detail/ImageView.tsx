import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HexView } from '../inspector/HexView';
import { toBase64 } from '../inspector/decode';
import type { ImageType } from './image';

/**
 * A PNG, JPEG, GIF or WebP payload as an image. A data: URL, which the CSP's img-src
 * already allows (no blob: needed); a payload that fails to decode falls back to hex.
 */
export function ImageView({ bytes, type }: { bytes: Uint8Array; type: ImageType }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);
  const src = useMemo(() => `data:${type};base64,${toBase64(bytes)}`, [bytes, type]);
  if (failed) {
    return (
      <>
        <p className="notice inspector-note" role="note">
          {t('data.image.failed')}
        </p>
        <HexView bytes={bytes} />
      </>
    );
  }
  return (
    <div className="image-view">
      <p className="muted inspector-note">
        {size ? t('data.image.caption', { type, width: size.w, height: size.h }) : type}
      </p>
      <img
        src={src}
        alt={t('data.image.alt', { type })}
        onLoad={(e) => setSize({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })}
        onError={() => setFailed(true)}
      />
    </div>
  );
}
