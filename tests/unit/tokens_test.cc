#include "security/tokens.h"

#include <gtest/gtest.h>

#include <set>

#include "security/password_hasher.h"

namespace hearth::security {
namespace {

class Security : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { init(); }
};

// Cheap settings so tests stay fast; production uses the HashCost defaults.
const HashCost kTestCost{1, 8u << 20};

}  // namespace

TEST_F(Security, SessionTokensAre256BitBase64UrlAndUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string t = new_session_token();
    EXPECT_EQ(t.size(), 43u);
    EXPECT_EQ(
        t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos);
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST_F(Security, StoredFormIsSha256Hex) {
  EXPECT_EQ(hash_secret("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(Security, IdsArePositive) {
  for (int i = 0; i < 1000; ++i) EXPECT_GT(new_id(), 0);
}

TEST_F(Security, DefaultCostIsArgon2idWithAtLeast19MiBAndTwoPasses) {
  HashCost cost;
  EXPECT_GE(cost.memory_bytes, 19u << 20);
  EXPECT_GE(cost.ops, 2u);
  auto h = hash_password("correct horse battery", cost);
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u) << *h;
  EXPECT_NE(h->find("m=19456,t=2"), std::string::npos) << *h;
}

TEST_F(Security, VerifyAcceptsOnlyTheRightPassword) {
  auto h = hash_password("correct horse battery", kTestCost);
  ASSERT_TRUE(h.has_value());
  EXPECT_TRUE(verify_password(*h, "correct horse battery"));
  EXPECT_FALSE(verify_password(*h, "correct horse battery "));
  EXPECT_FALSE(verify_password("not a hash", "anything"));
}

TEST_F(Security, HasherPoolAnswersEveryAcceptedJobAndRefusesBeyondItsQueue) {
  std::atomic<int> answered{0};
  int accepted = 0;
  {
    PasswordHasher pool({kTestCost, 1, 2});
    for (int i = 0; i < 10; ++i) {
      if (pool.hash("password-" + std::to_string(i),
                    [&](std::optional<std::string> h) { answered += h.has_value(); })) {
        ++accepted;
      }
    }
    EXPECT_LT(accepted, 10);  // the queue holds 2 (+1 being worked on)
    EXPECT_GE(accepted, 2);
  }  // the destructor drains what was accepted
  EXPECT_EQ(answered.load(), accepted);
}

}  // namespace hearth::security
