#include "core/session_policy.h"

#include <gtest/gtest.h>

namespace hearth {

TEST(SessionPolicy, FreshSessionIsActive) {
  SessionLimits limits;
  EXPECT_EQ(session_state({0, 0}, limits, kHour), SessionState::kActive);
}

TEST(SessionPolicy, UnusedSessionEndsAfterIdleLimit) {
  SessionLimits limits{10 * kDay, 90 * kDay, kHour};
  EXPECT_EQ(session_state({0, 0}, limits, 10 * kDay), SessionState::kIdleExpired);
  EXPECT_EQ(session_state({0, 5 * kDay}, limits, 10 * kDay), SessionState::kActive);
}

TEST(SessionPolicy, SessionEndsAtAbsoluteLimitEvenWhenUsed) {
  SessionLimits limits{10 * kDay, 30 * kDay, kHour};
  EXPECT_EQ(session_state({0, 30 * kDay - 1}, limits, 30 * kDay), SessionState::kAbsoluteExpired);
}

TEST(SessionPolicy, ExpiryIsTheEarlierOfIdleAndAbsolute) {
  SessionLimits limits{10 * kDay, 30 * kDay, kHour};
  EXPECT_EQ(session_expires_at({0, 0}, limits), 10 * kDay);
  EXPECT_EQ(session_expires_at({0, 25 * kDay}, limits), 30 * kDay);
}

TEST(SessionPolicy, LastSeenIsWrittenAtMostOncePerInterval) {
  SessionLimits limits{10 * kDay, 30 * kDay, kHour};
  EXPECT_FALSE(session_needs_touch({0, 0}, limits, 59 * kMinute));
  EXPECT_TRUE(session_needs_touch({0, 0}, limits, kHour));
}

}  // namespace hearth
