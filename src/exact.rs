//! Exact values: a ratio of two decimals, so that shares, rates and goal-seek answers such as
//! 590 ÷ 0.7 stay exact. A value that terminates within a decimal's 28 digits is held as `n / 1`.

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

/// `num ÷ den` with `den > 0`. Every operation is checked: `None` means the result left the range of a decimal.
#[derive(Debug, Clone, Copy)]
pub struct Exact {
    num: Decimal,
    den: Decimal,
}

impl From<Decimal> for Exact {
    fn from(d: Decimal) -> Self {
        Exact { num: d, den: Decimal::ONE }
    }
}

impl PartialEq for Exact {
    fn eq(&self, other: &Self) -> bool {
        self.cmp_exact(other) == Some(Ordering::Equal)
    }
}

impl Exact {
    pub const ZERO: Exact = Exact { num: Decimal::ZERO, den: Decimal::ONE };
    pub const ONE: Exact = Exact { num: Decimal::ONE, den: Decimal::ONE };
    pub const HUNDRED: Exact = Exact { num: Decimal::ONE_HUNDRED, den: Decimal::ONE };

    /// `num ÷ den`; `None` when `den` is zero.
    pub fn ratio(num: Decimal, den: Decimal) -> Option<Exact> {
        if den.is_zero() {
            return None;
        }
        let (num, den) = if den.is_sign_negative() { (-num, -den) } else { (num, den) };
        Some(Exact { num, den }.simplified())
    }

    /// Reduces the fraction by the gcd of its integer mantissas, and collapses it to `q / 1` when the
    /// quotient terminates within a decimal. Decided on integers: a rounded product can never fool it.
    fn simplified(self) -> Exact {
        if is_one(&self.den) {
            return self;
        }
        let Some((a, b)) = reduced(self.num.mantissa(), self.den.mantissa()) else { return self };
        let (s1, s2) = (self.num.scale(), self.den.scale());
        if let Some(q) = terminating(a, b, s1, s2) {
            return Exact::from(q);
        }
        match (Decimal::try_from_i128_with_scale(a, s1), Decimal::try_from_i128_with_scale(b, s2)) {
            (Ok(num), Ok(den)) => Exact { num, den },
            _ => self,
        }
    }

