// The plans a planner starts from: the blank preset (three figures and two share targets to fill in) and "a plan
// from nothing" (one period, one figure) that the plan editor builds on. Plain plan documents (docs/plan-format.md).

/** A plan with nothing in it yet, for planners starting from scratch. */
export function blankPlan() {
  const lab = (zh, en) => ({ 'zh-CN': zh, en });
  return {
    schema: 1, id: 'blank', title: lab('新方案', 'New plan'), unit: '亿元', baseline: 'plan_as_written',
    periods: [{ id: 'plan', label: lab('方案期', 'Plan period'), kind: 'span' }],
    series: [
      { id: 'fai', label: lab('固定资产投资', 'Fixed-asset investment (FAI)'), values: {} },
      { id: 'industrial', label: lab('工业投资', 'Industrial investment'), within: 'fai', values: {} },
      { id: 'private', label: lab('民间投资', 'Private investment'), within: 'fai', values: {} },
    ],
    targets: [
      { id: 'industrial-share', label: lab('工业投资占比', 'Industrial share of FAI'), indicator: { kind: 'share', part: 'industrial', whole: 'fai' }, period: 'plan', cmp: '>=', value: '30' },
      { id: 'private-share', label: lab('民间投资占比', 'Private share of FAI'), indicator: { kind: 'share', part: 'private', whole: 'fai' }, period: 'plan', cmp: '>=', value: '50' },
    ],
  };
}

/** A plan with one period (this year) and one figure, for a planner starting from nothing. */
export function emptyPlan() {
  const year = String(new Date().getFullYear());
  const l = (zh, en) => ({ 'zh-CN': zh, en });
  return { schema: 1, id: `plan-${year}`, title: l('新方案', 'New plan'), unit: '亿元',
    periods: [{ id: year, label: l(`${year}年`, year), kind: 'year' }],
    series: [{ id: 'fai', label: l('固定资产投资', 'Fixed-asset investment (FAI)'), values: {} }], targets: [] };
}
