/** Client identifiers: zero length with clean start, and the identifier the broker assigns. */
import { text } from '../text/keys';
import type { CheckDef } from './check-def';
import { conforms, differs } from './context';
import { Probe } from './probe';

export const clientIdChecks: CheckDef[] = [
  {
    id: 'client-ids.zero-length',
    group: 'client-ids',
    specRef: 'MQTT 5 §3.1.3.1, §3.2.2.3.7; MQTT 3.1.1 §3.1.3.1',
    statement:
      'A zero-length client ID with clean start is accepted; an MQTT 5 broker returns the ID it assigned in the CONNACK.',
    async run(ctx) {
      let probe: Probe;
      try {
        probe = await Probe.open(ctx, { label: 'anonymous', clientId: '', clean: true });
      } catch (error) {
        return differs(
          text('check.clientIds.refused', { detail: error instanceof Error ? error.message : String(error) }),
        );
      }
      if (!ctx.v5) return conforms(text('check.clientIds.accepted'));
      const assigned = probe.connack.properties?.assignedClientIdentifier;
      return assigned
        ? conforms(text('check.clientIds.assigned', { id: assigned }))
        : differs(text('check.clientIds.noAssigned'));
    },
  },
];
