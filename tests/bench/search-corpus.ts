// Synthetic multilingual transcript text for the search benchmark: English, Russian and
// Ukrainian words with a Zipf-like frequency (a few very common words, a long tail of rare
// ones), inflected forms, surnames and place names. Deterministic (seeded PRNG).
import { seededRandom } from '../helpers/random';

const FUNCTION_WORDS = [
  'и',
  'the',
  'в',
  'не',
  'and',
  'на',
  'я',
  'що',
  'to',
  'он',
  'of',
  'что',
  'a',
  'с',
  'він',
  'was',
  'мы',
  'it',
  'это',
  'він',
  'as',
  'но',
  'in',
  'по',
  'не',
  'he',
  'к',
  'та',
  'они',
  'we',
  'у',
  'з',
  'за',
  'they',
  'от',
  'до',
  'his',
  'so',
  'из',
  'було',
  'там',
];

const TOPIC_WORDS = [
  // English
  'letter',
  'lawyer',
  'colony',
  'transfer',
  'visit',
  'denied',
  'prison',
  'detention',
  'family',
  'mother',
  'brother',
  'wife',
  'request',
  'answer',
  'prosecutor',
  'court',
  'hearing',
  'sentence',
  'camp',
  'guard',
  'cell',
  'parcel',
  'phone',
  'call',
  'contact',
  'lost',
  'month',
  'week',
  'days',
  'weeks',
  'nobody',
  'told',
  'where',
  'health',
  'doctor',
  'hospital',
  'medicine',
  'appeal',
  'complaint',
  'official',
  'reply',
  'office',
  'service',
  'penitentiary',
  'railway',
  'convoy',
  'wagon',
  'station',
  'interrogation',
  'solitary',
  'punishment',
  'isolation',
  'warden',
  'document',
  'signature',
  'consent',
  'stamp',
  'envelope',
  'winter',
  'summer',
  'morning',
  'evening',
  'snow',
  'road',
  'journey',
  'train',
  'bus',
  'border',
  'embassy',
  'consulate',
  // Russian
  'письмо',
  'адвокат',
  'колония',
  'этап',
  'свидание',
  'отказ',
  'тюрьма',
  'сизо',
  'семья',
  'мать',
  'брат',
  'жена',
  'запрос',
  'ответ',
  'прокуратура',
  'суд',
  'заседание',
  'приговор',
  'лагерь',
  'охрана',
  'камера',
  'посылка',
  'телефон',
  'звонок',
  'связь',
  'месяц',
  'неделя',
  'никто',
  'сказали',
  'где',
  'здоровье',
  'врач',
  'больница',
  'лекарства',
  'жалоба',
  'ведомство',
  'фсин',
  'управление',
  'вагон',
  'станция',
  'допрос',
  'шизо',
  'пкт',
  'наказание',
  'изоляция',
  'начальник',
  'документ',
  'подпись',
  'согласие',
  'конверт',
  'зима',
  'лето',
  'утро',
  'вечер',
  'снег',
  'дорога',
  'поезд',
  'граница',
  'посольство',
  'пропал',
  'перевели',
  'ждали',
  'узнали',
  'писали',
  'отправили',
  'получили',
  'вернули',
  'задержали',
  'обыск',
  'следователь',
  // Ukrainian
  'лист',
  'адвокатка',
  'колонія',
  'побачення',
  'відмова',
  'вʼязниця',
  'родина',
  'мати',
  'брат',
  'дружина',
  'запит',
  'відповідь',
  'прокуратура',
  'засідання',
  'вирок',
  'табір',
  'камера',
  'передача',
  'дзвінок',
  'звʼязок',
  'місяць',
  'тиждень',
  'ніхто',
  'сказали',
  'де',
  'здоровʼя',
  'лікар',
  'лікарня',
  'ліки',
  'скарга',
  'служба',
  'допит',
  'покарання',
  'начальник',
  'документ',
  'підпис',
  'згода',
  'зима',
  'літо',
  'ранок',
  'вечір',
  'дорога',
  'потяг',
  'кордон',
  'посольство',
  'зник',
  'перевели',
  'чекали',
  'дізналися',
  'писали',
  'надіслали',
  'отримали',
  'затримали',
  'обшук',
  'слідчий',
];

