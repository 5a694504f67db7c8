/**
 * Electron main: window, lifecycle and the IPC binding. Everything that would work in
 * plain Node lives in the engine; this file only wires it to Electron.
 */
import { join } from 'node:path';
import { BrowserWindow, Menu, Notification, app, dialog, ipcMain, safeStorage, session } from 'electron';
import { FileKeySecretBox, createEngine, type Engine } from '../engine';
import { DataFolderBusyError, lockDataFolder, prepareDataFolder } from '../engine/fs/data-folder';
import { createDispatch } from '../host/dispatch';
import { bindRequests, forwardEvents } from './ipc';
import { createSafeStorageSecretBox } from './safe-storage-box';
import { isLinkArgument, LINK_SCHEME, parseDeepLink } from './deep-link';
import { createDesktopEvents } from './desktop-events';
import { openableArguments, openedFile } from './opened-files';
import { menuTemplate } from './menu';
import { menuLabels, type MenuLabels } from './menu-labels';
import { createNotifier, type Notifier } from './notifications';
import { saveDialogOptions } from './save-dialog';
import { fileChoiceHandler } from './file-dialogs';
import { createMainWindow } from './window';
import { loadWindowState, type WindowState } from './window-state';

const windows = () => BrowserWindow.getAllWindows();

/** Workspace 13.5: the second instance hands over to the first, which comes to the front. */
function focusFirstWindow(): void {
  const [first] = windows();
  if (!first) return;
  if (first.isMinimized()) first.restore();
  first.show();
  first.focus();
}

/**
 * The data folder is locked too (the same lock as the web host's), so a web host started on
 * it, or an instance with another single-instance scope, cannot save over this one.
 */
async function takeDataFolder(dataDir: string): Promise<boolean> {
  try {
    const warning = await prepareDataFolder(dataDir);
    if (warning) console.warn(warning);
    const lock = await lockDataFolder(dataDir, {
      onCompromised: (error) => console.warn(`The lock on ${dataDir} was lost: ${error.message}`),
    });
    app.on('will-quit', () => void lock.release());
    return true;
  } catch (error) {
    const message =
      error instanceof DataFolderBusyError
        ? `${error.message} Close it first.`
        : `The data folder ${dataDir} could not be used: ${error instanceof Error ? error.message : String(error)}`;
    dialog.showErrorBox('MQScope cannot start', message);
    app.exit(1);
    return false;
  }
}

/** A window the user cannot see now: hidden, minimized or behind another application. */
function inBackground(): boolean {
  const [window] = windows();
  return !window || !window.isVisible() || window.isMinimized() || !window.isFocused();
}

/** Issue 19 #3: optional notifications, fed by the engine's status events and traffic. */
function startNotifier(engine: Engine, labels: MenuLabels): Notifier {
  let stopTraffic: (() => void) | null = null;
  const notifier = createNotifier({
    inBackground,
    settings: async () => (await engine.handlers['settings.get']({})).settings,
    show: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    labels: { dropped: labels.notifyDropped, watched: labels.notifyWatched },
    watchTraffic: (on) => {
      stopTraffic?.();
      stopTraffic = on
        ? engine.onTraffic((_id, messages, direction) => {
            if (direction === 'in') notifier.onMessages(messages);
          })
        : null;
    },
  });
  engine.onEvent((event) => {
    if (event.name === 'connection.status') notifier.onStatus(event.payload);
  });
  return notifier;
}

/** Issue 19 #4: the version, and where a newer one comes from (there is no update server). */
function showAbout(labels: ReturnType<typeof menuLabels>): Promise<unknown> {
  const { electron, chrome, node } = process.versions;
  const versions = `Electron ${electron ?? '?'} · Chromium ${chrome ?? '?'} · Node.js ${node}`;
  return dialog.showMessageBox({
    type: 'info',
    title: labels.about,
    message: labels.about,
    detail: labels.aboutDetail(app.getVersion(), versions),
    buttons: [labels.ok],
  });
}

