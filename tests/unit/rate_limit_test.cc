#include "core/rate_limit.h"

#include <gtest/gtest.h>

namespace hearth {
namespace {

TEST(RateLimiter, APersonMaySpendTheBurstAtOnceThenWaits) {
  RateLimiter limiter({10, 30, 100});
  for (int i = 0; i < 30; ++i) EXPECT_EQ(limiter.take(7, 1000), 0) << i;
  Millis wait = limiter.take(7, 1000);
  EXPECT_GT(wait, 0);
  EXPECT_LE(wait, 100);  // one token comes back every 100 ms
  EXPECT_EQ(limiter.take(7, 1000 + wait), 0);
}

TEST(RateLimiter, TokensComeBackAtTheRateAndNoFurtherThanTheBurst) {
  RateLimiter limiter({10, 30, 100});
  for (int i = 0; i < 30; ++i) ASSERT_EQ(limiter.take(1, 0), 0);
  EXPECT_GT(limiter.take(1, 0), 0);
  // After one second, ten more.
  for (int i = 0; i < 10; ++i) EXPECT_EQ(limiter.take(1, 1000), 0) << i;
  EXPECT_GT(limiter.take(1, 1000), 0);
  // A long rest refills to the burst, not beyond.
  int allowed = 0;
  while (limiter.take(1, 100000) == 0) ++allowed;
  EXPECT_EQ(allowed, 30);
}

TEST(RateLimiter, PeopleHaveTheirOwnBuckets) {
  RateLimiter limiter({10, 2, 100});
  EXPECT_EQ(limiter.take(1, 0), 0);
  EXPECT_EQ(limiter.take(1, 0), 0);
  EXPECT_GT(limiter.take(1, 0), 0);
  EXPECT_EQ(limiter.take(2, 0), 0);
}

TEST(RateLimiter, MemoryStaysBounded) {
  RateLimiter limiter({10, 2, 50});
  for (int k = 0; k < 1000; ++k) (void)limiter.take(k, k);
  EXPECT_LE(limiter.tracked_keys(), 50u);
}

}  // namespace
}  // namespace hearth
