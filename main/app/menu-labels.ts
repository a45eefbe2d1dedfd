/**
 * The words of the native menu in the interface's languages. Standard items
 * (Undo, Copy, Zoom…) are Electron roles, which the operating system names in
 * its own language; these are Vigil's own.
 */

/** Vigil's own menu words. */
export interface MenuLabels {
  file: string;
  receive: string;
  lock: string;
  edit: string;
  view: string;
  go: string;
  cases: string;
  search: string;
  custody: string;
  settings: string;
  help: string;
  about: string;
}

const LABELS: Readonly<Record<'en' | 'uk' | 'ru', MenuLabels>> = {
  en: {
    file: 'File',
    receive: 'Receive a Package…',
    lock: 'Lock Vault',
    edit: 'Edit',
    view: 'View',
    go: 'Go',
    cases: 'Cases',
    search: 'Search',
    custody: 'Chain of Custody',
    settings: 'Settings',
    help: 'Help',
    about: 'About {app}',
  },
  uk: {
    file: 'Файл',
    receive: 'Отримати пакет…',
    lock: 'Заблокувати сховище',
    edit: 'Редагування',
    view: 'Вигляд',
    go: 'Перехід',
    cases: 'Справи',
    search: 'Пошук',
    custody: 'Журнал доказів',
    settings: 'Налаштування',
    help: 'Довідка',
    about: 'Про {app}',
  },
  ru: {
    file: 'Файл',
    receive: 'Получить пакет…',
    lock: 'Заблокировать хранилище',
    edit: 'Правка',
    view: 'Вид',
    go: 'Переход',
    cases: 'Дела',
    search: 'Поиск',
    custody: 'Журнал доказательств',
    settings: 'Настройки',
    help: 'Справка',
    about: 'О программе {app}',
  },
};

/** The labels for `language` (a setting like 'uk', or a system locale like 'ru-RU'); English otherwise. */
export function menuLabels(language: string | null | undefined): MenuLabels {
  const code = (language ?? '').slice(0, 2).toLowerCase();
  return code === 'uk' || code === 'ru' ? LABELS[code] : LABELS.en;
}
