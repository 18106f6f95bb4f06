//! NumericDates in human form, for `decode` on a terminal: UTC, RFC 3339
//! (`2100-01-01T00:00:00Z`).
//!
//! The calendar is the proleptic Gregorian one (RFC 3339 §5.6 and ISO
//! 8601). Converting a day count to a date uses the era method described
//! by Howard Hinnant ("chrono-Compatible Low-Level Date Algorithms"): shift
//! the epoch to 0000-03-01 so that the leap day ends each year, split the
//! days into 400-year eras of 146,097 days, and read the year of the era,
//! the day of the year and the month from three small divisions.
//!
//! Fractions of a second are shown to at most 9 digits (nanoseconds),
//! rounded down like the whole seconds. Years outside RFC 3339's 0000-9999
//! are written with a sign and as many digits as needed (ISO 8601's
//! expanded form) and say so; values 10^18 s or more from 1970 are only
//! described.

use barejwt::json::{Number, Value};
use barejwt::NumericDate;

/// Seconds in a day (UTC has no leap seconds in NumericDate arithmetic,
/// RFC 7519 §2: "ignoring leap seconds").
const SECS_PER_DAY: i64 = 86_400;
/// Days in a 400-year Gregorian era.
const DAYS_PER_ERA: i64 = 146_097;
/// Days from 0000-03-01 to 1970-01-01.
const EPOCH_SHIFT_DAYS: i64 = 719_468;
/// Fraction digits shown.
const FRACTION_DIGITS: usize = 9;

/// A civil date: year, month 1..=12, day 1..=31.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    /// The year; 0 is 1 BC.
    pub year: i64,
    /// 1..=12.
    pub month: u32,
    /// 1..=31.
    pub day: u32,
}

/// The date `days` after 1970-01-01 (negative: before). Exact for any
/// `|days|` up to 10^15, far beyond what [`describe`] passes.
pub fn civil_from_days(days: i64) -> Date {
    let shifted = days + EPOCH_SHIFT_DAYS; // days since 0000-03-01
    let era = shifted.div_euclid(DAYS_PER_ERA);
    let day_of_era = shifted.rem_euclid(DAYS_PER_ERA); // 0..=146096
                                                       // Year of the era, 0..=399: remove the leap days (one per 4 years,
                                                       // none per 100, one per 400) before dividing by 365.
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100); // 0..=365, from March 1
                                                                                              // Months from March: lengths 31,30,31,30,31 repeat; 153 days per 5 months.
    let month_from_march = (5 * day_of_year + 2) / 153; // 0..=11
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = era * 400 + year_of_era + i64::from(month <= 2);
    Date {
        year,
        month: u32::try_from(month).unwrap_or(1),
        day: u32::try_from(day).unwrap_or(1),
    }
}

/// Days from 1970-01-01 to `date`: the inverse of [`civil_from_days`].
#[cfg(test)]
pub fn days_from_civil(date: Date) -> i64 {
    let year = date.year - i64::from(date.month <= 2); // years start in March
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month_from_march = i64::from((date.month + 9) % 12);
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(date.day) - 1;
    let day_of_era = 365 * year_of_era + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * DAYS_PER_ERA + day_of_era - EPOCH_SHIFT_DAYS
}

/// `secs` (+ `fraction`, digits after the point) as RFC 3339 UTC text.
pub fn rfc3339(secs: i64, fraction: &str) -> String {
    let date = civil_from_days(secs.div_euclid(SECS_PER_DAY));
    let of_day = secs.rem_euclid(SECS_PER_DAY);
    let (h, m, s) = (of_day / 3600, of_day / 60 % 60, of_day % 60);
    let dot = if fraction.is_empty() { "" } else { "." };
    let time = format!(
        "{:02}-{:02}T{h:02}:{m:02}:{s:02}{dot}{fraction}Z",
        date.month, date.day
    );
    if (0..=9999).contains(&date.year) {
        format!("{:04}-{time}", date.year)
    } else {
        format!(
            "{:+05}-{time} (year outside RFC 3339's 0000-9999)",
            date.year
        )
    }
}

