import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SparkplugDevice, SparkplugNode, SparkplugState } from '../../electron/contract';
import { call, errorText } from '../api/client';
import { engineText } from '../i18n/engine-text';
import { useCurrentConnection } from '../connections/connection-queries';
import { useCurrentProfileId } from '../payload-formats/current-profile';
import { useWorkbench } from '../workbench/workbench-state';
import { NodeDetail } from './NodeDetail';
import { StatusBadge } from './StatusBadge';
import './sparkplug.css';

const POLL_MS = 1000;

export interface SparkplugSelection {
  group: string;
  node: string;
  device?: string;
}

function find(state: SparkplugState | undefined, at: SparkplugSelection | null) {
  if (!state || !at) return null;
  const node = state.groups.find((g) => g.id === at.group)?.nodes.find((n) => n.id === at.node);
  if (!node) return null;
  const device = at.device === undefined ? undefined : node.devices.find((d) => d.id === at.device);
  return at.device !== undefined && !device ? null : { node, device };
}

const needsRebirth = (node: SparkplugNode) => Boolean(node.rebirth || node.devices.some((d) => d.rebirth));

/**
 * Sparkplug B as state: groups → edge nodes → devices with their online state, seq gaps and
 * "rebirth needed", and the selected one's metrics. The engine builds the state from the kept
 * log when asked, so the view asks only while it is on screen.
 */
export function SparkplugView() {
  const { t } = useTranslation();
  const { connectionId, status } = useCurrentConnection();
  const profileId = useCurrentProfileId();
  const { active, sideCollapsed } = useWorkbench();
  const visible = active === 'sparkplug' && !sideCollapsed;
  const [selected, setSelected] = useState<SparkplugSelection | null>(null);
  const state = useQuery({
    queryKey: ['sparkplug-state', connectionId],
    queryFn: () => call('sparkplug.state', { connectionId: connectionId ?? '' }),
    enabled: visible && connectionId !== null,
    refetchInterval: visible ? POLL_MS : false,
  });
  const shown = find(state.data, selected);
  const connected = status?.state === 'connected';

  const pick = (at: SparkplugSelection) => setSelected(at);
  const isSelected = (at: SparkplugSelection) =>
    selected?.group === at.group && selected.node === at.node && selected.device === at.device;

  const device = (group: string, node: string, d: SparkplugDevice) => {
    const at = { group, node, device: d.id };
    return (
      <li key={d.id}>
        <button
          type="button"
          className="sparkplug-item"
          aria-current={isSelected(at) ? 'true' : undefined}
          onClick={() => pick(at)}
        >
          <span className="mono">{d.id}</span>
          <StatusBadge online={d.online} />
          {d.rebirth && <span className="sparkplug-warn">{t('sparkplug.rebirthBadge')}</span>}
        </button>
      </li>
    );
  };

  return (
    <section className="sparkplug-view" aria-label={t('sparkplug.title')}>
      <h2 className="section-title">{t('sparkplug.title')}</h2>
      <p className="muted">{t('sparkplug.intro')}</p>
      {!connectionId && <p className="muted">{t('sparkplug.noConnection')}</p>}
      {state.isError && (
        <p role="alert" className="field-problem">
          {t('sparkplug.failed', { message: errorText(state.error) })}
        </p>
      )}
      {state.data && state.data.groups.length === 0 && state.data.errors.length === 0 && (
        <p className="muted">{t('sparkplug.empty')}</p>
      )}
      {state.data && state.data.groups.length > 0 && (
        <ul className="sparkplug-tree" aria-label={t('sparkplug.tree')}>
          {state.data.groups.map((group) => (
            <li key={group.id}>
              <span className="sparkplug-group">{t('sparkplug.group', { id: group.id })}</span>
              <ul>
                {group.nodes.map((node) => {
                  const at = { group: group.id, node: node.id };
                  return (
                    <li key={node.id}>
                      <button
                        type="button"
                        className="sparkplug-item"
                        aria-current={isSelected(at) ? 'true' : undefined}
                        onClick={() => pick(at)}
                      >
                        <span className="mono">{node.id}</span>
                        <StatusBadge online={node.online} />
                        {node.gaps.length > 0 && (
                          <span className="sparkplug-warn">
                            {t('sparkplug.gaps', { count: node.gaps.length })}
                          </span>
                        )}
                        {needsRebirth(node) && (
                          <span className="sparkplug-warn">{t('sparkplug.rebirthBadge')}</span>
                        )}
                      </button>
                      {node.devices.length > 0 && (
                        <ul>{node.devices.map((d) => device(group.id, node.id, d))}</ul>
                      )}
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {state.data && state.data.errors.length > 0 && (
        <details className="sparkplug-errors">
          <summary>{t('sparkplug.errors.title', { count: state.data.errors.length })}</summary>
          <ul>
            {state.data.errors.map((e) => (
              <li key={e.seq} className="mono">
                {t('sparkplug.errors.item', { topic: e.topic, seq: e.seq, message: engineText(e.text) })}
              </li>
            ))}
          </ul>
        </details>
      )}
      {state.data && state.data.groups.length > 0 && !shown && (
        <p className="muted">{t('sparkplug.select')}</p>
      )}
      {shown && connectionId && (
        <NodeDetail
          connectionId={connectionId}
          connected={connected}
          profileId={profileId}
          node={shown.node}
          device={shown.device}
        />
      )}
    </section>
  );
}
