/**
 * The broker check's report as files a person shares: Markdown for an issue tracker or a pull
 * request. Pure functions on the contract's types, so every host (the app's export, the CLI)
 * formats a report with this one module.
 */
import type { CheckReport, CheckVerdict } from './check';

/** Verdicts as a report prints them; "DIFFERS" stands out in a terminal and in a table. */
export const VERDICT_LABEL: Record<CheckVerdict, string> = {
  conforms: 'conforms',
  differs: 'DIFFERS',
  'not-supported': 'not supported',
  'could-not-run': 'could not run',
};
const LABEL = VERDICT_LABEL;

/** A Markdown table cell: pipes and line breaks would end the cell or the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function timingLine(t: CheckReport['results'][number]['evidence']['timings'][number]): string {
  const window = t.expected ? ` (expected ${t.expected.minMs}–${t.expected.maxMs} ms)` : '';
  return `- ${t.label}: ${Math.round(t.ms)} ms${window}`;
}

/**
 * The report as Markdown, for an issue tracker or a pull request: the summary, the table of
 * verdicts, then each check's statement, timings and packets. The app's "Export Markdown" uses it.
 */
export function formatMarkdown(report: CheckReport): string {
  const c = report.counts;
  const lines = [
    `# MQTT broker check: ${report.broker?.url ?? 'broker not reached'}`,
    '',
    `- Run: \`${report.runId}\`, ${new Date(report.startedAt).toISOString()}, ` +
      `${((report.finishedAt - report.startedAt) / 1000).toFixed(1)} s`,
    `- Protocol: MQTT ${report.broker?.protocolVersion ?? '?'}`,
    `- Verdicts: ${c.conforms ?? 0} conform, ${c.differs ?? 0} differ, ${c['not-supported'] ?? 0} not supported, ` +
      `${c['could-not-run'] ?? 0} could not run`,
    `- Messages sent: ${report.messagesSent} (bound ${report.messageBound}), topics under \`${report.topicRoot}/\``,
  ];
  if (report.problem) lines.push(`- Problem: ${report.problem}`);
  lines.push('', '| Verdict | Check | Spec | Finding |', '| --- | --- | --- | --- |');
  for (const r of report.results) {
    lines.push(`| ${LABEL[r.verdict]} | \`${r.id}\` | ${cell(r.specRef)} | ${cell(r.finding)} |`);
  }
  for (const r of report.results) {
    lines.push('', `## ${r.id}: ${LABEL[r.verdict]}`, '', `> ${r.statement} (${r.specRef})`, '', r.finding);
    if (r.evidence.timings.length > 0) lines.push('', ...r.evidence.timings.map(timingLine));
    if (r.evidence.packets.length > 0) {
      const t0 = r.evidence.packets[0]?.at ?? 0;
      lines.push('', '| +ms | Client | Dir | Packet | Fields |', '| --- | --- | --- | --- | --- |');
      for (const p of r.evidence.packets) {
        const id = p.messageId === undefined ? '' : ` #${p.messageId}`;
        lines.push(
          `| ${Math.round(p.at - t0)} | ${cell(p.client)} | ${p.direction} | ${p.type}${id} | ` +
            `\`${cell(JSON.stringify(p.fields))}\` |`,
        );
      }
    }
    if (r.evidence.packetsOmitted) lines.push('', `(${r.evidence.packetsOmitted} more packets left out)`);
  }
  return `${lines.join('\n')}\n`;
}
