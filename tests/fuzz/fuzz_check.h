// Invariant checks for fuzz targets: a violated check prints the condition
// and its location, then aborts, which libFuzzer reports as a crash and the
// replay driver as a failed test.
//
//   MDM_FUZZ_CHECK(score >= 0 && score <= 1);
//
// Unlike assert(), the check stays in optimized builds.
#ifndef MDM_TESTS_FUZZ_FUZZ_CHECK_H_
#define MDM_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define MDM_FUZZ_CHECK(condition)                                     \
  do {                                                                \
    if (!(condition)) {                                               \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, \
                   __LINE__, #condition);                             \
      std::abort();                                                   \
    }                                                                 \
  } while (false)

#endif  // MDM_TESTS_FUZZ_FUZZ_CHECK_H_
