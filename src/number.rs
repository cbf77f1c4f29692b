//! Numbers as planners type them, and rounding once at display.

use crate::error::{Error, NumberProblem, Result};
use crate::exact::{Exact, Limit};
use rust_decimal::Decimal;

/// Reads a decimal the way planners type it: `"1,450"`, `"1450.5"`, `" 1450 "`, `"１４５０"`.
///
/// Grouping commas must group by thousands ("1,2,3" is refused); exponents, `NaN` and
/// `Infinity` are refused; more digits than a decimal holds is an error, never a silent rounding.
pub fn parse_decimal(text: &str, path: &str) -> Result<Decimal> {
    let problem = |problem| Error::Number { path: path.to_owned(), text: text.to_owned(), problem };
    let normal: String = text.trim().chars().filter_map(normalise_char).collect();
    let lower = normal.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['+', '-']);
    if matches!(unsigned, "nan" | "inf" | "infinity") {
        return Err(problem(NumberProblem::NotFinite));
    }
    let (sign, body) = match normal.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", normal.strip_prefix('+').unwrap_or(&normal)),
    };
    let (int_part, frac_part) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let int_digits = ungroup(int_part).ok_or_else(|| problem(NumberProblem::Invalid))?;
    let frac_ok = frac_part.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    if int_digits.is_empty() || !frac_ok {
        return Err(problem(NumberProblem::Invalid));
    }
    let canonical = match frac_part {
        Some(f) => format!("{sign}{int_digits}.{f}"),
        None => format!("{sign}{int_digits}"),
    };
    let value = Decimal::from_str_exact(&canonical).map_err(|_| problem(NumberProblem::OutOfRange))?;
    Ok(normalise_zero(value))
}

/// Reads an exact value: a decimal as [`parse_decimal`] reads it, or a fraction `"5900/7"` (as goal seek
/// writes answers that do not terminate), so that applying such an answer is exact.
pub fn parse_exact(text: &str, path: &str) -> Result<Exact> {
    let Some((n, d)) = text.split_once(['/', '／']) else {
        return parse_decimal(text, path).map(Exact::from);
    };
    let num = parse_decimal(n, path)?;
    let den = parse_decimal(d, path)?;
    Exact::try_ratio(num, den).map_err(|limit| Error::Number {
        path: path.to_owned(),
        text: text.to_owned(),
        problem: match limit {
            Limit::DivideByZero => NumberProblem::Invalid,
            // Beyond a decimal's range, or more digits than it holds: either way not a figure plancalc holds.
            Limit::Overflow | Limit::Precision => NumberProblem::OutOfRange,
        },
    })
}

/// Full-width digits and signs to ASCII; white space inside the number is dropped.
fn normalise_char(c: char) -> Option<char> {
    match c {
        '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
        '．' | '。' => Some('.'),
        '，' => Some(','),
        '－' | '−' => Some('-'),
        '＋' => Some('+'),
        c if c.is_whitespace() => None,
        c => Some(c),
    }
}

/// The digits of an integer part, with thousands separators checked and removed.
fn ungroup(int_part: &str) -> Option<String> {
    if !int_part.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return None;
    }
    if !int_part.contains(',') {
        return Some(int_part.to_owned());
    }
    let mut groups = int_part.split(',');
    let first = groups.next()?;
    let first_ok = (1..=3).contains(&first.len());
    let rest_ok = groups.all(|g| g.len() == 3);
    (first_ok && rest_ok).then(|| int_part.replace(',', ""))
}

/// `-0` displays as `0`.
fn normalise_zero(mut d: Decimal) -> Decimal {
    if d.is_zero() {
        d.set_sign_positive(true);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn accepts_the_forms_planners_type() {
        for (input, expected) in [
            ("1450", "1450"),
            ("1,450", "1450"),
            ("1450.5", "1450.5"),
            (" 1450 ", "1450"),
            ("１４５０", "1450"),
            ("１，４５０．５", "1450.5"),
            ("6,800,000", "6800000"),
            ("-12.5", "-12.5"),
            ("+3", "3"),
            ("0.1753", "0.1753"),
            ("-0", "0"),
            ("1 450", "1450"),
        ] {
            let got = parse_decimal(input, "x");
            assert_eq!(got, Ok(dec(expected)), "input {input:?}");
        }
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for (input, code) in [
            ("abc", "number.invalid"),
            ("1,2,3", "number.invalid"),
            ("12,34", "number.invalid"),
            (",450", "number.invalid"),
            ("1e5", "number.invalid"),
            ("", "number.invalid"),
            ("-", "number.invalid"),
            ("1.", "number.invalid"),
            (".5", "number.invalid"),
            ("1.2.3", "number.invalid"),
            ("NaN", "number.not_finite"),
            ("Infinity", "number.not_finite"),
            ("-inf", "number.not_finite"),
            ("1234567890123456789012345678901234567890", "number.out_of_range"),
            ("0.12345678901234567890123456789012", "number.out_of_range"),
        ] {
            let got = parse_decimal(input, "series[0].values.2023").map_err(|e| (e.code(), e.path().to_owned()));
            assert_eq!(got, Err((code, "series[0].values.2023".to_owned())), "input {input:?}");
        }
    }

    use crate::exact::TieRule;

    #[test]
    fn rounds_once_with_the_plan_tie_rule() {
        for (value, dp, tie, expected) in [
            ("21.3235294117647", 1, TieRule::HalfAwayFromZero, "21.3"),
            ("30", 1, TieRule::HalfAwayFromZero, "30.0"),
            ("0.25", 1, TieRule::HalfAwayFromZero, "0.3"),
            ("0.25", 1, TieRule::HalfEven, "0.2"),
            ("-0.25", 1, TieRule::HalfAwayFromZero, "-0.3"),
            ("-0.04", 1, TieRule::HalfAwayFromZero, "0.0"),
            ("13.825", 2, TieRule::HalfEven, "13.82"),
        ] {
            assert_eq!(
                Exact::from(dec(value)).display(dp, tie).as_deref(),
                Some(expected),
                "value {value} dp {dp} {tie:?}"
            );
        }
    }
}
