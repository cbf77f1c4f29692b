//! Exact values: a ratio of two decimals, so that shares, rates and goal-seek answers such as
//! 590 ÷ 0.7 stay exact.
//!
//! Two promises hold for every value:
//! - **Exact or refused.** Every operation either gives the exact result or fails with a [`Limit`]: a decimal
//!   operation that rust_decimal would round (beyond 28 digits) is caught by its scale and refused, never kept.
//! - **One form per value.** A value is held in a canonical form: a normalised decimal `n / 1` where it terminates,
//!   else `n / d` with `d` a whole number above 1, prime to 10 and to `n`'s digits. Equal values are held alike, so
//!   results never depend on how an equal figure was typed ("260" or "260.000") or where it was kept.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;

/// The tie rule for rounding at display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TieRule {
    /// 四舍五入: ties away from zero (the plans' usage).
    #[default]
    HalfAwayFromZero,
    /// GB/T 8170-2008: exact ties to even.
    HalfEven,
}

impl TieRule {
    fn strategy(self) -> RoundingStrategy {
        match self {
            TieRule::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
            TieRule::HalfEven => RoundingStrategy::MidpointNearestEven,
        }
    }
}

/// Why a result cannot be held exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Beyond a decimal's range (about ±7.9 × 10²⁸).
    Overflow,
    /// It needs more significant digits than a decimal holds (28–29): it would have to be rounded.
    Precision,
    /// A division by zero.
    DivideByZero,
}

impl Limit {
    /// The error an edit reports when its result could not be held, at `path`.
    pub fn error(self, path: String) -> crate::error::Error {
        use crate::error::Error;
        match self {
            Limit::Precision => Error::Precision { path },
            Limit::Overflow | Limit::DivideByZero => Error::Overflow { path },
        }
    }
}

/// The largest mantissa a decimal holds (2⁹⁶ − 1).
const MAX_MANTISSA: i128 = (1 << 96) - 1;
/// The most decimal places a decimal holds.
const MAX_SCALE: u32 = 28;

/// `num ÷ den` in the canonical form above. Every operation is checked (see [`Limit`]).
#[derive(Debug, Clone, Copy)]
pub struct Exact {
    num: Decimal,
    den: Decimal,
}

impl From<Decimal> for Exact {
    fn from(d: Decimal) -> Self {
        Exact { num: normalised(d), den: Decimal::ONE }
    }
}

/// `d` without trailing zeros (and `-0` as `0`); most decimals have none, which one remainder tells.
fn normalised(d: Decimal) -> Decimal {
    if d.is_zero() {
        return Decimal::ZERO;
    }
    if d.scale() == 0 || d.mantissa() % 10 != 0 {
        return d;
    }
    d.normalize()
}

/// Equal values are held alike (the canonical form), so equality compares the two parts.
impl PartialEq for Exact {
    fn eq(&self, other: &Self) -> bool {
        self.same_repr(other)
    }
}

impl Exact {
    pub const ZERO: Exact = Exact { num: Decimal::ZERO, den: Decimal::ONE };
    pub const ONE: Exact = Exact { num: Decimal::ONE, den: Decimal::ONE };
    pub const HUNDRED: Exact = Exact { num: Decimal::ONE_HUNDRED, den: Decimal::ONE };

    /// `num ÷ den`; `None` when `den` is zero or the value cannot be held exactly.
    pub fn ratio(num: Decimal, den: Decimal) -> Option<Exact> {
        Exact::try_ratio(num, den).ok()
    }

