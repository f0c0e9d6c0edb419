#include "core/privacy.h"

#include <gtest/gtest.h>

namespace hearth {
namespace {

constexpr UserId kMaya = 1, kDaniel = 2, kStranger = 3;
constexpr CoupleId kTheirCouple = 10, kOtherCouple = 20;

Viewer maya() { return {kMaya, kTheirCouple}; }
Viewer daniel() { return {kDaniel, kTheirCouple}; }
Viewer stranger() { return {kStranger, kOtherCouple}; }
Viewer nobody() { return {0, 0}; }

ItemMeta by_maya(Visibility v, bool both = false) { return {kMaya, kTheirCouple, v, both}; }

Couple the_couple() {
  return Couple{kTheirCouple, 0, {{kMaya, "Maya", 0}, {kDaniel, "Daniel", 0}}, {}};
}

}  // namespace

TEST(PrivacyPolicy, AuthorAlwaysReadsTheirOwnItems) {
  for (auto v :
       {Visibility::kPrivate, Visibility::kShared, Visibility::kRevealedWhenBothAnswered}) {
    EXPECT_TRUE(PrivacyPolicy::can_read(maya(), by_maya(v)));
  }
}

TEST(PrivacyPolicy, PartnerNeverReadsAPrivateItem) {
  EXPECT_FALSE(PrivacyPolicy::can_read(daniel(), by_maya(Visibility::kPrivate)));
}

TEST(PrivacyPolicy, PartnerReadsSharedItems) {
  EXPECT_TRUE(PrivacyPolicy::can_read(daniel(), by_maya(Visibility::kShared)));
}

TEST(PrivacyPolicy, PartnerCannotSeeAnswersBeforeBothFinish) {
  EXPECT_FALSE(
      PrivacyPolicy::can_read(daniel(), by_maya(Visibility::kRevealedWhenBothAnswered, false)));
  EXPECT_TRUE(
      PrivacyPolicy::can_read(daniel(), by_maya(Visibility::kRevealedWhenBothAnswered, true)));
}

TEST(PrivacyPolicy, StrangersAndNobodyReadNothing) {
  for (auto v :
       {Visibility::kPrivate, Visibility::kShared, Visibility::kRevealedWhenBothAnswered}) {
    EXPECT_FALSE(PrivacyPolicy::can_read(stranger(), by_maya(v, true)));
    EXPECT_FALSE(PrivacyPolicy::can_read(nobody(), by_maya(v, true)));
  }
}

TEST(PrivacyPolicy, AFormerPartnerLosesAccessToSharedItems) {
  Viewer former{kDaniel, 0};  // Daniel left the couple
  EXPECT_FALSE(PrivacyPolicy::can_read(former, by_maya(Visibility::kShared)));
}

TEST(PrivacyPolicy, PartnerSeesDisplayNameButNeverEmailSessionsOrExport) {
  auto c = the_couple();
  EXPECT_TRUE(PrivacyPolicy::can_see_account_field(daniel(), kMaya, c, AccountField::kDisplayName));
  for (auto f : {AccountField::kEmail, AccountField::kSessions, AccountField::kExport}) {
    EXPECT_FALSE(PrivacyPolicy::can_see_account_field(daniel(), kMaya, c, f));
    EXPECT_TRUE(PrivacyPolicy::can_see_account_field(maya(), kMaya, c, f));
  }
}

TEST(PrivacyPolicy, StrangerSeesNoAccountField) {
  auto c = the_couple();
  EXPECT_FALSE(
      PrivacyPolicy::can_see_account_field(stranger(), kMaya, c, AccountField::kDisplayName));
  EXPECT_FALSE(PrivacyPolicy::can_see_account_field(stranger(), kMaya, std::nullopt,
                                                    AccountField::kDisplayName));
}

TEST(PrivacyPolicy, VisibilityNamesRoundTrip) {
  for (auto v :
       {Visibility::kPrivate, Visibility::kShared, Visibility::kRevealedWhenBothAnswered}) {
    EXPECT_EQ(parse_visibility(to_string(v)), v);
  }
  EXPECT_FALSE(parse_visibility("public").has_value());
}

}  // namespace hearth

namespace hearth {

TEST(PrivacyPolicy, WordsOfSomeoneWhoLeftStayTheirsAlone) {
  ItemMeta m{kMaya, kTheirCouple, Visibility::kShared, false, /*author_in_couple=*/false};
  EXPECT_FALSE(PrivacyPolicy::can_read(daniel(), m));
  EXPECT_TRUE(PrivacyPolicy::can_read(Viewer{kMaya, 0}, m));
}

}  // namespace hearth