/// A date claim's value in human form: `2100-01-01T00:00:00Z`, or why it
/// is not a date.
pub fn describe(value: &Value) -> String {
    let Value::Number(number) = value else {
        return format!("not a date: a {}, not a number", value.type_name());
    };
    if let Err(why) = NumericDate::from_number(number) {
        return format!("not a date: {why}");
    }
    match split_seconds(number) {
        Some((secs, fraction)) => rfc3339(secs, &fraction),
        None => "10^18 seconds or more from 1970: no calendar date shown".to_string(),
    }
}

/// The number's value as whole seconds rounded down and the first
/// [`FRACTION_DIGITS`] digits of what is above them (trailing zeros
/// dropped); `None` when it is 10^18 or more from zero.
fn split_seconds(number: &Number) -> Option<(i64, String)> {
    let text = number.as_str();
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, exponent_value(e)),
        None => (unsigned, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: Vec<u8> = int_part
        .bytes()
        .chain(frac_part.bytes())
        .map(|d| d.wrapping_sub(b'0'))
        .collect();
    // The value is 0.DIGITS × 10^point after dropping leading zeros.
    let zeros = digits.iter().take_while(|&&d| d == 0).count();
    let digits = digits.get(zeros..).unwrap_or_default();
    // Lengths are bounded by the token size; the exponent is saturated.
    let point = (int_part.len() as i64 - zeros as i64).saturating_add(exponent);
    let digit_at = |i: i64| -> u8 {
        usize::try_from(i)
            .ok()
            .and_then(|i| digits.get(i).copied())
            .unwrap_or(0)
    };
    if digits.is_empty() {
        return Some((0, String::new()));
    }
    if point > 18 {
        return None;
    }
    let mut whole: i64 = 0;
    for i in 0..point.max(0) {
        whole = whole * 10 + i64::from(digit_at(i));
    }
    let mut shown: u64 = 0;
    for i in 0..FRACTION_DIGITS as i64 {
        shown = shown * 10 + u64::from(digit_at(point + i));
    }
    let first_unshown = usize::try_from(point + FRACTION_DIGITS as i64).unwrap_or(0);
    let rest_nonzero = digits
        .get(first_unshown.min(digits.len())..)
        .unwrap_or_default()
        .iter()
        .any(|&d| d != 0);
    let has_fraction = shown != 0 || rest_nonzero;
    let scale = 10u64.pow(FRACTION_DIGITS as u32);
    let (secs, shown) = match (negative, has_fraction) {
        (false, _) => (whole, shown),
        (true, false) => (-whole, 0),
        // -(w + f) = -(w + 1) + (1 - f); shown rounded down.
        (true, true) => (-whole - 1, scale - shown - u64::from(rest_nonzero)),
    };
    let mut fraction = if shown == 0 {
        String::new()
    } else {
        format!("{shown:09}")
    };
    while fraction.ends_with('0') {
        fraction.pop();
    }
    Some((secs, fraction))
}

