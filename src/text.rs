//! `Short`: a short string stored inline, for the display texts, fractions and unit symbols that every result
//! carries. An edit builds dozens of them; keeping them off the heap keeps an edit's cost down to the arithmetic.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::Deref;

/// Bytes a [`Short`] holds: a fraction of two 29-digit integers with its sign and slash fits.
pub const CAPACITY: usize = 63;

/// A UTF-8 string of at most [`CAPACITY`] bytes, stored inline and `Copy`.
#[derive(Clone, Copy)]
pub struct Short {
    len: u8,
    buf: [u8; CAPACITY],
}

impl Short {
    pub const EMPTY: Short = Short { len: 0, buf: [0; CAPACITY] };

    /// The text, or `None` if it is longer than [`CAPACITY`] bytes.
    pub fn new(text: &str) -> Option<Short> {
        let mut s = Short::EMPTY;
        fmt::Write::write_str(&mut s, text).ok()?;
        Some(s)
    }

    /// Formats into a `Short`; `None` if the result is too long.
    pub fn format(args: fmt::Arguments<'_>) -> Option<Short> {
        let mut s = Short::EMPTY;
        fmt::write(&mut s, args).ok()?;
        Some(s)
    }

    /// A decimal written with exactly `places` decimals (it must have no more), without going through
    /// `fmt`: digits straight from the mantissa. `None` if the decimal has more places than asked for.
    pub fn fixed(value: &Decimal, places: u32) -> Option<Short> {
        let value = if value.scale() > places { value.normalize() } else { *value };
        let scale = value.scale();
        if scale > places {
            return None;
        }
        let negative = value.is_sign_negative() && !value.is_zero();
        Short::scaled(negative, value.mantissa().unsigned_abs(), places - scale, places)
    }

    /// The number `magnitude · 10^shift · 10^−places` (with a minus sign if `negative`), written with exactly
    /// `places` decimals and at least one digit before the point.
    pub fn scaled(negative: bool, magnitude: u128, shift: u32, places: u32) -> Option<Short> {
        let mut digits = [b'0'; 40];
        let written = digits_of(magnitude, &mut digits);
        let (shift, places) = (usize::try_from(shift).ok()?, usize::try_from(places).ok()?);
        // Digits from the most significant; index i counts from the least significant, zeros below `shift`.
        let count = (written + shift).max(places + 1);
        let length = count + usize::from(negative) + usize::from(places > 0);
        let mut out = Short::EMPTY;
        out.len = u8::try_from(length).ok().filter(|n| usize::from(*n) <= CAPACITY)?;
        let mut slots = out.buf.iter_mut();
        if negative {
            *slots.next()? = b'-';
        }
        for i in (0..count).rev() {
            *slots.next()? = match i.checked_sub(shift) {
                Some(k) => digits.get(k).copied().unwrap_or(b'0'),
                None => b'0',
            };
            if i == places && places > 0 {
                *slots.next()? = b'.';
            }
        }
        Some(out)
    }

    fn bytes(&self) -> &[u8] {
        self.buf.get(..usize::from(self.len)).unwrap_or_default()
    }

    pub fn as_str(&self) -> &str {
        // SAFETY: the bytes are valid UTF-8: only whole `&str`s are appended (`write_str`) and `scaled` writes ASCII.
        // Checking them again on every read was a measurable part of writing an edit's results.
        unsafe { std::str::from_utf8_unchecked(self.bytes()) }
    }
}

/// Writes the decimal digits of `n` into `out`, least significant first, and returns how many (none for zero).
/// Division by ten is done on 32-bit pieces of nine digits, which compilers turn into a multiplication; wasm has
/// no 64-bit one to do the same for larger numbers, and 128-bit division is a slow library call.
pub fn digits_of(n: u128, out: &mut [u8]) -> usize {
    const TEN9: u64 = 1_000_000_000;
    let mut len = 0;
    let mut put32 = |len: &mut usize, mut v: u32, min: usize| {
        let start = *len;
        while v > 0 || *len - start < min {
            if let Some(slot) = out.get_mut(*len) {
                *slot = b'0' + (v % 10) as u8;
            }
            v /= 10;
            *len += 1;
        }
    };
    // Nine digits at a time: the number as 32-bit limbs (most significant first) divided by 10^9 in 64 bits.
    let mut limbs = [(n >> 96) as u32, (n >> 64) as u32, (n >> 32) as u32, n as u32];
    let mut first = limbs.iter().position(|l| *l != 0).unwrap_or(limbs.len());
    while first < limbs.len() {
        let mut rem = 0u64;
        for limb in limbs.iter_mut().skip(first) {
            let cur = (rem << 32) | u64::from(*limb);
            *limb = (cur / TEN9) as u32;
            rem = cur % TEN9;
        }
        while limbs.get(first) == Some(&0) {
            first += 1;
        }
        put32(&mut len, rem as u32, if first < limbs.len() { 9 } else { 0 });
    }
    len
}

