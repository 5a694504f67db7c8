/**
 * Menu commands and deep links from the desktop app (issue 19 #3). The web host never
 * sends these events, so in a browser this hook listens and nothing arrives.
 * The commands act through the controls already on screen (the same buttons a click would
 * press), so the app shell can be rearranged without teaching this file its layout.
 */
import { useEffect, useRef, useState } from 'react';
import type { DesktopCommand, LinkProblem } from '../../electron/contract';
import { getTransport } from '../api/bridge';
import { useCloseConnection, useCurrentConnection } from '../connections/connection-queries';
import { isLive } from '../connections/status-words';
import { useProfileEditor } from '../profiles/profile-editor';
import { draftFromLink } from './link-draft';

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

export interface RefusedLink {
  problem: LinkProblem;
  link: string;
}

/** Returns the last refused link (for a banner), and a way to dismiss it. */
export function useDesktopCommands(): [RefusedLink | null, () => void] {
  const editor = useProfileEditor();
  const { connectionId, status } = useCurrentConnection();
  const close = useCloseConnection();
  const [refused, setRefused] = useState<RefusedLink | null>(null);

  // The latest state for the listeners below, which subscribe once.
  const latest = useRef({ editor, connectionId, status, close });
  useEffect(() => {
    latest.current = { editor, connectionId, status, close };
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
        setRefused({ problem: event.problem, link: event.link });
      }
    });
    return () => {
      stopCommands();
      stopLinks();
    };
  }, []);

  return [refused, () => setRefused(null)];
}
