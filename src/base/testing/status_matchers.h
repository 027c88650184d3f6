// GoogleTest matchers for absl::Status and absl::StatusOr.
//
//   EXPECT_THAT(store->Commit(), IsOk());
//   EXPECT_THAT(Resolve("bad"), StatusIs(absl::StatusCode::kNotFound));
//   EXPECT_THAT(Resolve("bad"), StatusIs(absl::StatusCode::kNotFound,
//                                        HasSubstr("golden record")));
//   EXPECT_THAT(store->HeadSequence(), IsOkAndHolds(3));
//   ASSERT_OK_AND_ASSIGN(auto id, Upsert(record));
#ifndef MDM_SRC_BASE_TESTING_STATUS_MATCHERS_H_
#define MDM_SRC_BASE_TESTING_STATUS_MATCHERS_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdm::testing {

inline const absl::Status& GetStatus(const absl::Status& status) {
  return status;
}
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

MATCHER(IsOk, "is OK") {
  const absl::Status& status = ::mdm::testing::GetStatus(arg);
  if (!status.ok()) *result_listener << "status is " << status;
  return status.ok();
}

MATCHER_P(StatusIs, code, "has status code " + absl::StatusCodeToString(code)) {
  const absl::Status& status = ::mdm::testing::GetStatus(arg);
  *result_listener << "status is " << status;
  return status.code() == code;
}

MATCHER_P2(StatusIs, code, message_matcher,
           "has status code " + absl::StatusCodeToString(code)) {
  const absl::Status& status = ::mdm::testing::GetStatus(arg);
  *result_listener << "status is " << status;
  return status.code() == code &&
         ::testing::ExplainMatchResult(
             message_matcher, std::string(status.message()), result_listener);
}

MATCHER_P(IsOkAndHolds, value_matcher, "is OK and holds a matching value") {
  if (!arg.ok()) {
    *result_listener << "status is " << arg.status();
    return false;
  }
  return ::testing::ExplainMatchResult(value_matcher, *arg, result_listener);
}

}  // namespace mdm::testing

#define MDM_TESTING_CONCAT_INNER_(a, b) a##b
#define MDM_TESTING_CONCAT_(a, b) MDM_TESTING_CONCAT_INNER_(a, b)

// Asserts that `rexpr` (an absl::StatusOr) is OK and moves its value into
// `lhs`.
#define ASSERT_OK_AND_ASSIGN(lhs, rexpr)                         \
  auto MDM_TESTING_CONCAT_(mdm_statusor_, __LINE__) = (rexpr);   \
  ASSERT_TRUE(MDM_TESTING_CONCAT_(mdm_statusor_, __LINE__).ok()) \
      << MDM_TESTING_CONCAT_(mdm_statusor_, __LINE__).status();  \
  lhs = *std::move(MDM_TESTING_CONCAT_(mdm_statusor_, __LINE__))

#define ASSERT_OK(expr) ASSERT_THAT((expr), ::mdm::testing::IsOk())
#define EXPECT_OK(expr) EXPECT_THAT((expr), ::mdm::testing::IsOk())

#endif  // MDM_SRC_BASE_TESTING_STATUS_MATCHERS_H_