    /// `num ÷ den` in canonical form, or why it cannot be held.
    pub fn try_ratio(num: Decimal, den: Decimal) -> Result<Exact, Limit> {
        if den.is_zero() {
            return Err(Limit::DivideByZero);
        }
        let (mut a, mut b) = (num.mantissa(), den.mantissa());
        if b < 0 {
            (a, b) = (-a, -b);
        }
        // value = a/b × 10^(s2 − s1)
        let (a, b) = reduced(a, b).ok_or(Limit::DivideByZero)?;
        // Move the factors 2 and 5 of b into a's decimal places: a/(2^i 5^j) = a·2^(m−i)·5^(m−j) / 10^m.
        let twos = b.trailing_zeros();
        let mut rest = b >> twos;
        let mut fives = 0u32;
        while rest % 5 == 0 {
            rest /= 5;
            fives += 1;
        }
        let m = twos.max(fives);
        let a = pow(2, m - twos)
            .and_then(|k| a.checked_mul(k))
            .and_then(|a| a.checked_mul(pow(5, m - fives)?))
            .ok_or(Limit::Precision)?;
        let exponent = i64::from(den.scale()) - i64::from(num.scale()) - i64::from(m);
        let num = if exponent >= 0 {
            let up = u32::try_from(exponent).ok().and_then(|e| pow(10, e)).ok_or(Limit::Overflow)?;
            decimal(a.checked_mul(up).ok_or(Limit::Overflow)?, 0)?
        } else {
            decimal(a, u32::try_from(-exponent).map_err(|_| Limit::Precision)?)?
        };
        if rest == 1 {
            return Ok(Exact::from(num));
        }
        let den = decimal(rest, 0)?;
        Ok(Exact { num, den })
    }

    /// Whether both hold the same numerator and denominator: for canonical values, whether they are equal.
    pub fn same_repr(&self, o: &Exact) -> bool {
        same(&self.num, &o.num) && same(&self.den, &o.den)
    }

    pub fn is_zero(&self) -> bool {
        self.num.is_zero()
    }

    pub fn is_negative(&self) -> bool {
        self.num.is_sign_negative() && !self.num.is_zero()
    }

    /// The exact decimal, if the value terminates within 28 digits.
    pub fn as_decimal(&self) -> Option<Decimal> {
        is_one(&self.den).then_some(self.num)
    }

    /// The quotient to a decimal's 28 significant digits (exact when the value terminates). Never fails: the
    /// denominator is a whole number, so the quotient is no larger than the numerator.
    pub fn to_decimal(&self) -> Option<Decimal> {
        if is_one(&self.den) {
            return Some(self.num);
        }
        self.num.checked_div(self.den)
    }

    pub fn checked_add(&self, o: &Exact) -> Option<Exact> {
        self.try_add(o).ok()
    }

    /// `self + o`, exactly.
    pub fn try_add(&self, o: &Exact) -> Result<Exact, Limit> {
        if is_one(&self.den) && is_one(&o.den) {
            // Two decimals (the usual case: amounts) add up to a decimal.
            return add(self.num, o.num).map(Exact::from);
        }
        // Over the least common denominator: (a·(d/g) + b·(c/g)) / (c·(d/g)) with g = gcd(c, d).
        let (c, d) = (self.den.mantissa(), o.den.mantissa());
        let g = i128::try_from(gcd(c.unsigned_abs(), d.unsigned_abs())).map_err(|_| Limit::Overflow)?.max(1);
        let (c_g, d_g) = (decimal(c / g, 0)?, decimal(d / g, 0)?);
        let num = add(mul(self.num, d_g)?, mul(o.num, c_g)?)?;
        Exact::try_ratio(num, mul(self.den, d_g)?)
    }

    pub fn checked_sub(&self, o: &Exact) -> Option<Exact> {
        self.try_add(&o.neg()).ok()
    }

    /// `self − o`, exactly.
    pub fn try_sub(&self, o: &Exact) -> Result<Exact, Limit> {
        self.try_add(&o.neg())
    }

    pub fn neg(&self) -> Exact {
        if self.num.is_zero() {
            return *self;
        }
        Exact { num: -self.num, den: self.den }
    }

    pub fn checked_mul(&self, o: &Exact) -> Option<Exact> {
        self.try_mul(o).ok()
    }

