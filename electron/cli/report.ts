/** The broker check's report as a terminal reads it: one line per check and a summary. */
import type { CheckReport } from '../contract';
import { VERDICT_LABEL as LABEL } from '../contract/check-report';

export function formatReport(report: CheckReport): string {
  const idWidth = Math.max(5, ...report.results.map((r) => r.id.length));
  const lines = [`${'VERDICT'.padEnd(14)} ${'CHECK'.padEnd(idWidth)}  FINDING`];
  for (const result of report.results) {
    lines.push(`${LABEL[result.verdict].padEnd(14)} ${result.id.padEnd(idWidth)}  ${result.finding}`);
  }
  const c = report.counts;
  const seconds = ((report.finishedAt - report.startedAt) / 1000).toFixed(1);
  lines.push(
    '',
    `${report.results.length} checks against ${report.broker?.url ?? '?'} (MQTT ${report.broker?.protocolVersion ?? '?'}): ` +
      `${c.conforms ?? 0} conform, ${c.differs ?? 0} differ, ${c['not-supported'] ?? 0} not supported, ` +
      `${c['could-not-run'] ?? 0} could not run.`,
    `${seconds} s, ${report.messagesSent} messages sent (bound ${report.messageBound}), topics under ${report.topicRoot}/.`,
  );
  return lines.join('\n');
}

/** 0: nothing differs; 1: something differs. (Not supported and could not run are reported, not failed.) */
export function exitCodeFor(report: CheckReport): 0 | 1 {
  return (report.counts.differs ?? 0) > 0 ? 1 : 0;
}
