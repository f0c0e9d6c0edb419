#include "core/couple.h"

#include <gtest/gtest.h>

#include <regex>

namespace hearth {
namespace {

Couple waiting_couple(UserId founder) {
  return Couple{10, 0, {{founder, "Maya", 0}}, std::nullopt};
}
Couple paired_couple(UserId a, UserId b) {
  return Couple{10, 0, {{a, "Maya", 0}, {b, "Daniel", 1}}, std::nullopt};
}
Invite open_invite(Millis now) { return Invite{10, 1, now, now + kInviteLifetime, std::nullopt}; }

}  // namespace

TEST(InviteCode, FormatsAsThreeGroupsOfFourUnambiguousCharacters) {
  std::array<unsigned char, kInviteRandomBytes> bytes{0xff, 0x01, 0x23, 0x45,
                                                      0x67, 0x89, 0xab, 0xcd};
  std::string code = format_invite_code(bytes);
  EXPECT_TRUE(std::regex_match(
      code, std::regex("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")))
      << code;
}

TEST(InviteCode, DifferentBytesGiveDifferentCodes) {
  std::array<unsigned char, kInviteRandomBytes> a{}, b{};
  b[7] = 1;
  EXPECT_NE(format_invite_code(a), format_invite_code(b));
}

TEST(InviteCode, TypedCodeIsForgivingAboutCaseDashesAndLookalikes) {
  std::array<unsigned char, kInviteRandomBytes> bytes{1, 2, 3, 4, 5, 6, 7, 8};
  std::string code = format_invite_code(bytes);
  std::string plain;
  for (char c : code) {
    if (c != '-') plain.push_back(static_cast<char>(std::tolower(c)));
  }
  EXPECT_EQ(*normalize_invite_code(code), *normalize_invite_code(plain));
  EXPECT_EQ(*normalize_invite_code("ABCD EFGH JKMN"), "ABCDEFGHJKMN");
  EXPECT_EQ(*normalize_invite_code("oooo-iiii-llll"), "000011111111");
}

TEST(InviteCode, WrongLengthOrLettersAreInvalid) {
  for (const char* bad :
       {"", "ABCD-EFGH", "ABCD-EFGH-JKMN-P", "ABCD-EFGH-JKM!", "ABCD-EFGH-JKMU"}) {
    auto r = normalize_invite_code(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().slug, "invalid-invite");
    EXPECT_EQ(r.error().field, "code");
  }
}

TEST(CoupleRules, APersonAloneOrWaitingMayInviteButNotWhenPaired) {
  EXPECT_TRUE(can_create_invite(std::nullopt).ok());
  EXPECT_TRUE(can_create_invite(waiting_couple(1)).ok());
  auto s = can_create_invite(paired_couple(1, 2));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().slug, "already-paired");
}

TEST(CoupleRules, PartnerJoinsWithAnOpenInvite) {
  EXPECT_TRUE(can_join(2, std::nullopt, open_invite(100), waiting_couple(1), 200).ok());
}

TEST(CoupleRules, ExpiredOrUsedInviteIsRefusedTheSameWay) {
  Invite expired = open_invite(0);
  auto late = can_join(2, std::nullopt, expired, waiting_couple(1), kInviteLifetime);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().slug, "invalid-invite");
  Invite used = open_invite(0);
  used.used_at = 5;
  EXPECT_EQ(can_join(2, std::nullopt, used, waiting_couple(1), 10).error().slug, "invalid-invite");
}

TEST(CoupleRules, NobodyJoinsTheirOwnInvite) {
  EXPECT_EQ(can_join(1, waiting_couple(1), open_invite(0), waiting_couple(1), 10).error().slug,
            "own-invite");
}

TEST(CoupleRules, APairedPersonCannotJoinAnother) {
  EXPECT_EQ(can_join(3, paired_couple(3, 4), open_invite(0), waiting_couple(1), 10).error().slug,
            "already-paired");
}

TEST(CoupleRules, AThirdPersonCannotJoinAFullCouple) {
  EXPECT_EQ(can_join(3, std::nullopt, open_invite(0), paired_couple(1, 2), 10).error().slug,
            "invalid-invite");
}

TEST(CoupleRules, SomeoneWaitingAloneMayJoinTheirPartnersCouple) {
  Couple mine{20, 0, {{2, "Daniel", 0}}, std::nullopt};
  EXPECT_TRUE(can_join(2, mine, open_invite(0), waiting_couple(1), 10).ok());
}

}  // namespace hearth
