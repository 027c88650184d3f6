// Differences between two numbers, for comparison levels on amounts, ages,
// heights or coordinates ("within 5%", "within 2 units").
//
//   AbsoluteDifference(100, 103)     == 3
//   RelativeDifference(100, 103)     == 3 / 103.0   (about 0.029)
//   RelativeDifference(0, 0)         == 0
//   RelativeDifference(5, -5)        == 2           (the maximum)
//
// RelativeDifference is |a - b| / max(|a|, |b|): symmetric, scale-free, in
// [0, 2], and 1 whenever exactly one value is 0. It is computed without
// overflow for any finite inputs. Equal values (including equal infinities)
// give 0; one infinite value against a finite one gives 1 (relative) or
// infinity (absolute); a NaN argument gives NaN.
//
// Cost: a few floating-point operations. Pure; thread-safe.
#ifndef MDM_MATCHING_COMPARATORS_NUMERIC_DISTANCE_H_
#define MDM_MATCHING_COMPARATORS_NUMERIC_DISTANCE_H_

namespace mdm::matching {

// |a - b|.
double AbsoluteDifference(double a, double b);

// |a - b| / max(|a|, |b|); 0 when a == b.
double RelativeDifference(double a, double b);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_COMPARATORS_NUMERIC_DISTANCE_H_
