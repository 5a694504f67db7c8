import { join } from 'node:path';
import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseWebHostArgs } from '../../electron/web/args';

describe('web host arguments', () => {
  it('takes --data-dir, made absolute', () => {
    expect(parseWebHostArgs(['--data-dir', 'rel/dir']).dataDir).toBe(join(process.cwd(), 'rel/dir'));
    expect(parseWebHostArgs(['--port', '8080', '--data-dir', '/tmp/x'])).toMatchObject({
      port: 8080,
      dataDir: '/tmp/x',
    });
  });

  it('defaults to the user config folder, honouring XDG_CONFIG_HOME', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/mqscope');
    expect(defaultDataDir({}, 'linux')).toBe(join(homedir(), '.config', 'mqscope'));
    // A relative XDG_CONFIG_HOME is invalid by the spec and ignored.
    expect(defaultDataDir({ XDG_CONFIG_HOME: 'cfg' }, 'linux')).toBe(join(homedir(), '.config', 'mqscope'));
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(
      join('C:\\Users\\a\\AppData\\Roaming', 'mqscope'),
    );
    expect(parseWebHostArgs([], { XDG_CONFIG_HOME: '/cfg' }).dataDir).toBe('/cfg/mqscope');
  });

  it('refuses an empty --data-dir and a bad port', () => {
    expect(() => parseWebHostArgs(['--data-dir', ' '])).toThrow(/needs a folder path/);
    expect(() => parseWebHostArgs(['--port', '70000'])).toThrow(/0 to 65535/);
  });
});
