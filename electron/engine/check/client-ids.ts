/** Client identifiers: zero length with clean start, and the identifier the broker assigns. */
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
        return differs(`Refused: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!ctx.v5) return conforms('Accepted with a zero-length client ID.');
      const assigned = probe.connack.properties?.assignedClientIdentifier;
      return assigned
        ? conforms(`Accepted; the broker assigned "${assigned}".`)
        : differs('Accepted, but the CONNACK has no Assigned Client Identifier.');
    },
  },
];
