/** The case report in Ukrainian. */
import type { ReportLabels } from './label-set';

/** Ukrainian words of the case report. */
export const ukLabels: ReportLabels = {
  docTitle: 'Звіт у справі',
  reference: 'Номер справи',
  noReference: '(без номера)',
  caseTitle: 'Справа',
  status: 'Стан',
  statuses: { open: 'Відкрита', monitoring: 'Моніторинг', closed: 'Закрита', archived: 'В архіві' },
  summary: 'Короткий опис',
  asOf: 'Дані станом на',
  made: 'Складено',
  profile: 'Профіль',
  profiles: {
    protected:
      'захищений: особи, які не дали згоди на згадування імені, названі лише захисним кодом; їхні імена та ' +
      'псевдоніми замінено кодами в усіх текстах',
    full: 'повний: справжні імена показано',
  },
  checkpoint: 'Контрольна точка ланцюга зберігання',
  checkpointLine: (size, madeAt) =>
    `підписана контрольна точка з ${size} записів ланцюга зберігання, створена ${madeAt} (див. останній розділ)`,
  root: 'Корінь Меркла (SHA-256, hex)',
  rootBase64: 'Корінь Меркла (base64)',
  signerKey: 'Підписано ключем',
  fingerprint: 'Відбиток ключа',
  people: 'Особи',
  code: 'Код',
  roles: 'Роль',
  name: 'Ім’я',
  nameHidden: 'лише код',
  roleNames: {
    detainee: 'Затримана особа',
    witness: 'Свідок',
    relative: 'Родич',
    lawyer: 'Адвокат',
    official: 'Посадова особа',
    perpetrator: 'Кривдник',
    other: 'Інше',
  },
  chronology: 'Хронологія подій',
  noEvents: 'Подій не записано.',
  date: 'Дата',
  person: 'Особа',
  event: 'Подія',
  place: 'Місце',
  description: 'Що сталося',
  exhibitsShort: 'Дод.',
  eventTypes: {
    arrest: 'Арешт',
    detention: 'Взяття під варту',
    transfer: 'Етапування',
    visit_denied: 'Відмова в побаченні',
    letter_withheld: 'Лист затримано',
    contact_lost: 'Зв’язок втрачено',
    contact_restored: 'Зв’язок відновлено',
    disciplinary_cell: 'ШІЗО',
    hearing: 'Судове засідання',
    release: 'Звільнення',
    death: 'Смерть',
    other: 'Інше',
  },
  until: 'до',
  detainee: (code) => `Затримана особа ${code}`,
  contactLostNow: (since, days, asOf) =>
    `Зв’язок втрачено з ${since} і не відновлено: днів без зв’язку станом на ${asOf}: ${days}.`,
  contactNotLost: (asOf) => `Станом на ${asOf} зв’язок не втрачено.`,
  totals: (total, periods, longest) =>
    `Усього без зв’язку: ${total} дн. у періодах: ${periods}; найдовший тривав ${longest} дн.`,
  noPeriods: 'Періодів без зв’язку не записано.',
  chartTitle: 'Періоди без зв’язку на тлі подій ув’язнення',
  chartLegend:
    'Заштриховано: періоди без зв’язку (пунктирний край: триває). Червоні позначки: зв’язок втрачено чи ' +
    'відновлено; порожні: інші події.',
  chartAsOf: 'Станом на',
  bandDays: (days) => `${days} дн.`,
  periods: 'Періоди без зв’язку',
  from: 'З',
  to: 'До',
  days: 'Днів',
  ongoing: 'триває',
  daysApprox: (days, min, max) => `${days} (за датами від ${min} до ${max})`,
  requestStats: 'Запити про інформацію',
  sent: 'Надіслано',
  answered: 'З відповіддю',
  unansweredNow: 'Зараз без відповіді',
  medianDays: 'Медіана днів до відповіді',
  none: 'немає',
  analysisNotes: 'Примітки аналізу (англійською)',
  register: 'Реєстр запитів',
  noRequests: 'Запитів не записано.',
  about: 'Щодо',
  by: 'Від кого',
  recipient: 'Кому',
  channel: 'Як',
  answer: 'Відповідь',
  answeredOn: 'Коли',
  responseKinds: {
    none: 'Відповіді немає (встановлено)',
    token: 'Формальна відписка',
    denial: 'Відмова',
    substantive: 'Відповідь по суті',
  },
  noAnswer: 'Без відповіді',
  waiting: (days) => `чекає ${days} дн.`,
  exhibits: 'Додатки (матеріали)',
  exhibitsIntro:
    'Оригінали матеріалів справи, що зберігаються у сховищі, пронумеровані так само, як у пакеті всієї справи ' +
    '(data/items/NNN-…). SHA-256 кожного — той, що записано під час додавання до сховища.',
  noExhibits: 'Матеріалів не записано.',
  number: '№',
  kind: 'Вид',
  source: 'Джерело',
  title: 'Назва',
  itemKinds: {
    document: 'Документ',
    letter: 'Лист',
    official_reply: 'Офіційна відповідь',
    photo: 'Фото',
    audio: 'Аудіо',
    video: 'Відео',
    other: 'Інше',
  },
  custody: 'Ланцюг зберігання і як перевірити цей звіт',
  custodyIntro: (size) =>
    `Кожна зміна доказів у цьому сховищі — запис журналу ланцюга зберігання з підписом Ed25519, пов’язаний ` +
    `хешем з попереднім, у дереві Меркла RFC 6962. Звіт відображає журнал таким, яким його підписує контрольна ` +
    `точка нижче: перші ${size} записів. Перед складанням звіту перевірено кожен підпис і кожен зв’язок ` +
    `журналу, і корінь збігся. Складання звіту саме записано в журнал (дія report.created) після цієї ` +
    `контрольної точки.`,
  checkpointNote:
    'Контрольна точка (підписана нотатка C2SP: походження, кількість записів, корінь Меркла в base64, підпис)',
  verifyTitle: 'Як перевірити',
  stepFile: (file) =>
    `1. Цей файл підписано minisign; підпис, ${file}.minisig, додається до нього. Перевірте його (minisign має ` +
    `відповісти «Signature and comment signature verified»):`,
  stepCheckpoint:
    '2. Перевірте підпис Ed25519 контрольної точки лише засобами OpenSSL. Ці чотири рядки записують у файли ' +
    'підписаний текст (три її перші рядки, кожен із переведенням рядка), підпис і ключ того, хто підписав, а ' +
    'потім перевіряють їх (OpenSSL має відповісти «Signature Verified Successfully»):',
  stepLog: (size) =>
    `3. Перевірте сам журнал за допомогою Vigil: «vigil verify <тека сховища>» перевіряє кожен запис, підпис і ` +
    `зв’язок сховища; пакет, експортований з нього пізніше («vigil verify <пакет>.tar.age»), містить пізнішу ` +
    `контрольну точку того самого журналу (data/custody/checkpoint.txt) і підписані записи з доказами ` +
    `включення. Його перші ${size} записів — ті, що підсумовано тут.`,
  stepExhibit: '4. Перевірте додаток: «sha256sum <файл>» оригіналу має вивести SHA-256, наведений для нього вище.',
  page: (n, total) => `Сторінка ${n} з ${total}`,
};
