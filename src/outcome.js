// Reads what the wasm core writes for an edit's outcome or a scenario's results (the wire form, src/wire.rs: one
// flat JSON array) into the plain objects their JSON gives: same keys, same order, optional keys left out where
// serde leaves them out.

const TAG = 'w3';
const STATUSES = ['met', 'not_met', 'no_data', 'undefined'];
// Words sent as their index (src/wire.rs holds the same list, in the same order).
const WORDS = [
  'total.smaller_than_part', 'breakdown.exceeds_parent', 'breakdown.not_covered', 'share.parts_miss_target',
  'growth.differs_from_levels', 'aggregate.units_miss_total', 'aggregate.needs_weight', 'target.conflict',
  'sum', 'parent', 'factor', 'gap', 'whole', 'part', 'published', 'from_levels', 'value', 'implied', 'min_share',
  'time_progress', 'ahead', 'run_rate',
  'amount', 'percent', 'pp', 'times', '%', '×',
];
const word = (v) => (typeof v === 'number' ? WORDS[v] : v);

export function decodeResults(text) {
  const f = JSON.parse(text);
  if (f[0] !== TAG) throw new Error(`plancalc: results in an unknown form (${f[0]})`);
  // The table of quantity kinds ends the array: (unit, symbol) pairs, then their count.
  const n = f[f.length - 1];
  const units = new Array(n);
  const symbols = new Array(n);
  for (let k = 0, at = f.length - 1 - 2 * n; k < n; k++, at += 2) {
    units[k] = word(f[at]);
    symbols[k] = word(f[at + 1]);
  }
  const r = new Reader(f, units, symbols);
  return f[1] === 'outcome' ? r.outcome() : r.results();
}

class Reader {
  constructor(f, units, symbols) {
    this.f = f;
    this.i = 2;
    this.units = units;
    this.symbols = symbols;
  }

  next() {
    return this.f[this.i++];
  }

  count() {
    return this.f[this.i++];
  }

  quantity() {
    const f = this.f;
    const i = this.i;
    const exact = f[i];
    if (exact === null) {
      this.i = i + 1;
      return null;
    }
    this.i = i + 4;
    const fraction = f[i + 1];
    const kind = f[i + 3];
    return fraction === null
      ? { exact, display: f[i + 2], unit: this.units[kind], symbol: this.symbols[kind] }
      : { exact, fraction, display: f[i + 2], unit: this.units[kind], symbol: this.symbols[kind] };
  }

  quantities() {
    const n = this.count();
    const out = new Array(n);
    for (let k = 0; k < n; k++) out[k] = this.quantity();
    return out;
  }

  strings() {
    const n = this.count();
    const out = new Array(n);
    for (let k = 0; k < n; k++) out[k] = this.next();
    return out;
  }

  target() {
    const t = {
      id: this.next(), status: STATUSES[this.count()], value: this.quantity(), target: this.quantity(),
      margin: this.quantity(), needed: this.quantity(), lever: this.next(),
    };
    let n = this.count();
    if (n > 0) {
      t.extras = new Array(n);
      for (let k = 0; k < n; k++) t.extras[k] = { key: word(this.next()), value: this.quantity() };
    }
    n = this.count();
    if (n > 0) {
      t.contributions = new Array(n);
      for (let k = 0; k < n; k++) t.contributions[k] = { id: this.next(), value: this.quantity() };
    }
    const missing = this.strings();
    if (missing.length > 0) t.missing = missing;
    const reason = this.next();
    if (reason !== null) t.reason = reason;
    return t;
  }

  breakdown() {
    return { id: this.next(), remainder: this.quantities(), remainder_share: this.quantities() };
  }

  /** A warning; in an outcome's group its subject is the group's. */
  warning(subject) {
    const w = {
      subject: subject ?? this.next(), code: word(this.next()), ids: this.strings(), period: this.next(), figures: null,
    };
    const n = this.count();
    w.figures = new Array(n);
    for (let k = 0; k < n; k++) w.figures[k] = [word(this.next()), this.quantity()];
    w['zh-CN'] = this.next();
    w.en = this.next();
    return w;
  }

  list(read) {
    const n = this.count();
    const out = new Array(n);
    for (let k = 0; k < n; k++) out[k] = read.call(this);
    return out;
  }

  group() {
    const subject = this.next();
    const n = this.count();
    const warnings = new Array(n);
    for (let k = 0; k < n; k++) warnings[k] = this.warning(subject);
    return { subject, warnings };
  }

  outcome() {
    return {
      scenario: this.next(),
      series: this.list(function () { return { id: this.next(), period: this.next(), value: this.quantity() }; }),
      targets: this.list(this.target),
      breakdowns: this.list(this.breakdown),
      warnings: this.list(this.group),
    };
  }

  results() {
    return {
      scenario: this.next(),
      series: this.list(function () { return { id: this.next(), values: this.quantities() }; }),
      breakdowns: this.list(this.breakdown),
      targets: this.list(this.target),
      warnings: this.list(function () { return this.warning(); }),
    };
  }
}
