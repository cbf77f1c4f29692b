// The words a target card and the embeddable element show, in zh-CN, zh-TW and en: what the element loads. The
// planner's page adds its own words on top (i18n.js). Shown as text, never as HTML.

export const LOCALES = ['zh-CN', 'zh-TW', 'en'];

export const WORDS = {
  'zh-CN': {
    met: '已达标',
    not_met: '未达标',
    no_data: '无数据',
    undefined: '无法计算',
    soft: '力争',
    hard: '约束性',
    margin: '差距',
    needed: '恰好达标需变动',
    missing: '缺少数字：',
    seek: '怎样才能达标？',
    explain: '逐步解释',
    time_progress: '序时进度',
    ahead: '超序时进度',
    run_rate: '此后每月需完成',
    comparable_base: '上年可比基数',
    base_revision: '可比基数较上年公布数',
    slider: '滑块',
    pp: '个百分点',
    // When the calculator cannot run at all (the core is not there to say it): for a member of the public.
    cannot_blocked: '此计算器无法在本页运行：网站的安全设置阻止了它所需的计算组件。请联系网站管理员。',
    cannot_no_wasm: '此计算器无法在当前浏览器中运行。请使用新版浏览器；如使用双核浏览器，请切换到极速模式。',
    cannot_core: '此计算器的程序文件未能载入。请稍后刷新页面再试；如仍不行，请联系网站管理员。',
    cannot_plan: '无法读取方案文件。',
    // embed.html, asked for a plan on another server (it shows plans of its own server only).
    cannot_elsewhere: '此计算器只显示本网站上的方案文件。',
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
    missing: '缺少數字：',
    seek: '怎樣才能達標？',
    explain: '逐步解釋',
    time_progress: '序時進度',
    ahead: '超序時進度',
    run_rate: '此後每月需完成',
    comparable_base: '上年可比基數',
    base_revision: '可比基數較上年公布數',
    slider: '滑桿',
    pp: '個百分點',
    cannot_blocked: '此計算器無法在本頁運行：網站的安全設定阻擋了它所需的計算元件。請聯絡網站管理員。',
    cannot_no_wasm: '此計算器無法在目前的瀏覽器中運行。請使用新版瀏覽器；如使用雙核瀏覽器，請切換到極速模式。',
    cannot_core: '此計算器的程式檔案未能載入。請稍後重新整理頁面再試；如仍不行，請聯絡網站管理員。',
    cannot_plan: '無法讀取方案檔案。',
    cannot_elsewhere: '此計算器只顯示本網站上的方案檔案。',
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
    comparable_base: "Last year's comparable base",
    base_revision: 'Base revised from last year\'s level by',
    slider: 'slider',
    pp: 'pp',
    cannot_blocked: "This calculator cannot run on this page: the site's security settings block a part it needs. Please contact the site's administrator.",
    cannot_no_wasm: 'This calculator cannot run in this browser. Please use an up-to-date browser; in a dual-core browser, switch to its fast mode.',
    cannot_core: "This calculator's program files could not be loaded. Please reload the page later; if it still fails, contact the site's administrator.",
    cannot_plan: 'The plan file could not be read.',
    cannot_elsewhere: 'This calculator shows plan files from this site only.',
  },
};

/** The locale for a BCP 47 language tag ("zh-Hant-HK", "zh", "en-GB"): one of LOCALES, zh-CN when unknown. */
export function localeOf(tag) {
  const t = String(tag ?? '').toLowerCase();
  if (/^zh-(tw|hk|mo|hant)/.test(t)) return 'zh-TW';
  if (t.startsWith('en')) return 'en';
  return 'zh-CN';
}

/** The word `key` in `locale`, falling back to English, then to the key itself. */
export function word(locale, key) {
  return WORDS[locale]?.[key] ?? WORDS.en[key] ?? key;
}

/** A plan label in `locale`: zh-TW falls back to zh-CN, anything else to en. */
export function label(labels, locale) {
  if (!labels) return '';
  return labels[locale] ?? (locale === 'zh-TW' ? labels['zh-CN'] : undefined) ?? labels.en ?? labels['zh-CN'] ?? '';
}
