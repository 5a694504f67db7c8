/**
 * The user's settings, kept in the data folder (`settings.json`): language, theme, time
 * format, the default reconnect period of new connections and the desktop notifications. The message-log limits are
 * kept in the same file, but set through `stream.setLimits`, the one way limits change.
 */
import { z } from 'zod';
import { EmptyInput, TopicFilterSchema, request } from './common';
import { StreamLimitsSchema, type StreamLimits } from './messages';

export const LANGUAGE_CHOICES = ['system', 'en', 'zh-CN'] as const;
export const THEME_SETTINGS = ['system', 'light', 'dark'] as const;
export const TIME_FORMATS = ['local', 'utc'] as const;

const settingFields = {
  /** `system` follows the OS (the browser's languages). */
  language: z.enum(LANGUAGE_CHOICES),
  theme: z.enum(THEME_SETTINGS),
  /** Times are always shown with milliseconds; this says in which zone. */
  timeFormat: z.enum(TIME_FORMATS),
  /** Seconds between reconnect attempts that a new connection form starts with (0: never). */
  reconnectPeriodSeconds: z.number().int().min(0).max(86_400),
  /** Desktop app only: a system notification when a connection drops while the window is in the background. */
  notifyOnDrop: z.boolean(),
  /** Desktop app only: a system notification (at most one per filter every 30 s) for these topics. */
  notifyTopics: z.array(TopicFilterSchema).max(32),
};

export const SettingsSchema = z.object(settingFields).strict();
/** A change: only the fields given (no defaults, so nothing else is reset). */
export const SettingsPatchSchema = z.object(settingFields).partial().strict();

export type Settings = z.output<typeof SettingsSchema>;
export type LanguageChoice = Settings['language'];
export type TimeFormat = Settings['timeFormat'];

export const DEFAULT_SETTINGS: Settings = {
  language: 'system',
  theme: 'system',
  timeFormat: 'local',
  reconnectPeriodSeconds: 3,
  // Off by default: notifications are asked for, never assumed.
  notifyOnDrop: false,
  notifyTopics: [],
};

export interface SettingsState {
  settings: Settings;
  /** The log limits in force (also kept in the settings file, restored at start). */
  limits: StreamLimits;
  /** Where an unreadable settings file was moved when it was read; null when it was fine. */
  setAsidePath: string | null;
  /** False when this host has no data folder: settings then last until it stops. */
  persisted: boolean;
}

/** What the file holds: settings plus the log limits, versioned. */
export const SettingsFileSchema = z
  .object({
    version: z.literal(1),
    // Fields added later are filled from the defaults, so an older file still reads.
    settings: SettingsPatchSchema,
    limits: StreamLimitsSchema.optional(),
  })
  .strict();

export const settingsRequests = {
  'settings.get': request<SettingsState>()(EmptyInput),
  /** Changes the given fields; answers the whole state as saved. */
  'settings.save': request<SettingsState>()(SettingsPatchSchema),
} as const;
