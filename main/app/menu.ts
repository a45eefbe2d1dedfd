/**
 * The native application menu. The template is a pure function of the
 * platform and the run mode, so tests check exactly what a packaged app
 * offers: no reload and no devtools outside development.
 */
import type { Menu, MenuItemConstructorOptions } from 'electron';
import type { MENU_ACTIONS } from '../../shared/areas/app.contract';
import type { AppServices } from '../ipc/services';
import { menuLabels, type MenuLabels } from './menu-labels';

/** A menu choice the page carries out (sent as the app:menu event). */
type MenuAction = (typeof MENU_ACTIONS)[number];

/** What the menu needs to know about the run. */
interface MenuContext {
  platform: NodeJS.Platform;
  appName: string;
  /** Development run: reload and devtools are offered. */
  isDev: boolean;
  /** Vigil's own menu words; English when absent. */
  labels?: MenuLabels;
}

/** What menu choices do. */
export interface MenuHandlers {
  /** Locks the vault now (the user's own lock). */
  lock(): void;
  /** Asks the page to open a screen. */
  send(action: MenuAction): void;
}

/** The handlers over the app's services: Lock cancels running tasks and locks; Go items become app:menu events. */
export function menuHandlers(services: Pick<AppServices, 'session' | 'tasks' | 'emit'>): MenuHandlers {
  return {
    lock: () => {
      services.tasks.cancelAll();
      void services.session.lock('user');
    },
    send: (action) => services.emit('app:menu', { action }),
  };
}

function fileMenu(ctx: MenuContext, l: MenuLabels, h: MenuHandlers): MenuItemConstructorOptions {
  const mac = ctx.platform === 'darwin';
  return {
    label: l.file,
    submenu: [
      { id: 'go-receive', label: l.receive, click: () => h.send('receive') },
      { type: 'separator' },
      { id: 'lock', label: l.lock, accelerator: 'CmdOrCtrl+L', click: () => h.lock() },
      { type: 'separator' },
      // macOS keeps Quit in the app menu; File closes the window there.
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
}

function goMenu(l: MenuLabels, h: MenuHandlers): MenuItemConstructorOptions {
  const item = (id: MenuAction, label: string, accelerator?: string): MenuItemConstructorOptions => ({
    id: `go-${id}`,
    label,
    ...(accelerator === undefined ? {} : { accelerator }),
    click: () => h.send(id),
  });
  return {
    label: l.go,
    submenu: [
      item('cases', l.cases),
      item('search', l.search, 'CmdOrCtrl+K'),
      item('custody', l.custody),
      item('settings', l.settings, 'CmdOrCtrl+,'),
    ],
  };
}

function viewMenu(ctx: MenuContext, l: MenuLabels): MenuItemConstructorOptions {
  const dev: MenuItemConstructorOptions[] = ctx.isDev
    ? [{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }]
    : [];
  return {
    label: l.view,
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...dev,
    ],
  };
}

/** The menu template for this platform and run mode. */
export function menuTemplate(ctx: MenuContext, h: MenuHandlers): MenuItemConstructorOptions[] {
  const mac = ctx.platform === 'darwin';
  const l = ctx.labels ?? menuLabels('en');
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: ctx.appName,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];
  return [
    ...appMenu,
    fileMenu(ctx, l, h),
    {
      label: l.edit,
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    viewMenu(ctx, l),
    goMenu(l, h),
    { role: 'help', label: l.help, submenu: [{ role: 'about', label: l.about.replace('{app}', ctx.appName) }] },
  ];
}

/** Builds the template and makes it the application menu. */
export function installMenu(
  menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>,
  ctx: MenuContext,
  h: MenuHandlers,
): void {
  menu.setApplicationMenu(menu.buildFromTemplate(menuTemplate(ctx, h)));
}
