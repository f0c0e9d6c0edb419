// Account rules: what makes an email, a password and a display name acceptable.
// Pure functions; the HTTP layer calls them before anything is stored.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/time.h"

namespace hearth {

using UserId = std::int64_t;

constexpr std::size_t kMinPasswordChars = 10;
constexpr std::size_t kMaxPasswordBytes = 1024;
constexpr std::size_t kMaxDisplayNameChars = 60;
constexpr std::size_t kMaxEmailBytes = 254;

struct User {
  UserId id = 0;
  std::string email;  // normalised: trimmed, lower case
  std::string display_name;
  std::string password_hash;
  Millis created_at = 0;
};

// Number of Unicode code points in valid UTF-8 text (bytes that start a code point).
std::size_t utf8_length(std::string_view text);

// Trims and lower-cases an email, then checks its shape. The field name is "email".
Result<std::string> normalize_email(std::string_view email);
// Checks the password length rules; `field` names the input at fault in the error.
Status check_new_password(std::string_view password, std::string_view field = "password");
// Trims a display name and checks it is 1–60 characters with no control characters.
Result<std::string> normalize_display_name(std::string_view name);

}  // namespace hearth