function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const engine: Engine = createEngine(
    { host: 'electron', version: app.getVersion() },
    {
      dataDir,
      secretBox: createSafeStorageSecretBox(safeStorage, new FileKeySecretBox(dataDir)),
      // Built beside this bundle (electron.vite.config.ts); inside app.asar, read with Electron's fs.
      scriptsWorker: { file: join(__dirname, 'scripts-worker.cjs') },
    },
  );

  const desktop = createDesktopEvents();
  const openFiles = (paths: readonly string[]) => {
    for (const path of paths) void openedFile(path).then((file) => desktop.send('desktop.openFile', file));
  };
  const openArguments = (args: readonly string[], workingDirectory: string) => {
    for (const arg of args) if (isLinkArgument(arg)) desktop.send('desktop.deepLink', parseDeepLink(arg));
    openFiles(openableArguments(args, workingDirectory));
  };
  // Windows and Linux hand a link or an associated file over as an argument: to this process
  // at first start, to the first instance (through the single-instance lock) after that.
  // macOS sends open-url and open-file (which can come before `ready`: registered here).
  openArguments(process.argv.slice(1), process.cwd());
  app.on('second-instance', (_event, argv: string[], workingDirectory: string) => {
    focusFirstWindow();
    openArguments(argv.slice(1), workingDirectory);
  });
  app.on('open-url', (event, url: string) => {
    event.preventDefault();
    focusFirstWindow();
    openArguments([url], process.cwd());
  });
  app.on('open-file', (event, path: string) => {
    event.preventDefault();
    focusFirstWindow();
    openFiles([path]);
  });

  // Deny navigation and new windows for every web contents, present and future.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  // Read once; every window after that (macOS reopens one) updates the same placements.
  let placements: { current: WindowState } | null = null;
  let notifier: Notifier | null = null;
  const openWindow = async (): Promise<void> => {
    placements ??= { current: await loadWindowState(dataDir) };
    const window = createMainWindow(dataDir, placements);
    forwardEvents(engine, window);
    desktop.attach(window);
    // The settings are read when they can matter: as the window goes to the background.
    const refresh = () => void notifier?.refresh().catch(() => undefined);
    window.on('blur', refresh);
    window.on('hide', refresh);
    window.on('minimize', refresh);
  };

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let disposed = false;
  app.on('before-quit', (event) => {
    if (disposed) return;
    // Close MQTT connections with a proper DISCONNECT before the process goes.
    event.preventDefault();
    disposed = true;
    void engine.dispose().finally(() => app.quit());
  });

  return app.whenReady().then(async () => {
    if (!(await takeDataFolder(dataDir))) return;
    const labels = menuLabels(app.getLocale());
    // The engine answers `desktop.chooseFile` with "unsupported" (the web host has no native
    // dialogs); here the platform's dialog answers it.
    const chooseFile = fileChoiceHandler({
      dialog,
      window: () => windows()[0],
      documents: () => app.getPath('documents'),
      labels,
    });
    bindRequests(ipcMain, createDispatch({ ...engine.handlers, 'desktop.chooseFile': chooseFile }), windows);
    notifier = startNotifier(engine, labels);
    await notifier.refresh().catch(() => undefined);
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate({
          isMac: process.platform === 'darwin',
          isPackaged: app.isPackaged,
          labels,
          command: (command) => desktop.send('desktop.command', { command }),
          about: () => void showAbout(labels),
        }),
      ),
    );
    session.defaultSession.on('will-download', (_event, item) => {
      item.setSaveDialogOptions(saveDialogOptions(item.getFilename(), app.getPath('documents'), labels));
    });
    // Installers register the scheme themselves; a development run must not claim it.
    if (app.isPackaged) app.setAsDefaultProtocolClient(LINK_SCHEME);
    await openWindow();
    app.on('activate', () => {
      if (windows().length === 0) void openWindow();
    });
  });
}

/** Resolves once the window is open (or at once in a second instance, which quits). */
export const ready: Promise<void> = app.requestSingleInstanceLock()
  ? start()
  : Promise.resolve().then(() => app.quit());
