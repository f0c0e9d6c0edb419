#include "core/conflict_patterns.h"

#include <gtest/gtest.h>

namespace hearth::conflict {
namespace {

constexpr UserId kAna = 1, kBen = 2;
const Millis kNov = parse_rfc3339("2026-11-10T12:00:00Z").value();
const Millis kJan = parse_rfc3339("2027-01-05T12:00:00Z").value();
const std::vector<UserId> kMembers{kAna, kBen};

Couple pair() { return Couple{10, 0, {{kAna, "Ana", 0}, {kBen, "Ben", 0}}, std::nullopt}; }

Conflict sides_in(ConflictId id, UserId by, Millis at, Tone ana, Tone ben,
                  bool ben_submits = true) {
  Conflict c = start(id, pair(), by, "topic", at).value();
  EXPECT_TRUE(write_side(c, kAna, "h", "f", "n", true, ana, at).ok());
  EXPECT_TRUE(write_side(c, kBen, "h", "f", "n", ben_submits, ben, at).ok());
  return c;
}

}  // namespace

TEST(ConflictPatterns, CountsOutcomesAndFillsEmptyMonths) {
  Conflict agreed = sides_in(1, kAna, kNov, {}, {});
  agreed.stage = Stage::kAgreed;
  Conflict closed = sides_in(2, kBen, kJan, {}, {});
  ASSERT_TRUE(close(closed, kBen, kJan + 1).ok());
  Conflict open = sides_in(3, kAna, kJan, {}, {});
  auto p = compute_patterns({agreed, closed, open}, kMembers, kJan + kHour);
  EXPECT_EQ(p.total, 3);
  EXPECT_EQ(p.agreed, 1);
  EXPECT_EQ(p.unresolved, 1);
  EXPECT_EQ(p.open, 1);
  ASSERT_EQ(p.months.size(), 3u);  // November, an empty December, January
  EXPECT_EQ(p.months[0].month, "2026-11");
  EXPECT_EQ(p.months[1].month, "2026-12");
  EXPECT_EQ(p.months[1].started, 0);
  EXPECT_EQ(p.months[2].started, 2);
}

TEST(ConflictPatterns, ToneCountsOnlyWhatBothMayRead) {
  // Ben has not submitted: his draft's harsh words are private and must not show in patterns.
  Conflict c = sides_in(1, kAna, kNov, Tone{3, 1}, Tone{0, 5}, /*ben_submits=*/false);
  auto p = compute_patterns({c}, kMembers, kNov + kHour);
  EXPECT_EQ(p.helpful, 0);
  EXPECT_EQ(p.harsh, 0);
  EXPECT_FALSE(p.ratio.has_value());
  Conflict both = sides_in(2, kAna, kNov, Tone{3, 1}, Tone{2, 0});
  p = compute_patterns({both}, kMembers, kNov + kHour);
  EXPECT_EQ(p.helpful, 5);
  EXPECT_EQ(p.harsh, 1);
  EXPECT_DOUBLE_EQ(*p.ratio, 5.0);
}

TEST(ConflictPatterns, RolesShowWhoRaisesAndWhoWithdraws) {
  Conflict a = sides_in(1, kAna, kNov, {}, {});
  ASSERT_TRUE(pause(a, kBen, 30, kNov + kMinute).ok());  // Ben never comes back
  Conflict b = sides_in(2, kAna, kNov, {}, {});
  ASSERT_TRUE(pause(b, kBen, 30, kNov + kMinute).ok());
  ASSERT_TRUE(resume(b, kBen, kNov + 10 * kMinute).ok());  // here he does
  Conflict c = sides_in(3, kBen, kNov, {}, {});
  ASSERT_TRUE(close(c, kAna, kNov + kMinute).ok());
  auto p = compute_patterns({a, b, c}, kMembers, kNov + kDay);
  ASSERT_EQ(p.partners.size(), 2u);
  const auto& ana = p.partners[0];
  const auto& ben = p.partners[1];
  EXPECT_EQ(ana.raised, 2);
  EXPECT_EQ(ben.raised, 1);
  EXPECT_EQ(ben.paused, 2);
  EXPECT_EQ(ben.paused_without_return, 1);
  EXPECT_EQ(ana.closed_unresolved, 1);
  EXPECT_EQ(p.months[0].withdrew.at(kBen), 1);
  EXPECT_EQ(p.months[0].withdrew.at(kAna), 1);
}

TEST(ConflictPatterns, APauseStillRunningIsNotAWithdrawal) {
  Conflict a = sides_in(1, kAna, kNov, {}, {});
  ASSERT_TRUE(pause(a, kBen, 60, kNov).ok());
  auto p = compute_patterns({a}, kMembers, kNov + 10 * kMinute);
  EXPECT_EQ(p.paused, 1);
  EXPECT_EQ(p.partners[1].paused_without_return, 0);
}

TEST(ConflictPatterns, NoConflictsNoMonths) {
  auto p = compute_patterns({}, kMembers, kNov);
  EXPECT_EQ(p.total, 0);
  EXPECT_TRUE(p.months.empty());
  EXPECT_EQ(p.partners.size(), 2u);
}

}  // namespace hearth::conflict
