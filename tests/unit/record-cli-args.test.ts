/** `mqscope record` and `mqscope replay` arguments (Record #2: the CLI replay). */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../electron/cli/args';
import { parseRecord, parseReplay } from '../../electron/cli/record-args';

describe('mqscope replay arguments', () => {
  it('takes the file, the URL and every replay option', () => {
    const parsed = parseReplay(
      [
        'rec.jsonl',
        'mqtt://b:1884',
        '--speed',
        '10',
        '--prefix',
        'copy/',
        '--rewrite',
        '^a/(\\w+)',
        '--to',
        'b/$1',
      ],
      {},
    );
    expect(parsed).toMatchObject({
      command: 'replay',
      file: 'rec.jsonl',
      connection: { transport: 'mqtt', host: 'b', port: 1884 },
      options: {
        speed: 10,
        prefix: 'copy/',
        rewrite: { pattern: '^a/(\\w+)', replace: 'b/$1' },
        retain: 'keep',
        loop: false,
      },
    });
    expect(
      parseReplay(['f', 'mqtt://b', '--max', '--qos', '1', '--retain', 'off', '--loop', '-t', 'a/#'], {}),
    ).toMatchObject({
      options: { speed: 'max', qos: 1, retain: 'off', loop: true, filter: 'a/#' },
    });
  });

  it('refuses what it cannot do, in one line', () => {
    expect(() => parseReplay(['f'], {})).toThrow(/A broker URL is needed/);
    expect(() => parseReplay([], {})).toThrow(/A file to replay is needed/);
    expect(() => parseReplay(['f', 'mqtt://b', '--max', '--speed', '2'], {})).toThrow(/--speed or --max/);
    expect(() => parseReplay(['f', 'mqtt://b', '--retain', 'maybe'], {})).toThrow(UsageError);
    expect(() => parseReplay(['f', 'mqtt://b', '-t', 'a/#/b'], {})).toThrow(/filter/i);
    expect(() => parseReplay(['f', 'mqtt://b', '--speed=0'], {})).toThrow(/positive number/);
  });
});

describe('mqscope record arguments', () => {
  it('needs an output file; the filter defaults to # at QoS 1', () => {
    expect(parseRecord(['mqtt://b', '-o', 'out.jsonl'], {})).toMatchObject({
      command: 'record',
      output: 'out.jsonl',
      filter: '#',
      qos: 1,
    });
    expect(() => parseRecord(['mqtt://b'], {})).toThrow(/-o FILE is needed/);
    expect(parseRecord(['--help'], {})).toMatchObject({ command: 'help' });
  });
});
