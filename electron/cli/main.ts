/** `mqscope <command>`: parses, runs, and answers with an exit status (0, 1 or 2). */
import { ConnectOptionsSchema, type ConnectOptions, type ParsedConnectOptions } from '../contract';
import { runBrokerCheck } from '../engine/check';
import { parseCommand, UsageError } from './args';
import type { Io } from './io';
import { publishCommand, subscribeCommand } from './messaging';
import { recordCommand, replayCommand } from './record';
import { parseRecord, parseReplay } from './record-args';
import { formatMarkdown } from '../contract/check-report';
import { exitCodeFor, formatReport } from './report';

function validated(options: ConnectOptions): ParsedConnectOptions {
  const parsed = ConnectOptionsSchema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new UsageError(`${issue?.path.join('.') || 'connection'}: ${issue?.message ?? 'invalid'}`, '');
}

export async function main(argv: string[], io: Io): Promise<number> {
  let command;
  try {
    const [name, ...rest] = argv;
    if (name === 'record' || name === 'replay') {
      const parsed = name === 'record' ? parseRecord(rest, io.env) : parseReplay(rest, io.env);
      if (parsed.command === 'help') {
        io.stdout(parsed.usage);
        return 0;
      }
      const connection = validated(parsed.connection);
      return parsed.command === 'record'
        ? await recordCommand(io, connection, parsed)
        : await replayCommand(io, connection, parsed);
    }
    command = parseCommand(argv, io.env);
    if (command.command === 'help') {
      io.stdout(command.usage);
      return 0;
    }
    const connection = validated(command.connection);
    if (command.command === 'check') {
      const progress = (line: string) => io.stderr(line);
      const report = await runBrokerCheck(connection, {
        ...(command.groups && { groups: command.groups }),
        onProgress: (event) => {
          if (event.phase === 'planned')
            progress(`Running ${event.checks.length} checks under mqscope-check/${event.runId}/ …`);
        },
      });
      if (report.problem !== undefined) {
        io.stderr(
          `mqscope check: could not use ${command.connection.host}:${command.connection.port}: ${report.problem}`,
        );
        if (command.json) io.stdout(JSON.stringify(report, null, 2));
        return 2;
      }
      io.stdout(
        command.json
          ? JSON.stringify(report, null, 2)
          : command.markdown
            ? formatMarkdown(report)
            : formatReport(report),
      );
      return exitCodeFor(report);
    }
    if (command.command === 'pub') return await publishCommand(io, connection, command);
    return await subscribeCommand(io, connection, command);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`mqscope: ${error.message}`);
      if (error.usage) io.stderr(error.usage);
      return 2;
    }
    io.stderr(`mqscope: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}
