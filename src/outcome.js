// Reads what the wasm core writes for an edit's outcome or a scenario's results (src/wire.rs) into the plain objects
// their JSON gives: same keys, same order, optional keys left out where serde leaves them out.

const SEP = '\x1f';
const TAG = 'w1';

export function decodeResults(text) {
  const r = new Reader(text.split(SEP));
  if (r.f[0] !== TAG) throw new Error(`plancalc: results in an unknown form (${r.f[0]})`);
  const kind = r.next();
  return kind === 'outcome' ? r.outcome() : r.results();
}

class Reader {
  constructor(fields) {
    this.f = fields;
    this.i = 1;
  }

  next() {
    return this.f[this.i++];
  }

  opt() {
    const s = this.f[this.i++];
    return s === '' ? null : s;
  }

  count() {
    return +this.f[this.i++];
  }

  quantity() {
    const f = this.f;
    let i = this.i;
    const exact = f[i];
    if (exact === '') {
      this.i = i + 1;
      return null;
    }
    const fraction = f[i + 1];
    const q = fraction === ''
      ? { exact, display: f[i + 2], unit: f[i + 3], symbol: f[i + 4] }
      : { exact, fraction, display: f[i + 2], unit: f[i + 3], symbol: f[i + 4] };
    this.i = i + 5;
    return q;
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
      id: this.next(), status: this.next(), value: this.quantity(), target: this.quantity(), margin: this.quantity(),
      needed: this.quantity(), lever: this.opt(),
    };
    let n = this.count();
    if (n > 0) {
      t.extras = new Array(n);
      for (let k = 0; k < n; k++) t.extras[k] = { key: this.next(), value: this.quantity() };
    }
    n = this.count();
    if (n > 0) {
      t.contributions = new Array(n);
      for (let k = 0; k < n; k++) t.contributions[k] = { id: this.next(), value: this.quantity() };
    }
    const missing = this.strings();
    if (missing.length > 0) t.missing = missing;
    const reason = this.opt();
    if (reason !== null) t.reason = reason;
    return t;
  }

  breakdown() {
    return { id: this.next(), remainder: this.quantities(), remainder_share: this.quantities() };
  }

  warning() {
    const w = { subject: this.next(), code: this.next(), ids: this.strings(), period: this.opt(), figures: null };
    const n = this.count();
    w.figures = new Array(n);
    for (let k = 0; k < n; k++) w.figures[k] = [this.next(), this.quantity()];
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

  outcome() {
    return {
      scenario: this.next(),
      series: this.list(function () { return { id: this.next(), period: this.next(), value: this.quantity() }; }),
      targets: this.list(this.target),
      breakdowns: this.list(this.breakdown),
      warnings: this.list(function () { return { subject: this.next(), warnings: this.list(this.warning) }; }),
    };
  }

  results() {
    return {
      scenario: this.next(),
      series: this.list(function () { return { id: this.next(), values: this.quantities() }; }),
      breakdowns: this.list(this.breakdown),
      targets: this.list(this.target),
      warnings: this.list(this.warning),
    };
  }
}