    /// `self × o`, exactly.
    pub fn try_mul(&self, o: &Exact) -> Result<Exact, Limit> {
        if is_one(&self.den) && is_one(&o.den) {
            return mul(self.num, o.num).map(Exact::from);
        }
        Exact::try_ratio(mul(self.num, o.num)?, mul(self.den, o.den)?)
    }

    /// `None` on a division by zero as well as on a result that cannot be held.
    pub fn checked_div(&self, o: &Exact) -> Option<Exact> {
        self.try_div(o).ok()
    }

    /// `self ÷ o`, exactly.
    pub fn try_div(&self, o: &Exact) -> Result<Exact, Limit> {
        if o.is_zero() {
            return Err(Limit::DivideByZero);
        }
        Exact::try_ratio(mul(self.num, o.den)?, mul(self.den, o.num)?)
    }

    /// Exact comparison by cross-multiplication; `None` when a product cannot be held.
    pub fn cmp_exact(&self, o: &Exact) -> Option<Ordering> {
        if same(&self.den, &o.den) {
            return Some(self.num.cmp(&o.num));
        }
        let (a, b) = (self.num.is_sign_negative(), o.num.is_sign_negative());
        if a != b {
            // Denominators are positive: the signs decide (a zero numerator is never negative).
            return Some(if a { Ordering::Less } else { Ordering::Greater });
        }
        Some(mul(self.num, o.den).ok()?.cmp(&mul(o.num, self.den).ok()?))
    }

    /// Rounds once, exactly, to `dp` decimal places by the tie rule; `None` beyond 38 digits (never for a figure
    /// a decimal holds, with the plans' at most 10 places).
    pub fn rounded(&self, dp: u32, tie: TieRule) -> Option<Rounded> {
        if is_one(&self.den) {
            // A terminating value rounds directly, and exactly.
            let r = self.num.round_dp_with_strategy(dp, tie.strategy());
            let text = places_text(r.mantissa().unsigned_abs(), r.scale(), dp)?;
            return Some(Rounded { sign: r.cmp(&Decimal::ZERO), text });
        }
        // value × 10^dp = a × 10^(dp − k) / d, with a and k the numerator's mantissa and scale: in whole numbers.
        let a = self.num.mantissa().unsigned_abs();
        let k = self.num.scale();
        let d = self.den.mantissa().unsigned_abs();
        let (mut q, rem, divisor) = if dp >= k {
            // Long division, one digit at a time: nothing here exceeds 10 × d.
            let (mut q, mut rem) = (a / d, a % d);
            for _ in k..dp {
                let t = rem * 10;
                q = q.checked_mul(10)?.checked_add(t / d)?;
                rem = t % d;
            }
            (q, rem, d)
        } else {
            match pow(10, k - dp).and_then(|p| u128::try_from(p).ok()).and_then(|p| d.checked_mul(p)) {
                Some(divisor) => (a / divisor, a % divisor, divisor),
                // A divisor beyond 2¹²⁸ exceeds twice any numerator: the value rounds to zero.
                None => (0, a, u128::MAX),
            }
        };
        let twice = rem.checked_mul(2).map_or(Ordering::Greater, |t| t.cmp(&divisor));
        if rounds_up(twice, tie, q % 2 == 1) {
            q = q.checked_add(1)?;
        }
        let text = places_text(q, dp, dp)?;
        let sign = if q == 0 {
            Ordering::Equal
        } else if self.is_negative() {
            Ordering::Less
        } else {
            Ordering::Greater
        };
        Some(Rounded { sign, text })
    }

    /// The display text: rounded once to `dp` places, always showing `dp` places (`-0.0` shows as `0.0`).
    pub fn display(&self, dp: u32, tie: TieRule) -> Option<String> {
        Some(self.rounded(dp, tie)?.text())
    }

