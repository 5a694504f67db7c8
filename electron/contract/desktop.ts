/**
 * Events only the Electron host pushes (issue 19): application-menu commands and deep
 * links. The web host never sends them; the renderer listens to both hosts the same way.
 */
import { z } from 'zod';
import { request } from './common';
import { TransportSchema } from './connection';

/** The MQScope commands of the application menu (each has an accelerator there). */
export const DesktopCommandSchema = z.enum([
  'new-connection',
  'toggle-connection',
  'publish',
  'toggle-packets',
  'settings',
]);
export type DesktopCommand = z.infer<typeof DesktopCommandSchema>;

/** What an `mqscope://connect?url=…` link fills into a new, unsaved connection. */
export const LinkDraftSchema = z
  .object({
    transport: TransportSchema,
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535),
    path: z.string().max(1024),
    username: z.string().max(1024),
  })
  .strict();
export type LinkDraft = z.infer<typeof LinkDraftSchema>;

/** Why a link was refused; the renderer words it in the user's language. */
export const LinkProblemSchema = z.enum([
  'too-long',
  'not-a-url',
  'wrong-scheme',
  'unknown-action',
  'missing-url',
  'extra-parameters',
  'unsupported-protocol',
  'missing-host',
  'bad-port',
  'has-password',
  'has-extras',
]);
export type LinkProblem = z.infer<typeof LinkProblemSchema>;

export const DeepLinkEventSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), draft: LinkDraftSchema }).strict(),
  // The link as received, clipped, so the user can see what was refused.
  z.object({ ok: z.literal(false), problem: LinkProblemSchema, link: z.string().max(200) }).strict(),
]);
export type DeepLinkEvent = z.infer<typeof DeepLinkEventSchema>;

/** The largest export file the desktop app reads when it is opened (the import's own limit). */
export const MAX_OPENED_EXPORT = 20_000_000;

/** Why a file opened from the desktop (double-click, "Open with") was not taken. */
export const OpenedFileProblemSchema = z.enum(['unreadable', 'too-large', 'not-a-file', 'not-utf8']);
export type OpenedFileProblem = z.infer<typeof OpenedFileProblemSchema>;

/**
 * A file the desktop handed to MQScope (issue 19: file associations). An export arrives with
 * its text, to be shown in the import dialog before anything is imported; a recording arrives
 * as a path, to be offered for replay. Neither acts by itself.
 */
export const OpenedFileEventSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('export'), name: z.string().max(255), text: z.string().max(MAX_OPENED_EXPORT) })
    .strict(),
  z
    .object({ kind: z.literal('recording'), name: z.string().max(255), path: z.string().min(1).max(4096) })
    .strict(),
  z
    .object({ kind: z.literal('refused'), name: z.string().max(255), problem: OpenedFileProblemSchema })
    .strict(),
]);
export type OpenedFileEvent = z.infer<typeof OpenedFileEventSchema>;

export const desktopEvents = {
  'desktop.command': z.object({ command: DesktopCommandSchema }).strict(),
  'desktop.deepLink': DeepLinkEventSchema,
  'desktop.openFile': OpenedFileEventSchema,
} as const;

/**
 * What a native file dialog is asked to choose (issue 19 #3). Only the Electron host shows
 * one; the web host answers `unsupported` and the renderer offers it only on the desktop.
 */
export const FileChoicePurposeSchema = z.enum(['save-recording', 'open-recording']);
export type FileChoicePurpose = z.infer<typeof FileChoicePurposeSchema>;

export const FileChoiceSchema = z
  .object({
    purpose: FileChoicePurposeSchema,
    /** The file name the save dialog proposes (no folders: it starts in Documents). */
    suggestedName: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[^/\\]+$/, 'input.rule.fileName')
      .optional(),
  })
  .strict();

/** The chosen absolute path, or null when the user cancelled. */
export interface FileChoice {
  path: string | null;
}

export const desktopRequests = {
  'desktop.chooseFile': request<FileChoice>()(FileChoiceSchema),
} as const;
