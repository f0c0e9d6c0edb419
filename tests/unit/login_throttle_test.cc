#include "core/login_throttle.h"

#include <gtest/gtest.h>

namespace hearth {

TEST(LoginThrottle, FreeFailuresDoNotLock) {
  LoginThrottle t(ThrottleLimits{3, kMinute, 10 * kSecond, kMinute, 100});
  for (int i = 0; i < 3; ++i) t.record_failure("maya@example.org", i);
  EXPECT_EQ(t.retry_after("maya@example.org", 3), 0);
}

TEST(LoginThrottle, FailurePastTheFreeOnesLocksAndLockDoubles) {
  LoginThrottle t(ThrottleLimits{3, kMinute, 10 * kSecond, kMinute, 100});
  for (int i = 0; i < 4; ++i) t.record_failure("k", 0);
  EXPECT_EQ(t.retry_after("k", 0), 10 * kSecond);
  t.record_failure("k", 0);
  EXPECT_EQ(t.retry_after("k", 0), 20 * kSecond);
  t.record_failure("k", 0);
  EXPECT_EQ(t.retry_after("k", 5 * kSecond), 35 * kSecond);
}

TEST(LoginThrottle, LockIsCappedAtTheMaximum) {
  LoginThrottle t(ThrottleLimits{1, kHour, 10 * kSecond, kMinute, 100});
  for (int i = 0; i < 30; ++i) t.record_failure("k", 0);
  EXPECT_EQ(t.retry_after("k", 0), kMinute);
}

TEST(LoginThrottle, OldFailuresAreForgotten) {
  LoginThrottle t(ThrottleLimits{2, kMinute, 10 * kSecond, kMinute, 100});
  t.record_failure("k", 0);
  t.record_failure("k", 1);
  t.record_failure("k", 2 * kMinute);  // a new window: one failure so far
  EXPECT_EQ(t.retry_after("k", 2 * kMinute), 0);
}

TEST(LoginThrottle, SuccessClearsTheKeyAndOtherKeysAreUntouched) {
  LoginThrottle t(ThrottleLimits{1, kMinute, 10 * kSecond, kMinute, 100});
  t.record_failure("a", 0);
  t.record_failure("a", 0);
  EXPECT_GT(t.retry_after("a", 0), 0);
  EXPECT_EQ(t.retry_after("b", 0), 0);
  t.record_success("a");
  EXPECT_EQ(t.retry_after("a", 0), 0);
}

TEST(LoginThrottle, MemoryStaysBounded) {
  LoginThrottle t(ThrottleLimits{5, kMinute, 10 * kSecond, kMinute, 50});
  for (int i = 0; i < 1000; ++i) t.record_failure("key" + std::to_string(i), i);
  EXPECT_LE(t.tracked_keys(), 50u);
}

}  // namespace hearth