    /// The value as a reduced fraction "p/q" of integers, when it does not terminate; `None` otherwise. Where p or
    /// q would need more digits than a decimal holds, the fraction of decimals the value is held as ("0.5/3"): both
    /// forms read back to the same value.
    pub fn fraction(&self) -> Option<String> {
        if is_one(&self.den) {
            return None;
        }
        let p = self.num.mantissa();
        let q = pow(10, self.num.scale()).and_then(|s| self.den.mantissa().checked_mul(s));
        match q.and_then(|q| reduced(p, q)) {
            Some((p, q)) if p.unsigned_abs() <= MAX_MANTISSA.unsigned_abs() && q <= MAX_MANTISSA => {
                Some(format!("{p}/{q}"))
            }
            _ => Some(format!("{}/{}", self.num, self.den)),
        }
    }
}

/// A value rounded for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rounded {
    /// The sign of the rounded value: a value that rounds to zero is zero, never negative.
    sign: Ordering,
    /// The magnitude with exactly the places asked for.
    text: String,
}

impl Rounded {
    pub fn is_zero(&self) -> bool {
        self.sign == Ordering::Equal
    }

    pub fn is_negative(&self) -> bool {
        self.sign == Ordering::Less
    }

    /// The text with its places (`-0.0` shows as `0.0`).
    pub fn text(&self) -> String {
        if self.is_negative() {
            format!("-{}", self.text)
        } else {
            self.text.clone()
        }
    }
}

/// `units × 10^−scale` written with exactly `places` places (`scale ≤ places`), digit by digit: rust_decimal's
/// own formatting panics when asked for more places than its buffer holds.
fn places_text(units: u128, scale: u32, places: u32) -> Option<String> {
    let (scale, places) = (usize::try_from(scale).ok()?, usize::try_from(places).ok()?);
    let digits = format!("{units:0>width$}", width = scale + 1);
    let (int, frac) = digits.split_at(digits.len().checked_sub(scale)?);
    if places == 0 {
        return Some(int.to_owned());
    }
    Some(format!("{int}.{frac:0<places$}"))
}

/// `a + b`, exactly (trailing zeros kept: [`Exact::from`] drops them): rust_decimal keeps the larger scale unless
/// it had to round.
pub fn add(a: Decimal, b: Decimal) -> Result<Decimal, Limit> {
    // rust_decimal hands back the other operand as it is when one is zero.
    if a.is_zero() || b.is_zero() {
        return Ok(if a.is_zero() { b } else { a });
    }
    let r = a.checked_add(b).ok_or(Limit::Overflow)?;
    if r.scale() == a.scale().max(b.scale()) {
        return Ok(r);
    }
    // Trailing zeros ("260.000…") may have forced the rounding: without them the sum may fit.
    let (a, b) = (a.normalize(), b.normalize());
    let r = a.checked_add(b).ok_or(Limit::Overflow)?;
    if r.scale() == a.scale().max(b.scale()) {
        return Ok(r);
    }
    Err(Limit::Precision)
}

/// `a × b`, exactly: rust_decimal keeps the sum of the scales unless it had to round. A product with more than 28
/// places may still be exact (trailing zeros): checked on the integers.
pub fn mul(a: Decimal, b: Decimal) -> Result<Decimal, Limit> {
    if a.is_zero() || b.is_zero() {
        return Ok(Decimal::ZERO);
    }
    let r = a.checked_mul(b).ok_or(Limit::Overflow)?;
    if r.scale() == a.scale() + b.scale() {
        return Ok(r);
    }
    let (a, b) = (a.normalize(), b.normalize());
    let m = a.mantissa().checked_mul(b.mantissa()).ok_or(Limit::Precision)?;
    decimal(m, a.scale() + b.scale())
}