impl fmt::Write for Short {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let start = usize::from(self.len);
        let end = start.checked_add(text.len()).ok_or(fmt::Error)?;
        let slot = self.buf.get_mut(start..end).ok_or(fmt::Error)?;
        slot.copy_from_slice(text.as_bytes());
        self.len = u8::try_from(end).map_err(|_| fmt::Error)?;
        Ok(())
    }
}

impl Deref for Short {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl Default for Short {
    fn default() -> Self {
        Short::EMPTY
    }
}

impl PartialEq for Short {
    fn eq(&self, other: &Short) -> bool {
        self.bytes() == other.bytes()
    }
}

impl Eq for Short {}

impl PartialEq<str> for Short {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Short {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Debug for Short {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Short {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl Serialize for Short {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Short {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Short, D::Error> {
        let text = String::deserialize(deserializer)?;
        Short::new(&text).ok_or_else(|| serde::de::Error::custom(format!("longer than {CAPACITY} bytes")))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests, not library code
    use super::*;

    #[test]
    fn holds_up_to_capacity_and_refuses_more() {
        let full = "9".repeat(CAPACITY);
        assert_eq!(Short::new(&full).unwrap(), full.as_str());
        assert!(Short::new(&format!("{full}9")).is_none());
        assert_eq!(Short::new("亿元").unwrap().len(), "亿元".len());
        assert_eq!(Short::format(format_args!("{}/{}", 16050, 7)).unwrap(), "16050/7");
        assert!(Short::format(format_args!("{full}{}", 1)).is_none());
    }

    #[test]
    fn writes_fixed_point_like_fmt() {
        for (text, places) in [
            ("0", 2),
            ("0.5", 1),
            ("-0.05", 2),
            ("1913.5", 2),
            ("21", 0),
            ("-1892.5", 2),
            ("0.001", 3),
            ("79228162514264337593543950335", 0),
            ("-7.9228162514264337593543950335", 28),
            ("123.4", 4),
            ("-0", 2),
        ] {
            let d: Decimal = text.parse().unwrap();
            let p = usize::try_from(places).unwrap();
            let expected = if d.is_zero() { format!("{:.p$}", Decimal::ZERO) } else { format!("{d:.p$}") };
            assert_eq!(Short::fixed(&d, places).unwrap(), expected.as_str(), "{text} to {places}");
        }
        assert!(Short::fixed(&"1.25".parse().unwrap(), 1).is_none());
    }

    #[test]
    fn compares_and_serializes_as_its_text() {
        let a = Short::new("21.32").unwrap();
        assert_eq!(a, Short::new("21.32").unwrap());
        assert_ne!(a, Short::EMPTY);
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"21.32\"");
        assert_eq!(serde_json::from_str::<Short>("\"21.32\"").unwrap(), a);
        assert_eq!(format!("[{a:>7}]"), "[  21.32]");
    }

    #[test]
    fn digits_come_out_as_to_string_writes_them() {
        let mut x: u128 = 1;
        let mut cases =
            vec![0, 1, 9, 10, 999_999_999, 1_000_000_000, 1_000_000_001, 10u128.pow(18), 10u128.pow(18) + 7];
        cases.extend([u128::from(u64::MAX), u128::from(u64::MAX) + 1, 10u128.pow(19), 10u128.pow(28) + 5, u128::MAX]);
        for _ in 0..200 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            cases.extend([x, x >> 40, x >> 70, x >> 100]);
        }
        for n in cases {
            let mut out = [0u8; 40];
            let len = digits_of(n, &mut out);
            let mut text: Vec<u8> = out.get(..len).unwrap_or_default().to_vec();
            text.reverse();
            let expected = if n == 0 { String::new() } else { n.to_string() };
            assert_eq!(String::from_utf8(text).unwrap_or_default(), expected, "{n}");
        }
    }
}