    /// Whether both hold the same numerator and denominator (equal values may differ in representation).
    pub fn same_repr(&self, o: &Exact) -> bool {
        self.num == o.num && self.den == o.den
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

    /// The quotient to a decimal's 28 significant digits (exact when the value terminates).
    pub fn to_decimal(&self) -> Option<Decimal> {
        if is_one(&self.den) {
            return Some(self.num);
        }
        self.num.checked_div(self.den)
    }

    pub fn checked_add(&self, o: &Exact) -> Option<Exact> {
        if same(&self.den, &o.den) {
            let sum = self.num.checked_add(o.num)?;
            // Two decimals (the usual case: amounts) add up to a decimal.
            return if is_one(&self.den) { Some(Exact::from(sum)) } else { Exact::ratio(sum, self.den) };
        }
        let a = self.num.checked_mul(o.den)?;
        let b = o.num.checked_mul(self.den)?;
        Exact::ratio(a.checked_add(b)?, self.den.checked_mul(o.den)?)
    }

    pub fn checked_sub(&self, o: &Exact) -> Option<Exact> {
        self.checked_add(&o.neg())
    }

    pub fn neg(&self) -> Exact {
        Exact { num: -self.num, den: self.den }
    }

    pub fn checked_mul(&self, o: &Exact) -> Option<Exact> {
        Exact::ratio(self.num.checked_mul(o.num)?, self.den.checked_mul(o.den)?)
    }

    /// `None` on a division by zero as well as on overflow.
    pub fn checked_div(&self, o: &Exact) -> Option<Exact> {
        Exact::ratio(self.num.checked_mul(o.den)?, self.den.checked_mul(o.num)?)
    }

    /// Exact comparison by cross-multiplication; `None` on overflow.
    pub fn cmp_exact(&self, o: &Exact) -> Option<Ordering> {
        if same(&self.den, &o.den) {
            return Some(self.num.cmp(&o.num));
        }
        Some(self.num.checked_mul(o.den)?.cmp(&o.num.checked_mul(self.den)?))
    }

    /// Rounds once, exactly, to `dp` decimal places by the tie rule; `None` on overflow.
    pub fn round(&self, dp: u32, tie: TieRule) -> Option<Decimal> {
        if is_one(&self.den) {
            // A terminating value rounds directly, and exactly.
            let mut r = self.num.round_dp_with_strategy(dp, tie.strategy());
            if r.is_zero() {
                r.set_sign_positive(true);
            }
            return Some(r);
        }
        let scale = Decimal::from_i128_with_scale(10i128.checked_pow(dp)?, 0);
        let a = self.num.checked_mul(scale)?.abs();
        let b = self.den;
        // The quotient from checked_div may be rounded in its last digit: correct its truncation exactly.
        let mut q = a.checked_div(b)?.trunc();
        let mut r = a.checked_sub(q.checked_mul(b)?)?;
        while r.is_sign_negative() && !r.is_zero() {
            q = q.checked_sub(Decimal::ONE)?;
            r = r.checked_add(b)?;
        }
        while r >= b {
            q = q.checked_add(Decimal::ONE)?;
            r = r.checked_sub(b)?;
        }
        let twice = r.checked_mul(Decimal::TWO)?;
        if rounds_up(twice.cmp(&b), tie, q % Decimal::TWO != Decimal::ZERO) {
            q = q.checked_add(Decimal::ONE)?;
        }
        let mut rounded = q.checked_div(scale)?;
        if self.is_negative() && !rounded.is_zero() {
            rounded = -rounded;
        }
        Some(rounded)
    }

    /// The display text: rounded once to `dp` places, always showing `dp` places (`-0.0` shows as `0.0`).
    pub fn display(&self, dp: u32, tie: TieRule) -> Option<String> {
        fixed(&self.round(dp, tie)?, dp)
    }

    /// The value as a reduced fraction "p/q" of integers, when it does not terminate; `None` otherwise.
    pub fn fraction(&self) -> Option<String> {
        if is_one(&self.den) {
            return None;
        }
        let scale = self.num.scale().max(self.den.scale());
        let p = self.num.mantissa().checked_mul(10i128.checked_pow(scale - self.num.scale())?)?;
        let q = self.den.mantissa().checked_mul(10i128.checked_pow(scale - self.den.scale())?)?;
        let (p, q) = reduced(p, q)?;
        Some(format!("{p}/{q}"))
    }
}

/// A decimal written with exactly `dp` places (it is already rounded to them).
pub fn fixed(d: &Decimal, dp: u32) -> Option<String> {
    let places = usize::try_from(dp).ok()?;
    Some(format!("{d:.places$}"))
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

/// Whether `d` is 1 as [`Exact`] holds it (mantissa 1, scale 0): a denominator is either that or does not
/// terminate, since [`Exact::ratio`] reduces every other. Cheaper than `==`, which rescales to compare.
fn is_one(d: &Decimal) -> bool {
    d.scale() == 0 && d.mantissa() == 1
}

/// Whether two decimals are written alike (same mantissa and scale), which implies equal; equal values written
/// differently take the general path, which gives the same answer.
fn same(a: &Decimal, b: &Decimal) -> bool {
    a.scale() == b.scale() && a.mantissa() == b.mantissa()
}

/// `(a × 10^-s1) ÷ (b × 10^-s2)` as a decimal, if it terminates within 28 places; `a/b` already reduced, `b > 0`.
fn terminating(a: i128, b: i128, s1: u32, s2: u32) -> Option<Decimal> {
    let twos = b.trailing_zeros();
    let mut rest = b >> twos;
    let mut fives = 0u32;
    while rest % 5 == 0 {
        rest /= 5;
        fives += 1;
    }
    if rest != 1 {
        return None;
    }
    // a / (2^i 5^j) = a · 2^(m−i) · 5^(m−j) / 10^m with m = max(i, j).
    let m = twos.max(fives);
    let mantissa = a.checked_mul(2i128.checked_pow(m - twos)?)?.checked_mul(5i128.checked_pow(m - fives)?)?;
    let scale = i64::from(m) + i64::from(s1) - i64::from(s2);
    if scale < 0 {
        let up = 10i128.checked_pow(u32::try_from(-scale).ok()?)?;
        return Decimal::try_from_i128_with_scale(mantissa.checked_mul(up)?, 0).ok();
    }
    Decimal::try_from_i128_with_scale(mantissa, u32::try_from(scale).ok()?).ok()
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
            // 0.2499999…(28 nines)… must not round as 0.25 would.
            ("2499999999999999999999999999", "10000000000000000000000000000", 1, TieRule::HalfAwayFromZero, "0.2"),
            ("62900", "647.4", 3, TieRule::HalfAwayFromZero, "97.158"),
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
}