/// `mantissa × 10^−scale` as a normalised decimal, dropping trailing zeros; refused if that needs rounding.
fn decimal(mut mantissa: i128, mut scale: u32) -> Result<Decimal, Limit> {
    while scale > 0 && mantissa % 10 == 0 {
        mantissa /= 10;
        scale -= 1;
    }
    if scale > MAX_SCALE {
        return Err(Limit::Precision);
    }
    if mantissa.unsigned_abs() > MAX_MANTISSA.unsigned_abs() {
        return Err(if scale > 0 { Limit::Precision } else { Limit::Overflow });
    }
    Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| Limit::Overflow)
}

fn pow(base: i128, exp: u32) -> Option<i128> {
    base.checked_pow(exp)
}

/// Whether a truncated quotient goes up by one: by twice its remainder against the divisor, and on a tie by the
/// rule (`odd`: the truncated quotient is odd).
fn rounds_up(twice_remainder: Ordering, tie: TieRule, odd: bool) -> bool {
    match twice_remainder {
        Ordering::Greater => true,
        Ordering::Less => false,
        Ordering::Equal => match tie {
            TieRule::HalfAwayFromZero => true,
            TieRule::HalfEven => odd,
        },
    }
}

/// Whether `d` is 1 as [`Exact`] holds it (mantissa 1, scale 0).
fn is_one(d: &Decimal) -> bool {
    d.scale() == 0 && d.mantissa() == 1
}

/// Whether two decimals are written alike (same mantissa and scale).
fn same(a: &Decimal, b: &Decimal) -> bool {
    a.scale() == b.scale() && a.mantissa() == b.mantissa()
}

/// `a/b` reduced by the gcd of their magnitudes; `None` when both are zero.
fn reduced(a: i128, b: i128) -> Option<(i128, i128)> {
    let g = i128::try_from(gcd(a.unsigned_abs(), b.unsigned_abs())).ok().filter(|g| *g > 0)?;
    Some((a / g, b / g))
}

