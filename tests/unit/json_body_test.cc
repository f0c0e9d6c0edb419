#include "api/json_body.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace hearth::api {

TEST(JsonBody, AcceptsExactlyTheDeclaredFields) {
  auto r = parse_body(R"({"email":"a@b.org","password":"0123456789"})",
                      {{"email", JsonType::kString}, {"password", JsonType::kString}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["email"], "a@b.org");
}

TEST(JsonBody, MalformedJsonIsA400Kind) {
  auto r = parse_body("{\"email\":", {{"email", JsonType::kString}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kMalformed);
  EXPECT_EQ(r.error().slug, "malformed-json");
}

TEST(JsonBody, NonObjectIsRejected) {
  for (const char* body : {"[]", "\"x\"", "42", "null"}) {
    auto r = parse_body(body, {{"email", JsonType::kString}});
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidField);
  }
}

TEST(JsonBody, UnknownFieldIsNamed) {
  auto r = parse_body(R"({"email":"a@b.org","is_admin":true})", {{"email", JsonType::kString}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "is_admin");
}

TEST(JsonBody, WrongTypeIsNamed) {
  auto r = parse_body(R"({"email":42})", {{"email", JsonType::kString}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "email");
  EXPECT_NE(r.error().detail.find("string"), std::string::npos);
}

TEST(JsonBody, MissingRequiredFieldIsNamed) {
  auto r = parse_body(R"({})", {{"code", JsonType::kString}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "code");
}

TEST(JsonBody, EmptyBodyCountsAsEmptyObjectOnlyWhenAllowed) {
  EXPECT_TRUE(parse_body("", {}, true).ok());
  EXPECT_FALSE(parse_body("", {}, false).ok());
  EXPECT_FALSE(parse_body("", {{"code", JsonType::kString}}, true).ok());
}

TEST(JsonBody, InvalidUtf8IsMalformed) {
  auto r = parse_body("{\"email\":\"\xff\xfe\"}", {{"email", JsonType::kString}});
  EXPECT_FALSE(r.ok());
}

}  // namespace hearth::api
