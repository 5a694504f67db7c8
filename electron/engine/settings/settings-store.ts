/**
 * The settings file, `settings.json` in the data folder: read once, schema-checked, written
 * with the one atomic write. An unreadable file is set aside under a dated name (never
 * overwritten, never a crash) and the defaults take its place; the state says where it went.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DEFAULT_SETTINGS,
  SettingsFileSchema,
  type Settings,
  type SettingsState,
  type StreamLimits,
} from '../../contract';
import { EngineError } from '../errors';
import { setAside, writeFileAtomic } from '../fs/atomic-write';
import { text as say } from '../text/keys';

export const SETTINGS_FILE = 'settings.json';

interface Loaded {
  settings: Settings;
  limits: StreamLimits | undefined;
  setAsidePath: string | null;
}

/** Where the log limits live: the engine's streams (the store only remembers them). */
export interface LimitsTarget {
  getLimits(): StreamLimits;
  setLimits(limits: Partial<StreamLimits>): StreamLimits;
}

export class SettingsStore {
  private loading: Promise<Loaded> | null = null;
  /** Writes run one after another, so a later save never lands before an earlier one. */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataDir: string | undefined,
    private readonly streams: LimitsTarget,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Reads the file and puts its log limits in force; called once at start, and by every request. */
  async get(): Promise<SettingsState> {
    return this.state(await this.load());
  }

  async save(patch: Partial<Settings>): Promise<SettingsState> {
    const loaded = await this.load();
    loaded.settings = { ...loaded.settings, ...patch };
    await this.write(loaded);
    return this.state(loaded);
  }

  /** `stream.setLimits`: applied at once, then kept for the next start. */
  async setLimits(limits: Partial<StreamLimits>): Promise<StreamLimits> {
    const loaded = await this.load();
    const applied = this.streams.setLimits(limits);
    loaded.limits = applied;
    await this.write(loaded);
    return applied;
  }

  private state(loaded: Loaded): SettingsState {
    return {
      settings: loaded.settings,
      limits: this.streams.getLimits(),
      setAsidePath: loaded.setAsidePath,
      persisted: this.dataDir !== undefined,
    };
  }

  private file(): string | null {
    return this.dataDir ? join(this.dataDir, SETTINGS_FILE) : null;
  }

  private load(): Promise<Loaded> {
    // A failed read (permissions) is not remembered: the next request tries again.
    this.loading ??= this.read().then(
      (loaded) => {
        if (loaded.limits) this.streams.setLimits(loaded.limits);
        return loaded;
      },
      (error: unknown) => {
        this.loading = null;
        throw error;
      },
    );
    return this.loading;
  }

  private async read(): Promise<Loaded> {
    const fresh = (setAsidePath: string | null): Loaded => ({
      settings: { ...DEFAULT_SETTINGS },
      limits: undefined,
      setAsidePath,
    });
    const file = this.file();
    if (!file) return fresh(null);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fresh(null);
      throw new EngineError(
        'internal',
        say('file.settingsUnreadable', { path: file, detail: String(error) }),
      );
    }
    const checked = SettingsFileSchema.safeParse(safeJson(text));
    if (!checked.success) return fresh(await setAside(file, this.now()));
    return {
      settings: { ...DEFAULT_SETTINGS, ...checked.data.settings },
      limits: checked.data.limits,
      setAsidePath: null,
    };
  }

  private async write(loaded: Loaded): Promise<void> {
    const file = this.file();
    if (!file) return;
    const body = {
      version: 1,
      settings: loaded.settings,
      ...(loaded.limits ? { limits: loaded.limits } : {}),
    };
    const write = this.writing.then(() => writeFileAtomic(file, `${JSON.stringify(body, null, 2)}\n`));
    this.writing = write.catch(() => undefined);
    try {
      await write;
    } catch (error) {
      throw new EngineError('internal', say('file.settingsUnsaved', { path: file, detail: String(error) }));
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
