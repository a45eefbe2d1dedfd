import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { installMenu, menuHandlers, menuTemplate, type MenuHandlers } from '../../../main/app/menu';

function handlers() {
  return { lock: vi.fn<MenuHandlers['lock']>(), send: vi.fn<MenuHandlers['send']>() };
}

/** Every item of the template, depth first. */
function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  flatten(items).flatMap((i) => (i.role === undefined ? [] : [i.role]));

describe('app/menu/menuTemplate', () => {
  it('has File, Edit, View, Go and Help on Linux and Windows, with Quit in File', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const template = menuTemplate({ platform, appName: 'Vigil', isDev: false }, handlers());
      expect(template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Go', 'Help']);
      expect(roles(template[0]?.submenu as MenuItemConstructorOptions[])).toEqual(['quit']);
    }
  });

  it('puts the app menu first on macOS, with About and Quit there', () => {
    const template = menuTemplate({ platform: 'darwin', appName: 'Vigil', isDev: false }, handlers());
    expect(template.map((m) => m.label)).toEqual(['Vigil', 'File', 'Edit', 'View', 'Go', 'Help']);
    expect(roles(template[0]?.submenu as MenuItemConstructorOptions[])).toEqual(
      expect.arrayContaining(['about', 'quit']),
    );
  });

  it('offers no reload and no devtools in production, only zoom and full screen', () => {
    const template = menuTemplate({ platform: 'linux', appName: 'Vigil', isDev: false }, handlers());
    const all = roles(template);
    expect(all).not.toContain('reload');
    expect(all).not.toContain('forceReload');
    expect(all).not.toContain('toggleDevTools');
    const view = template.find((m) => m.label === 'View');
    expect(roles(view?.submenu as MenuItemConstructorOptions[])).toEqual([
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'togglefullscreen',
    ]);
    const dev = menuTemplate({ platform: 'linux', appName: 'Vigil', isDev: true }, handlers());
    expect(roles(dev)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('has the standard edit roles', () => {
    const edit = menuTemplate({ platform: 'linux', appName: 'Vigil', isDev: false }, handlers()).find(
      (m) => m.label === 'Edit',
    );
    expect(roles(edit?.submenu as MenuItemConstructorOptions[])).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
    ]);
  });

  it('Lock Vault (Ctrl/Cmd+L) locks; Go items and File → Receive a Package… ask the page to open their screen', () => {
    const h = handlers();
    const items = flatten(menuTemplate({ platform: 'linux', appName: 'Vigil', isDev: false }, h));
    const byId = (id: string): MenuItemConstructorOptions | undefined => items.find((i) => i.id === id);
    const lock = byId('lock');
    expect(lock?.accelerator).toBe('CmdOrCtrl+L');
    (lock?.click as () => void)();
    expect(h.lock).toHaveBeenCalledTimes(1);
    expect(byId('go-search')?.accelerator).toBe('CmdOrCtrl+K');
    for (const action of ['cases', 'search', 'custody', 'settings', 'receive'])
      (byId(`go-${action}`)?.click as () => void)();
    expect(h.send.mock.calls.map((c) => c[0])).toEqual(['cases', 'search', 'custody', 'settings', 'receive']);
    // Receiving a package is a File item, above Lock.
    const file = menuTemplate({ platform: 'linux', appName: 'Vigil', isDev: false }, h)[0]
      ?.submenu as MenuItemConstructorOptions[];
    expect(file.map((i) => i.id ?? i.role ?? i.type)).toEqual(['go-receive', 'separator', 'lock', 'separator', 'quit']);
  });

  it('has an About item in Help', () => {
    const help = menuTemplate({ platform: 'linux', appName: 'Vigil', isDev: false }, handlers()).find(
      (m) => m.label === 'Help',
    );
    expect(roles(help?.submenu as MenuItemConstructorOptions[])).toEqual(['about']);
  });
});

describe('app/menu/installMenu', () => {
  it('builds the template and sets it as the application menu', () => {
    const built = { built: true };
    const menu = { buildFromTemplate: vi.fn(() => built), setApplicationMenu: vi.fn() };
    installMenu(menu as never, { platform: 'linux', appName: 'Vigil', isDev: false }, handlers());
    expect(menu.buildFromTemplate).toHaveBeenCalledWith(expect.any(Array));
    expect(menu.setApplicationMenu).toHaveBeenCalledWith(built);
  });
});

describe('app/menu/menuHandlers', () => {
  it('Lock cancels running tasks, then locks with reason user; Go sends app:menu', () => {
    const order: string[] = [];
    const services = {
      tasks: { cancelAll: vi.fn(() => order.push('cancel')) },
      session: { lock: vi.fn(async (reason: string) => void order.push(`lock:${reason}`)) },
      emit: vi.fn(),
    };
    const h = menuHandlers(services as never);
    h.lock();
    expect(order).toEqual(['cancel', 'lock:user']);
    h.send('search');
    expect(services.emit).toHaveBeenCalledWith('app:menu', { action: 'search' });
  });
});

describe('app/menu-labels/menuLabels', () => {
  it("names Vigil's own menu items in Ukrainian and Russian, and falls back to English", async () => {
    const { menuLabels } = await import('../../../main/app/menu-labels');
    const labelsOf = (language: string | null) =>
      menuTemplate({ platform: 'linux', appName: 'Vigil', isDev: false, labels: menuLabels(language) }, handlers()).map(
        (m) => m.label,
      );
    expect(labelsOf('uk')).toEqual(['Файл', 'Редагування', 'Вигляд', 'Перехід', 'Довідка']);
    expect(labelsOf('ru-RU')).toEqual(['Файл', 'Правка', 'Вид', 'Переход', 'Справка']);
    expect(labelsOf('de')).toEqual(['File', 'Edit', 'View', 'Go', 'Help']);
    expect(labelsOf(null)).toEqual(labelsOf('en'));
  });
});
