#include "core/account.h"

#include <algorithm>
#include <cctype>

namespace hearth {
namespace {

std::string_view trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool has_control_chars(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

}  // namespace

std::size_t utf8_length(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

Result<std::string> normalize_email(std::string_view raw) {
  std::string_view email = trim(raw);
  if (email.empty()) return Error::invalid("email", "Please enter your email address.");
  if (email.size() > kMaxEmailBytes)
    return Error::invalid("email", "That email address is too long.");
  auto at = email.find('@');
  bool shape_ok = at != std::string_view::npos && at > 0 && at <= 64 &&
                  email.find('@', at + 1) == std::string_view::npos;
  if (shape_ok) {
    std::string_view domain = email.substr(at + 1);
    auto dot = domain.find('.');
    shape_ok = dot != std::string_view::npos && dot > 0 && domain.back() != '.' &&
               domain.find("..") == std::string_view::npos;
  }
  if (!shape_ok || has_control_chars(email) || email.find(' ') != std::string_view::npos) {
    return Error::invalid("email", "That does not look like an email address (name@example.org).");
  }
  std::string out(email);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Status check_new_password(std::string_view password, std::string_view field) {
  if (utf8_length(password) < kMinPasswordChars) {
    return Error::invalid(std::string(field),
                          "Please choose a password of at least 10 characters.");
  }
  if (password.size() > kMaxPasswordBytes) {
    return Error::invalid(std::string(field), "That password is longer than 1024 bytes.");
  }
  return Status::Ok();
}

Result<std::string> normalize_display_name(std::string_view raw) {
  std::string_view name = trim(raw);
  if (name.empty()) return Error::invalid("display_name", "Please tell us what to call you.");
  if (has_control_chars(name)) {
    return Error::invalid("display_name", "A name cannot contain control characters.");
  }
  if (utf8_length(name) > kMaxDisplayNameChars) {
    return Error::invalid("display_name", "Please keep your name to 60 characters or fewer.");
  }
  return std::string(name);
}

}  // namespace hearth
