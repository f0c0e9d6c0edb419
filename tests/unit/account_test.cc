#include "core/account.h"

#include <gtest/gtest.h>

namespace hearth {

TEST(Account, EmailIsTrimmedAndLowerCased) {
  auto e = normalize_email("  Maya.Ross@Example.ORG ");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(*e, "maya.ross@example.org");
}

TEST(Account, EmailWithoutAtOrDomainDotIsRejected) {
  for (const char* bad : {"", "maya", "maya@", "@example.org", "maya@example", "a@b@c.org",
                          "maya@.org", "maya@example.", "ma ya@example.org", "maya@ex..org"}) {
    auto e = normalize_email(bad);
    ASSERT_FALSE(e.ok()) << bad;
    EXPECT_EQ(e.error().field, "email");
    EXPECT_EQ(e.error().code, ErrorCode::kInvalidField);
  }
}

TEST(Account, PasswordNeedsTenCharactersCountedAsCharactersNotBytes) {
  EXPECT_FALSE(check_new_password("123456789").ok());
  EXPECT_TRUE(check_new_password("1234567890").ok());
  // Nine characters of two bytes each are still nine characters.
  EXPECT_FALSE(check_new_password("ééééééééé").ok());
  EXPECT_TRUE(check_new_password("éééééééééé").ok());
  EXPECT_EQ(check_new_password("short", "new_password").error().field, "new_password");
}

TEST(Account, OverlongPasswordIsRejected) {
  EXPECT_FALSE(check_new_password(std::string(kMaxPasswordBytes + 1, 'x')).ok());
  EXPECT_TRUE(check_new_password(std::string(kMaxPasswordBytes, 'x')).ok());
}

TEST(Account, DisplayNameIsTrimmedAndBounded) {
  EXPECT_EQ(*normalize_display_name("  Sam  "), "Sam");
  EXPECT_FALSE(normalize_display_name("   ").ok());
  EXPECT_FALSE(normalize_display_name("Sam\nSmith").ok());
  EXPECT_TRUE(normalize_display_name(std::string(60, 'a')).ok());
  EXPECT_FALSE(normalize_display_name(std::string(61, 'a')).ok());
  EXPECT_TRUE(normalize_display_name("Zoë 🌷").ok());
}

TEST(Account, Utf8LengthCountsCodePoints) {
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("Zoë"), 3u);
  EXPECT_EQ(utf8_length("🌷"), 1u);
}

}  // namespace hearth