const CYRILLIC_ENDINGS = ['а', 'у', 'ом', 'е', 'ы', 'ов', 'ами', 'ах', 'ою', 'ів'];
const LATIN_ENDINGS = ['s', 'ed', 'ing', 'er'];
const SURNAMES = [
  'Петров',
  'Иванов',
  'Сидоренко',
  'Коваленко',
  'Шевченко',
  'Мельник',
  'Бондар',
  'Ткаченко',
  'Кравчук',
  'Орлов',
  'Соколов',
  'Лебедев',
  'Morozov',
  'Volkov',
  'Kuznetsov',
  'Popova',
  'Hrytsenko',
  'Savchenko',
];
const GIVEN = [
  'Иван',
  'Олег',
  'Андрей',
  'Мария',
  'Олена',
  'Тарас',
  'Наталья',
  'Sergei',
  'Anna',
  'Dmytro',
  'Oksana',
  'Yuri',
];
const PLACES = [
  'ИК-6',
  'ИК-2',
  'СИЗО-1',
  'Копейск',
  'Мордовия',
  'Торжок',
  'Владимир',
  'Магадан',
  'Симферополь',
  'Мелітополь',
  'Kherson',
  'Donetsk',
];
const SYLLABLES_CY = ['ко', 'ра', 'ни', 'ло', 'ве', 'ст', 'му', 'ды', 'зе', 'пра', 'тор', 'лин', 'ска', 'вод', 'мир'];
const SYLLABLES_LA = ['ka', 'ro', 'ven', 'ti', 'sol', 'mar', 'de', 'lu', 'stra', 'pen', 'gor', 'il'];

/** A small seeded PRNG (mulberry32): the same corpus on every run. */
export const prng = seededRandom;

function pseudoWord(rand: () => number, syllables: string[]): string {
  const n = 2 + Math.floor(rand() * 3);
  let w = '';
  for (let i = 0; i < n; i++) w += syllables[Math.floor(rand() * syllables.length)] ?? '';
  return w;
}

/**
 * The vocabulary in frequency order (rank 1 first): function words, topic words, inflections, names, then a long tail.
 */
export function buildVocabulary(size: number, rand: () => number): string[] {
  const seen = new Set<string>();
  const vocab: string[] = [];
  const add = (w: string): void => {
    const key = w.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      vocab.push(w);
    }
  };
  FUNCTION_WORDS.forEach(add);
  TOPIC_WORDS.forEach(add);
  for (const w of TOPIC_WORDS) {
    const endings = /[a-z]/.test(w) ? LATIN_ENDINGS : CYRILLIC_ENDINGS;
    for (const e of endings) add(w + e);
  }
  for (const s of SURNAMES) for (const e of ['', 'а', 'у', 'ым', 'ой']) add(s + e);
  PLACES.forEach(add);
  GIVEN.forEach(add);
  while (vocab.length < size) add(pseudoWord(rand, rand() < 0.6 ? SYLLABLES_CY : SYLLABLES_LA));
  return vocab;
}

/** Samples vocabulary ranks with P(rank r) ∝ 1 / r^s. */
export function zipfSampler(size: number, s: number, rand: () => number): () => number {
  const cumulative = new Float64Array(size);
  let sum = 0;
  for (let r = 0; r < size; r++) {
    sum += 1 / Math.pow(r + 1, s);
    cumulative[r] = sum;
  }
  return () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** One transcript sentence of 4…30 words; now and then it names a person or a place. */
export function sentence(vocab: string[], sample: () => number, rand: () => number): string {
  const n = 4 + Math.floor(rand() * rand() * 27);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(vocab[sample()] ?? '');
  if (rand() < 0.05)
    words.splice(
      Math.floor(rand() * n),
      0,
      `${GIVEN[Math.floor(rand() * GIVEN.length)] ?? ''} ${SURNAMES[Math.floor(rand() * SURNAMES.length)] ?? ''}`,
    );
  if (rand() < 0.05) words.splice(Math.floor(rand() * n), 0, PLACES[Math.floor(rand() * PLACES.length)] ?? '');
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** Surnames and given names used in the corpus (for people records and name queries). */
export const CORPUS_NAMES = { surnames: SURNAMES, given: GIVEN };
