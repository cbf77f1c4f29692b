// The interface's own words in zh-CN, zh-TW and en. Plan texts come from the plan file in its labels;
// explanations and warnings come from the core. Everything here is shown as text, never as HTML.

import { word } from './words.js';

export { LOCALES, label } from './words.js';

const STRINGS = {
  'zh-CN': {
    my_plans: '我的方案', mine_help: '自己的方案保存在本浏览器中:从文本读取、导入或由链接打开的方案都会列在这里。可以改名、打开、复制、导出或删除。', mine_save: '把当前方案存入我的方案', mine_empty: '还没有自己的方案。', mine_name: '名称', mine_updated: '最后修改', mine_open: '打开', mine_duplicate: '复制', mine_export: '导出', mine_delete: '删除', mine_copy_of: '{name}(副本)', mine_duplicated: '已复制“{name}”。', mine_deleted: '已删除“{name}”。', mine_restored: '已恢复“{name}”。', mine_saved: '已存入我的方案:“{name}”。', mine_already: '当前方案已在我的方案中,修改会自动保存。', embed_inline: '方案写在代码里(不另放文件)', embed_inline_note: '方案(当前情景的数字)已写在代码里,不需要另放方案文件。',
    read_text: '从文本读取方案', read_text_help: '粘贴方案原文(简体或繁体,可从 PDF 复制)。读出的每个目标都标出原句;核对、修改或去掉后,作为方案打开。', plan_text: '方案文本', read: '读取', text_reading: '正在读取……', text_failed: '无法读取:', draft_targets: '读出的目标', not_understood: '未识别(含有数字、未能读出目标的句子)', open_draft: '作为方案打开', text_accept: '采用', text_subject: '指标对象', text_indicator: '类型', text_cmp: '比较', text_unit: '单位', text_soft: '力争', text_view: '方案原文', kind_amount: '金额', kind_count: '个数', kind_share: '占比', kind_growth: '增长', kind_completion: '完成率', kind_ratio: '倍数', text_opened: '已按读出的目标打开方案草稿;数字为空,请填入统计数据。',
    embed: '嵌入网页', embed_form: '形式', embed_element: '网页元素(网站允许脚本时)', embed_iframe: 'iframe(内容管理系统过滤脚本时)', embed_mode: '显示', embed_summary: '摘要', embed_what_if: '试算', embed_full: '完整(含测算与逐步解释)', embed_base: 'plancalc 文件夹的地址', embed_code: '代码', embed_policy: '网站需要的安全策略(Content-Security-Policy)', copy: '复制代码', copied: '已复制。', embed_preset: '方案文件随 plancalc 文件夹一起提供:{file}', embed_own: '先用“导出方案”保存方案文件,放到 plancalc 文件夹中:{file}',
    scenario: '情景', new_scenario: '新情景名称', add: '添加', compare_with: '对比', none: '不对比', import: '导入方案', export: '导出方案', export_csv: '导出结果 CSV', share: '分享链接', comparison: '对比', target_col: '目标', delta: '差值', import_failed: '无法导入:', share_ready: '链接已生成,复制地址栏或下面的链接即可。', value: '数值', status: '状态', kind: '类别', figure: '数字',
    language: '语言', preset: '方案', blank: '空白方案', figures: '数字', targets: '目标', warnings: '一致性检查',
    no_warnings: '未发现不一致。',
    source: '来源', undated: '未注明日期',
    plan_as_written: '基准值为方案所列数字', actual: '基准值为统计数据', unallocated: '未分配',
    undo: '撤销', redo: '重做',
    lever: '调整哪一项', mode: '方式', additive: '新增投资(总数随之增加)',
    substitute: '调整结构(总数不变)', answer: '答案', apply: '采用这个数字', close: '关闭',
    unreachable: '无法达到', set_to: '设为', change_by: '变动', also_meets: '该值及以上均达标',
    also_meets_below: '该值及以下均达标', exactly: '恰好达到目标', explanation: '逐步解释', load_failed: '无法载入方案:',
    period: '期间', region: '地区',
    restored: '已恢复上次的编辑。',
    chart_item: '项目', chart_share: '占比', chart_contribution: '拉动(百分点)', chart_shares: '占比与目标线', chart_composition: '构成', chart_completion: '完成率与序时进度', chart_contributions: '各单位对增长的拉动', chart_shares_d: '每项占比为一根横条,虚线为目标。', chart_composition_d: '各分项占总数的比例,以及未分配部分。', chart_completion_d: '完成率为横条,实线为序时进度,虚线为目标。', chart_contributions_d: '各单位拉动合计增速的百分点,合计即为总增速。', chart_numbers: '数据表', charts: '图表', slider: '滑块', of: '占', baseline: '基准', notes: '说明', derived: '(由分项加总)',
    over_projects: '（由项目汇总）', projects: '项目', import_csv: '导入项目 CSV', search: '搜索', sector: '行业', county: '县区', ownership: '投资主体', stage: '阶段', all: '全部', projects_shown: '共 {n} 个项目', project_id: '项目编号', project_name: '项目名称', total: '总投资', annual: '年度计划投资', completed: '完成投资', flags: '标记',
    ownership_private: '民间', ownership_state: '国有', ownership_foreign: '外资', ownership_mixed: '混合', stage_reserve: '储备', stage_new: '新开工', stage_continuing: '续建', stage_finishing: '竣工',
    csv_help: '核对每一列对应的内容（已按表头自动识别），选择金额单位，然后导入。有任何一行出错都不会导入。', csv_column: '表头', csv_role: '对应', csv_skip: '（不导入）', csv_unit: '金额单位', csv_start: '导入', cancel: '取消', csv_progress: '已读 {n} 个项目，{bad} 行有误', csv_done: '已导入 {n} 个项目。', csv_dropped: '对原项目的 {n} 处调整已不适用，已移除。', csv_bad_rows: '{n} 行有误，未导入任何数据：', csv_failed: '无法导入：', csv_line: '第 {n} 行', csv_more: '另有 {n} 行，见下载的完整列表。', csv_save_errors: '下载全部错误（CSV）', too_large_for_link: '方案包含的项目过多，无法放入链接；请改用“导出方案”。', no_lever: '这个方案的数字都由项目汇总而来：请在项目表中调整项目。',
  },
  'zh-TW': {
    my_plans: '我的方案', mine_help: '自己的方案儲存在本瀏覽器中:從文字讀取、匯入或由連結開啟的方案都會列在這裡。可以改名、開啟、複製、匯出或刪除。', mine_save: '把目前方案存入我的方案', mine_empty: '還沒有自己的方案。', mine_name: '名稱', mine_updated: '最後修改', mine_open: '開啟', mine_duplicate: '複製', mine_export: '匯出', mine_delete: '刪除', mine_copy_of: '{name}(副本)', mine_duplicated: '已複製「{name}」。', mine_deleted: '已刪除「{name}」。', mine_restored: '已恢復「{name}」。', mine_saved: '已存入我的方案:「{name}」。', mine_already: '目前方案已在我的方案中,修改會自動儲存。', embed_inline: '方案寫在程式碼裡(不另放檔案)', embed_inline_note: '方案(目前情景的數字)已寫在程式碼裡,不需要另放方案檔案。',
    read_text: '從文字讀取方案', read_text_help: '貼上方案原文(簡體或繁體,可從 PDF 複製)。讀出的每個目標都標出原句;核對、修改或去掉後,作為方案開啟。', plan_text: '方案文字', read: '讀取', text_reading: '正在讀取……', text_failed: '無法讀取:', draft_targets: '讀出的目標', not_understood: '未識別(含有數字、未能讀出目標的句子)', open_draft: '作為方案開啟', text_accept: '採用', text_subject: '指標對象', text_indicator: '類型', text_cmp: '比較', text_unit: '單位', text_soft: '力爭', text_view: '方案原文', kind_amount: '金額', kind_count: '個數', kind_share: '佔比', kind_growth: '增長', kind_completion: '完成率', kind_ratio: '倍數', text_opened: '已按讀出的目標開啟方案草稿;數字為空,請填入統計資料。',
    embed: '嵌入網頁', embed_form: '形式', embed_element: '網頁元素(網站允許腳本時)', embed_iframe: 'iframe(內容管理系統過濾腳本時)', embed_mode: '顯示', embed_summary: '摘要', embed_what_if: '試算', embed_full: '完整(含測算與逐步解釋)', embed_base: 'plancalc 資料夾的位址', embed_code: '程式碼', embed_policy: '網站需要的安全策略(Content-Security-Policy)', copy: '複製程式碼', copied: '已複製。', embed_preset: '方案檔案隨 plancalc 資料夾一起提供:{file}', embed_own: '先用「匯出方案」儲存方案檔案,放到 plancalc 資料夾中:{file}',
    scenario: '情景', new_scenario: '新情景名稱', add: '新增', compare_with: '對比', none: '不對比', import: '匯入方案', export: '匯出方案', export_csv: '匯出結果 CSV', share: '分享連結', comparison: '對比', target_col: '目標', delta: '差值', import_failed: '無法匯入:', share_ready: '連結已產生,複製網址列或下面的連結即可。', value: '數值', status: '狀態', kind: '類別', figure: '數字',
    language: '語言', preset: '方案', blank: '空白方案', figures: '數字', targets: '目標', warnings: '一致性檢查',
    no_warnings: '未發現不一致。',
    source: '來源', undated: '未註明日期',
    plan_as_written: '基準值為方案所列數字', actual: '基準值為統計數據', unallocated: '未分配',
    undo: '復原', redo: '重做',
    lever: '調整哪一項', mode: '方式', additive: '新增投資(總數隨之增加)',
    substitute: '調整結構(總數不變)', answer: '答案', apply: '採用這個數字', close: '關閉',
    unreachable: '無法達到', set_to: '設為', change_by: '變動', also_meets: '該值及以上均達標',
    also_meets_below: '該值及以下均達標', exactly: '恰好達到目標', explanation: '逐步解釋', load_failed: '無法載入方案:',
    chart_item: '項目', chart_share: '占比', chart_contribution: '拉動(百分點)', chart_shares: '占比與目標線', chart_composition: '構成', chart_completion: '完成率與序時進度', chart_contributions: '各單位對增長的拉動', chart_shares_d: '每項占比為一根橫條,虛線為目標。', chart_composition_d: '各分項占總數的比例,以及未分配部分。', chart_completion_d: '完成率為橫條,實線為序時進度,虛線為目標。', chart_contributions_d: '各單位拉動合計增速的百分點,合計即為總增速。', chart_numbers: '數據表', charts: '圖表', slider: '滑桿', period: '期間', region: '地區',
    restored: '已恢復上次的編輯。', of: '佔', baseline: '基準', notes: '說明', derived: '(由分項加總)',
    over_projects: '（由項目匯總）', projects: '項目', import_csv: '匯入項目 CSV', search: '搜尋', sector: '行業', county: '縣區', ownership: '投資主體', stage: '階段', all: '全部', projects_shown: '共 {n} 個項目', project_id: '項目編號', project_name: '項目名稱', total: '總投資', annual: '年度計劃投資', completed: '完成投資', flags: '標記',
    ownership_private: '民間', ownership_state: '國有', ownership_foreign: '外資', ownership_mixed: '混合', stage_reserve: '儲備', stage_new: '新開工', stage_continuing: '續建', stage_finishing: '竣工',
    csv_help: '核對每一欄對應的內容（已按表頭自動識別），選擇金額單位，然後匯入。有任何一列出錯都不會匯入。', csv_column: '表頭', csv_role: '對應', csv_skip: '（不匯入）', csv_unit: '金額單位', csv_start: '匯入', cancel: '取消', csv_progress: '已讀 {n} 個項目，{bad} 列有誤', csv_done: '已匯入 {n} 個項目。', csv_dropped: '對原項目的 {n} 處調整已不適用，已移除。', csv_bad_rows: '{n} 列有誤，未匯入任何資料：', csv_failed: '無法匯入：', csv_line: '第 {n} 行', csv_more: '另有 {n} 列，見下載的完整清單。', csv_save_errors: '下載全部錯誤（CSV）', too_large_for_link: '方案包含的項目過多，無法放入連結；請改用「匯出方案」。', no_lever: '這個方案的數字都由項目匯總而來：請在項目表中調整項目。',
  },
  en: {
    my_plans: 'My plans', mine_help: 'Your own plans, kept in this browser: plans read from a text, imported or opened from a link are listed here. Rename, open, copy, export or delete them.', mine_save: 'Keep the current plan in My plans', mine_empty: 'No plans of your own yet.', mine_name: 'Name', mine_updated: 'Last change', mine_open: 'Open', mine_duplicate: 'Copy', mine_export: 'Export', mine_delete: 'Delete', mine_copy_of: '{name} (copy)', mine_duplicated: 'Copied "{name}".', mine_deleted: 'Deleted "{name}".', mine_restored: 'Restored "{name}".', mine_saved: 'Kept in My plans: "{name}".', mine_already: 'This plan is already one of My plans; changes are saved as you make them.', embed_inline: 'Put the plan inside the code (no plan file)', embed_inline_note: 'The plan (the current scenario\'s figures) is inside the code: no plan file is needed.',
    read_text: 'Read a plan\'s text', read_text_help: 'Paste the plan as published (simplified or traditional; copied from a PDF is fine). Each target read marks its sentence; check, edit or drop them, then open the result as a plan.', plan_text: 'Plan text', read: 'Read', text_reading: 'Reading…', text_failed: 'Could not read:', draft_targets: 'Targets read', not_understood: 'Not understood (sentences with numbers that gave no target)', open_draft: 'Open as a plan', text_accept: 'Use', text_subject: 'Subject', text_indicator: 'Kind', text_cmp: 'Comparison', text_unit: 'Unit', text_soft: 'Soft (力争)', text_view: 'The plan text', kind_amount: 'amount', kind_count: 'count', kind_share: 'share', kind_growth: 'growth', kind_completion: 'completion rate', kind_ratio: 'multiple', text_opened: 'The draft plan is open with the targets read; its figures are empty until you enter statistics.',
    embed: 'Embed in a web page', embed_form: 'Form', embed_element: 'element (the site allows scripts)', embed_iframe: 'iframe (the content system strips scripts)', embed_mode: 'Show', embed_summary: 'summary', embed_what_if: 'what-if', embed_full: 'full (goal seek and explanations)', embed_base: 'Address of the plancalc folder', embed_code: 'Code', embed_policy: 'Content-Security-Policy the site needs', copy: 'Copy the code', copied: 'Copied.', embed_preset: 'The plan file comes with the plancalc folder: {file}', embed_own: 'Save the plan with "Export plan" and put the file in the plancalc folder: {file}',
    scenario: 'Scenario', new_scenario: 'New scenario name', add: 'Add', compare_with: 'Compare with', none: 'no comparison', import: 'Import plan', export: 'Export plan', export_csv: 'Export results (CSV)', share: 'Share link', comparison: 'Comparison', target_col: 'Target', delta: 'Difference', import_failed: 'Cannot import: ', share_ready: 'The link is ready: copy the address bar or the link below.', value: 'Value', status: 'Status', kind: 'Kind', figure: 'Figure',
    language: 'Language', preset: 'Plan', blank: 'Blank plan', figures: 'Figures', targets: 'Targets',
    warnings: 'Consistency checks', no_warnings: 'No inconsistencies found.',
    source: 'Source', undated: 'undated',
    plan_as_written: 'Baseline: the plan as written', actual: 'Baseline: published statistics', unallocated: 'Unallocated',
    undo: 'Undo', redo: 'Redo', lever: 'Change which figure', mode: 'As',
    additive: 'new investment (totals rise with it)', substitute: 'reallocation (totals held)', answer: 'Answer',
    apply: 'Use this figure', close: 'Close', unreachable: 'Unreachable', set_to: 'Set to',
    change_by: 'change', also_meets: 'this value or more meets the target', also_meets_below: 'this value or less meets the target',
    exactly: 'exactly on target', explanation: 'Step by step', load_failed: 'Cannot load the plan: ',
    chart_item: 'Item', chart_share: 'Share', chart_contribution: 'Contribution (pp)', chart_shares: 'Shares against their targets', chart_composition: 'Composition', chart_completion: 'Completion against time-progress', chart_contributions: "Each unit's contribution to growth", chart_shares_d: 'One bar per share; the dashed line is the target.', chart_composition_d: 'Each item as a share of the total, and the unallocated rest.', chart_completion_d: 'Completion rate as a bar; the solid line is time-progress, the dashed one the target.', chart_contributions_d: 'Percentage points each unit adds to the combined growth; together they make it.', chart_numbers: 'Numbers', charts: 'Charts', slider: 'slider',
    period: 'Period', region: 'Region', restored: 'Your last edits were restored.', of: 'of', baseline: 'Baseline',
    notes: 'Notes', derived: '(sum of its items)',
    over_projects: '(sum over projects)', projects: 'Projects', import_csv: 'Import projects (CSV)', search: 'Search', sector: 'Sector', county: 'County', ownership: 'Ownership', stage: 'Stage', all: 'All', projects_shown: '{n} projects', project_id: 'Project ID', project_name: 'Project', total: 'Total investment', annual: 'Annual plan', completed: 'Completed', flags: 'Flags',
    ownership_private: 'private', ownership_state: 'state', ownership_foreign: 'foreign', ownership_mixed: 'mixed', stage_reserve: 'reserve', stage_new: 'new start', stage_continuing: 'continuing', stage_finishing: 'finishing',
    csv_help: 'Check what each column holds (guessed from its header), choose the unit of the amounts, then import. If any row is bad, nothing is imported.', csv_column: 'Header', csv_role: 'Holds', csv_skip: '(leave out)', csv_unit: 'Unit of amounts', csv_start: 'Import', cancel: 'Cancel', csv_progress: '{n} projects read, {bad} bad rows', csv_done: '{n} projects imported.', csv_dropped: '{n} edits to the old projects no longer apply and were removed.', csv_bad_rows: '{n} bad rows; nothing was imported:', csv_failed: 'Could not import:', csv_line: 'line {n}', csv_more: '{n} more in the full list (download).', csv_save_errors: 'Download every error (CSV)', too_large_for_link: 'This plan has too many projects for a link; use "Export plan" instead.', no_lever: 'Every figure of this plan adds up its projects: edit the projects in the project table.',
  },
};


/** The interface string `key` in `locale` (the page's words, then the card's), falling back to English. */
export function t(locale, key) {
  return STRINGS[locale]?.[key] ?? STRINGS.en[key] ?? word(locale, key);
}

/** A sentence the core wrote, in `locale` (the core writes zh-CN, zh-TW and en). */
export function coreText(text, locale) {
  return text?.[locale] ?? text?.en ?? '';
}
