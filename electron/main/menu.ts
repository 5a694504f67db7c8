/**
 * The application menu (issue 19 #3): the platform's roles (Edit, View, Window, Help) and
 * MQScope's commands with accelerators. A command goes to the renderer as the contract's
 * `desktop.command` event; the renderer decides what it means on the current screen.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { DesktopCommand } from '../contract';
import type { MenuLabels } from './menu-labels';

export interface MenuContext {
  isMac: boolean;
  /** An installed build: Reload and the developer tools are off (a reload drops unsaved edits). */
  isPackaged: boolean;
  labels: MenuLabels;
  command: (command: DesktopCommand) => void;
  about: () => void;
}

/** The accelerators, in one place so the glue test and the README can name them. */
export const ACCELERATORS: Record<DesktopCommand, string> = {
  'new-connection': 'CmdOrCtrl+N',
  // Not Ctrl+D: Monaco uses it (add the next match to the selection).
  'toggle-connection': 'CmdOrCtrl+Shift+D',
  publish: 'CmdOrCtrl+Enter',
  'toggle-packets': 'CmdOrCtrl+J',
  settings: 'CmdOrCtrl+,',
};

export function menuTemplate(context: MenuContext): MenuItemConstructorOptions[] {
  const { labels, command, isMac, isPackaged } = context;
  const item = (id: DesktopCommand, label: string): MenuItemConstructorOptions => ({
    id,
    label,
    accelerator: ACCELERATORS[id],
    // The publish panel and its editor already answer Ctrl/Cmd+Enter (and stop the key):
    // the menu shows the shortcut but leaves the key to them, so one press publishes once.
    registerAccelerator: id !== 'publish',
    click: () => command(id),
  });
  const development = !isPackaged;
  return [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: labels.file,
      submenu: [
        item('new-connection', labels.newConnection),
        item('toggle-connection', labels.toggleConnection),
        item('publish', labels.publish),
        { type: 'separator' },
        item('settings', labels.settings),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: labels.view,
      submenu: [
        item('toggle-packets', labels.togglePackets),
        { type: 'separator' },
        { role: 'reload', enabled: development, visible: development },
        { role: 'forceReload', enabled: development, visible: development },
        { role: 'toggleDevTools', enabled: development, visible: development },
        { type: 'separator', visible: development },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', label: labels.help, submenu: [{ label: labels.about, click: context.about }] },
  ];
}