/// Euclid's gcd.
fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl fmt::Display for Exact {
    /// The decimal quotient (28 significant digits when the value does not terminate).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to_decimal() {
            Some(d) => write!(f, "{}", d.normalize()),
            None => write!(f, "{}/{}", self.num, self.den),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }
    fn r(n: &str, den: &str) -> Exact {
        Exact::ratio(d(n), d(den)).unwrap_or(Exact::ZERO)
    }

    #[test]
    fn terminating_quotients_collapse_to_decimals() {
        assert_eq!(r("2040", "6800").as_decimal(), Some(d("0.3")));
        assert_eq!(r("1450", "6800").as_decimal(), None);
        assert_eq!(r("1450", "6800").fraction().as_deref(), Some("29/136"));
        assert_eq!(r("590", "0.7").fraction().as_deref(), Some("5900/7"));
    }

    #[test]
    fn a_goal_seek_answer_lands_exactly() {
        // (1450 + x) / (6800 + x) = 0.3 with x = 590 / 0.7
        let x = r("590", "0.7");
        let share = Exact::from(d("1450"))
            .checked_add(&x)
            .and_then(|p| p.checked_div(&Exact::from(d("6800")).checked_add(&x)?));
        assert_eq!(share.and_then(|s| s.as_decimal()), Some(d("0.3")));
    }

    #[test]
    fn rounding_is_exact_and_once() {
        for (n, den, dp, tie, expected) in [
            ("145000", "6800", 1, TieRule::HalfAwayFromZero, "21.3"),
            ("1", "4", 1, TieRule::HalfAwayFromZero, "0.3"),
            ("1", "4", 1, TieRule::HalfEven, "0.2"),
            ("-1", "4", 1, TieRule::HalfAwayFromZero, "-0.3"),
            ("-1", "40", 1, TieRule::HalfEven, "0.0"),
            ("2", "3", 2, TieRule::HalfAwayFromZero, "0.67"),
            ("-2", "3", 0, TieRule::HalfAwayFromZero, "-1"),
            // 0.2499999…(28 nines)… must not round as 0.25 would.
            ("2499999999999999999999999999", "10000000000000000000000000000", 1, TieRule::HalfAwayFromZero, "0.2"),
            ("62900", "647.4", 3, TieRule::HalfAwayFromZero, "97.158"),
            // About 1.39 × 10¹²: a numerator of 28 digits rounds without overflowing.
            ("4166666666666666666666666667", "3000000000000000", 2, TieRule::HalfAwayFromZero, "1388888888888.89"),
            (
                "79228162514264337593543950335",
                "1",
                10,
                TieRule::HalfAwayFromZero,
                "79228162514264337593543950335.0000000000",
            ),
            (
                "79228162514264337593543950335",
                "3",
                10,
                TieRule::HalfAwayFromZero,
                "26409387504754779197847983445.0000000000",
            ),
        ] {
            assert_eq!(r(n, den).display(dp, tie).as_deref(), Some(expected), "{n}/{den} to {dp} {tie:?}");
        }
    }

    #[test]
    fn fractions_reduce() {
        assert_eq!(reduced(-145000, 6800), Some((-725, 34)));
        assert_eq!(reduced(1 << 100, 3 << 98), Some((4, 3)));
        assert_eq!(reduced(0, 0), None);
    }

    #[test]
    fn comparison_never_rounds() {
        let third = r("1", "3");
        let approx = Exact::from(d("0.3333333333333333333333333333"));
        assert_eq!(third.cmp_exact(&approx), Some(Ordering::Greater));
        assert!(third != approx);
        assert_eq!(r("2", "6"), third);
    }

    #[test]
    fn equal_values_are_held_alike() {
        assert!(Exact::from(d("260")).same_repr(&Exact::from(d("260.00000000000000000000000000"))));
        assert!(r("1", "30").same_repr(&r("0.1", "3")));
        assert!(r("1", "6").same_repr(&r("0.5", "3")));
        assert!(r("10", "3").same_repr(&r("1", "0.3")));
        let sum = Exact::from(d("0.5")).checked_add(&Exact::from(d("0.5")));
        assert!(sum.is_some_and(|s| s.same_repr(&Exact::ONE)));
        assert!(Exact::from(d("-0")).same_repr(&Exact::ZERO));
    }

    #[test]
    fn what_would_round_is_refused() {
        let ten = Exact::from(d("10"));
        let tiny = Exact::from(d("0.0000000000000000000000000001"));
        assert_eq!(ten.try_add(&tiny), Err(Limit::Precision));
        assert_eq!(tiny.try_mul(&Exact::from(d("0.1"))), Err(Limit::Precision));
        assert_eq!(Exact::from(Decimal::MAX).try_add(&Exact::ONE), Err(Limit::Overflow));
        // A fraction beyond a decimal's range is refused, not held.
        assert_eq!(Exact::try_ratio(Decimal::MAX, d("0.0000000000000000000000000001")), Err(Limit::Overflow));
        // Exact products with more than 28 places but trailing zeros are kept.
        assert_eq!(Exact::from(d("0.5")).try_mul(&Exact::from(d("0.0000000000000000000000000002"))), Ok(tiny));
        // Trailing zeros never make a sum or product inexact.
        assert_eq!(add(d("260.00000000000000000000000000"), d("6210.81")).map(normalised), Ok(d("6470.81")));
        assert_eq!(mul(d("260.00000000000000000000000000"), d("2.5")).map(normalised), Ok(d("650")));
    }

    #[test]
    fn every_fraction_reads_back() {
        // 1.2345678901234567890123456787 / 9: the integer fraction needs 29 digits, so the decimal form is written.
        let v = r("1.2345678901234567890123456787", "9");
        let text = v.fraction().unwrap_or_default();
        let (n, m) = text.split_once('/').unwrap_or_default();
        assert_eq!(Exact::ratio(d(n), d(m)), Some(v), "{text}");
    }
}
