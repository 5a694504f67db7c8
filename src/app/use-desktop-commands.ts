/**
 * Menu commands and deep links from the desktop app (issue 19 #3). The web host never
 * sends these events, so in a browser this hook listens and nothing arrives.
 * The commands act through the controls already on screen (the same buttons a click would
 * press), so the app shell can be rearranged without teaching this file its layout.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { DesktopCommand, LinkProblem, OpenedFileEvent } from '../../electron/contract';
import { getTransport } from '../api/bridge';
import { call, errorText } from '../api/client';
import { useCloseConnection, useCurrentConnection } from '../connections/connection-queries';
import { isLive } from '../connections/status-words';
import { recordKeys } from '../record/record-queries';
import { useProfileEditor } from '../profiles/profile-editor';
import { useWorkbench } from '../workbench/workbench-state';
import { draftFromLink } from './link-draft';
import { offerExport, offerRecording } from './opened-files';

type Listener = (command: DesktopCommand) => void;
const listeners = new Set<Listener>();

/** For views outside this hook's reach (the Settings view takes `settings` here). */
export function onDesktopCommand(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const press = (selector: string) => document.querySelector<HTMLElement>(selector)?.click();
const focusConnectionForm = () =>
  requestAnimationFrame(() => document.querySelector<HTMLElement>('form.connection-form input')?.focus());

export type Refused =
  | { kind: 'link'; problem: LinkProblem; link: string }
  | { kind: 'file'; name: string; problem: Extract<OpenedFileEvent, { kind: 'refused' }>['problem'] }
  | { kind: 'recording'; name: string; message: string };

/** Returns the last refused link or file (for a banner), and a way to dismiss it. */
export function useDesktopCommands(): [Refused | null, () => void] {
  const editor = useProfileEditor();
  const { show } = useWorkbench();
  const queryClient = useQueryClient();
  const { connectionId, status } = useCurrentConnection();
  const close = useCloseConnection();
  const [refused, setRefused] = useState<Refused | null>(null);

  // The latest state for the listeners below, which subscribe once.
  const latest = useRef({ editor, connectionId, status, close, show, queryClient });
  useEffect(() => {
    latest.current = { editor, connectionId, status, close, show, queryClient };
  });

  useEffect(() => {
    const { bridge } = getTransport();
    const run = (command: DesktopCommand) => {
      const { editor: ed, connectionId: id, status: current, close: closer } = latest.current;
      switch (command) {
        case 'new-connection':
          ed.switchTo({ newIn: '' });
          focusConnectionForm();
          break;
        case 'toggle-connection':
          if (id && current && isLive(current.state)) closer.mutate(id);
          else document.querySelector<HTMLFormElement>('form.connection-form')?.requestSubmit();
          break;
        case 'publish':
          press('section.publish .button-primary');
          break;
        case 'toggle-packets':
          press('.packets-toggle');
          break;
        case 'settings':
          break;
      }
      for (const listener of listeners) listener(command);
    };
    const stopCommands = bridge.on('desktop.command', ({ command }) => run(command));
    const stopLinks = bridge.on('desktop.deepLink', (event) => {
      if (event.ok) {
        // Only a draft: the user reads it and presses Connect (a link never connects).
        latest.current.editor.openDraft(draftFromLink(event.draft));
        setRefused(null);
        focusConnectionForm();
      } else {
        setRefused({ kind: 'link', problem: event.problem, link: event.link });
      }
    });
    // An opened file is only shown: the import dialog or the replay form, never acted on.
    const stopFiles = bridge.on('desktop.openFile', (file) => {
      if (file.kind === 'refused')
        return setRefused({ kind: 'file', name: file.name, problem: file.problem });
      setRefused(null);
      if (file.kind === 'export') {
        latest.current.show('connections');
        offerExport({ name: file.name, text: file.text });
        return;
      }
      call('record.open', { path: file.path }).then(
        (recording) => {
          // Listed from now on, next to the data folder's recordings.
          void latest.current.queryClient.invalidateQueries({ queryKey: recordKeys.list });
          latest.current.show('record');
          offerRecording(recording);
        },
        (error: unknown) => setRefused({ kind: 'recording', name: file.name, message: errorText(error) }),
      );
    });
    return () => {
      stopCommands();
      stopLinks();
      stopFiles();
    };
  }, []);

  return [refused, () => setRefused(null)];
}
