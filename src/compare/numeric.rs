//! Numeric slack: rule tolerances applied to a customary interval.

use crate::claim::Interval;
use crate::rules::Tolerance;

/// `interval` widened on both ends by the larger of the absolute and relative tolerance.
pub fn widen(interval: &Interval, tolerance: &Tolerance) -> Interval {
    if tolerance.absolute == 0.0 && tolerance.relative == 0.0 {
        return *interval;
    }
    let slack = |v: f64| tolerance.absolute.max(tolerance.relative * v.abs());
    Interval {
        min: interval.min.map(|v| v - slack(v)),
        min_inclusive: interval.min_inclusive || interval.min.is_some_and(|v| slack(v) > 0.0),
        max: interval.max.map(|v| v + slack(v)),
        max_inclusive: interval.max_inclusive || interval.max.is_some_and(|v| slack(v) > 0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widens_by_the_larger_slack() {
        let t = Tolerance { absolute: 2.0, relative: 0.1 };
        assert_eq!(widen(&Interval::point(100.0), &t), Interval::closed(90.0, 110.0));
        assert_eq!(widen(&Interval::point(10.0), &t), Interval::closed(8.0, 12.0));
        let none = Tolerance::default();
        assert_eq!(widen(&Interval::point(10.0), &none), Interval::point(10.0));
    }
}
