// Writes www/presets/projects-demo.json: a made-up project list (60 projects, deterministic) with series over the
// projects and the kinds of targets the plans set on them, so that the project table, bulk edits and CSV import can be
// tried. The figures are invented and the file says so; the five seed plans are the real ones.
//
//   node tools/demo-plan.mjs

import { writeFileSync } from 'node:fs';

const l = (zh, en) => ({ 'zh-CN': zh, en });
const SECTORS = ['工业', '交通', '能源', '城建', '社会事业'];
const COUNTIES = ['甲县', '乙县', '丙区', '丁市'];
const OWNERS = ['private', 'state', 'private', 'mixed', 'state', 'foreign'];
const STAGES = ['new', 'continuing', 'continuing', 'finishing', 'reserve'];
const NAMES = ['产业园标准厂房', '高速公路', '光伏电站', '老旧小区改造', '县医院扩建', '新材料生产线', '物流园', '污水处理厂',
  '职业学校', '数据中心'];

// A small deterministic generator, so that the file only changes when this script does.
let seed = 20231;
const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const money = (lo, hi) => (lo + next() * (hi - lo)).toFixed(2);

const projects = Array.from({ length: 60 }, (_, i) => {
  const stage = STAGES[i % STAGES.length];
  const annual = stage === 'reserve' ? '0' : money(0.5, 12);
  const done = stage === 'reserve' ? '0' : (Number(annual) * (0.3 + next() * 0.7)).toFixed(2);
  return {
    id: `XM${String(i + 1).padStart(3, '0')}`,
    name: `${COUNTIES[i % 4]}${NAMES[i % NAMES.length]}${i >= 10 ? `（${Math.floor(i / 10) + 1}期）` : ''}`,
    sector: SECTORS[i % SECTORS.length],
    county: COUNTIES[(i >> 1) % COUNTIES.length],
    ownership: OWNERS[i % OWNERS.length],
    stage,
    flags: i % 4 === 0 ? ['key'] : i % 7 === 0 ? ['key', 'provincial'] : [],
    total: money(5, 60),
    annual: { 2023: annual },
    completed: { 2023: done },
  };
});

const plan = {
  schema: 1,
  id: 'projects-demo',
  title: l('示例：项目库（虚构数据）', 'Sample: a project list (made-up data)'),
  region: l('示例市', 'Sample city'),
  unit: '亿元',
  baseline: 'plan_as_written',
  periods: [{ id: '2023', label: l('2023年', '2023'), kind: 'year' }],
  as_of: '2023-09',
  series: [
    { id: 'all', label: l('项目年度计划投资', 'Annual plan, all projects'), projects: { field: 'annual' } },
    { id: 'industrial', label: l('工业项目', 'Industrial projects'), within: 'all', projects: { field: 'annual', where: { sector: ['工业'] } } },
    { id: 'private', label: l('民间投资项目', 'Private projects'), within: 'all', projects: { field: 'annual', where: { ownership: ['private'] } } },
    { id: 'key', label: l('重点项目', 'Key projects'), within: 'all', projects: { field: 'annual', where: { flags: ['key'] } } },
    { id: 'done', label: l('已完成投资', 'Investment completed'), projects: { field: 'completed' } },
    { id: 'count', label: l('项目个数', 'Number of projects'), projects: { field: 'count' } },
    { id: 'started', label: l('新开工项目个数', 'New starts (count)'), projects: { field: 'count', where: { stage: ['new'] } } },
    { id: 'started-amount', label: l('新开工项目计划投资', 'New starts (annual plan)'), within: 'all', projects: { field: 'annual', where: { stage: ['new'] } } },
  ],
  targets: [
    { id: 'industrial-share', label: l('工业投资占比', 'Industrial share'), indicator: { kind: 'share', part: 'industrial', whole: 'all' }, period: '2023', cmp: '>=', value: '30', source_text: '示例目标' },
    { id: 'private-share', label: l('民间投资占比', 'Private share'), indicator: { kind: 'share', part: 'private', whole: 'all' }, period: '2023', cmp: '>=', value: '52', soft: true, source_text: '示例目标' },
    { id: 'completion', label: l('年度计划完成率', 'Completion of the annual plan'), indicator: { kind: 'completion', done: 'done', plan: 'all' }, period: '2023', cmp: '>=', value: '75', source_text: '示例目标' },
    { id: 'start-rate-count', label: l('新开工率（按个数）', 'Start rate (by count)'), indicator: { kind: 'share', part: 'started', whole: 'count' }, period: '2023', cmp: '>=', value: '25', source_text: '示例目标' },
    { id: 'start-rate-amount', label: l('新开工率（按投资额）', 'Start rate (by amount)'), indicator: { kind: 'share', part: 'started-amount', whole: 'all' }, period: '2023', cmp: '>=', value: '25', source_text: '示例目标' },
  ],
  notes: [l('数据为虚构，仅用于演示项目库、批量调整和 CSV 导入。', 'The figures are invented, to show the project table, bulk edits and CSV import.')],
  projects,
};

writeFileSync(new URL('../www/presets/projects-demo.json', import.meta.url), `${JSON.stringify(plan, null, 1)}\n`);
