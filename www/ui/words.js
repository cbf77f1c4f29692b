// The words a target card and the embeddable element show, in zh-CN, zh-TW and en: what the element loads. The
// planner's page adds its own words on top (i18n.js). Shown as text, never as HTML.

export const LOCALES = ['zh-CN', 'zh-TW', 'en'];

const WORDS = {
  'zh-CN': {
    met: '已达标',
    not_met: '未达标',
    no_data: '无数据',
    undefined: '无法计算',
    soft: '力争',
    hard: '约束性',
    margin: '差距',
    needed: '恰好达标需变动',
    missing: '缺少数字:',
    seek: '怎样才能达标?',
    explain: '逐步解释',
    time_progress: '序时进度',
    ahead: '超序时进度',
    run_rate: '此后每月需完成',
  },
  'zh-TW': {
    met: '已達標',
    not_met: '未達標',
    no_data: '無數據',
    undefined: '無法計算',
    soft: '力爭',
    hard: '約束性',
    margin: '差距',
    needed: '恰好達標需變動',
    missing: '缺少數字:',
    seek: '怎樣才能達標?',
    explain: '逐步解釋',
    time_progress: '序時進度',
    ahead: '超序時進度',
    run_rate: '此後每月需完成',
  },
  en: {
    met: 'Met',
    not_met: 'Not met',
    no_data: 'No data',
    undefined: 'Undefined',
    soft: 'strive for',
    hard: 'binding',
    margin: 'Margin',
    needed: 'Change to land on target',
    missing: 'Missing figures: ',
    seek: 'What would it take?',
    explain: 'Step by step',
    time_progress: 'Time-progress',
    ahead: 'Ahead of time-progress',
    run_rate: 'Needed per month from now',
  },
};

/** The word `key` in `locale`, falling back to English, then to the key itself. */
export function word(locale, key) {
  return WORDS[locale]?.[key] ?? WORDS.en[key] ?? key;
}

/** A plan label in `locale`: zh-TW falls back to zh-CN, anything else to en. */
export function label(labels, locale) {
  if (!labels) return '';
  return labels[locale] ?? (locale === 'zh-TW' ? labels['zh-CN'] : undefined) ?? labels.en ?? labels['zh-CN'] ?? '';
}