/// An exponent's value (`+5`, `-12`, `7`), saturated at ±10^15: far past
/// any date shown, and no overflow for any text.
fn exponent_value(text: &str) -> i64 {
    const SATURATE: i64 = 1_000_000_000_000_000;
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..).unwrap_or("")),
        Some(b'+') => (false, text.get(1..).unwrap_or("")),
        _ => (false, text),
    };
    let mut value: i64 = 0;
    for d in digits.bytes() {
        value = (value * 10 + i64::from(d.wrapping_sub(b'0'))).min(SATURATE);
    }
    if negative {
        -value
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use barejwt::json;

    fn date(year: i64, month: u32, day: u32) -> Date {
        Date { year, month, day }
    }

    fn human(number_text: &str) -> String {
        describe(&json::parse(number_text.as_bytes()).unwrap())
    }

    #[test]
    fn known_days() {
        for (days, d) in [
            (0, date(1970, 1, 1)),
            (-1, date(1969, 12, 31)),
            (11_016, date(2000, 2, 29)),
            (11_017, date(2000, 3, 1)),
            (-25_508, date(1900, 3, 1)),
            (-25_509, date(1900, 2, 28)), // 1900 is not a leap year
            (19_782, date(2024, 2, 29)),
            (2_932_896, date(9999, 12, 31)),
            (47_482, date(2100, 1, 1)),
            (-719_468, date(0, 3, 1)),
            (-719_528, date(0, 1, 1)),
        ] {
            assert_eq!(civil_from_days(days), d, "day {days}");
            assert_eq!(days_from_civil(d), days, "{d:?}");
        }
    }

    #[test]
    fn every_day_of_a_thousand_years_round_trips_in_order() {
        let mut previous = civil_from_days(-200_001);
        for days in -200_000..200_000 {
            let d = civil_from_days(days);
            assert_eq!(days_from_civil(d), days);
            let next_day = d.day == previous.day + 1 && d.month == previous.month;
            let next_month = d.day == 1
                && (d.month == previous.month + 1 || (d.month == 1 && previous.month == 12));
            assert!(next_day || next_month, "{previous:?} -> {d:?}");
            previous = d;
        }
    }

    #[test]
    fn rfc3339_text() {
        assert_eq!(rfc3339(4_102_444_800, ""), "2100-01-01T00:00:00Z");
        assert_eq!(rfc3339(0, ""), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(-1, ""), "1969-12-31T23:59:59Z");
        assert_eq!(rfc3339(951_782_400, ""), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_709_164_800, ""), "2024-02-29T00:00:00Z");
        assert_eq!(rfc3339(-2_203_891_200, ""), "1900-03-01T00:00:00Z");
        assert_eq!(rfc3339(253_402_300_799, ""), "9999-12-31T23:59:59Z");
        assert_eq!(rfc3339(1_750_000_000, "5"), "2025-06-15T15:06:40.5Z");
        assert_eq!(
            rfc3339(253_402_300_800, ""),
            "+10000-01-01T00:00:00Z (year outside RFC 3339's 0000-9999)"
        );
        assert!(rfc3339(i64::MIN, "").contains("outside"));
        assert!(rfc3339(i64::MAX, "").contains("outside"));
    }

    #[test]
    fn claims_in_human_form() {
        assert_eq!(human("4102444800"), "2100-01-01T00:00:00Z");
        assert_eq!(human("1750000000.5"), "2025-06-15T15:06:40.5Z");
        assert_eq!(human("1.7500000005e9"), "2025-06-15T15:06:40.5Z");
        assert_eq!(human("1750000000.000"), "2025-06-15T15:06:40Z");
        assert_eq!(human("-0.25"), "1969-12-31T23:59:59.75Z");
        assert_eq!(human("-1"), "1969-12-31T23:59:59Z");
        assert_eq!(human("0.1234567891"), "1970-01-01T00:00:00.123456789Z");
        assert_eq!(human("-0.0000000001"), "1969-12-31T23:59:59.999999999Z");
        assert_eq!(human("1e-400"), "1970-01-01T00:00:00Z");
        assert_eq!(human("0e99999999999999999999"), "1970-01-01T00:00:00Z");
        assert_eq!(human("1e-99999999999999999999"), "1970-01-01T00:00:00Z");
        assert_eq!(
            human("-1e-99999999999999999999"),
            "1969-12-31T23:59:59.999999999Z"
        );
        assert_eq!(human("0"), "1970-01-01T00:00:00Z");
        assert_eq!(human("-0.0"), "1970-01-01T00:00:00Z");
        assert!(human("1e400").starts_with("not a date"));
        assert!(human("\"soon\"").starts_with("not a date: a string"));
        assert!(human("1e18").starts_with("10^18 seconds or more"));
        assert!(human("-1e300").starts_with("10^18 seconds or more"));
        assert!(human("999999999999999999").contains("outside"));
    }
}
