// Random secrets and their stored form, via libsodium. Session tokens and invite codes are shown
// to people once; only their SHA-256 is stored, so a copy of the database opens no session.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace hearth::security {

// Must be called once before any other function here (initialises libsodium). Thread-safe.
void init();

// 256-bit random token, base64url without padding (43 characters).
std::string new_session_token();
// SHA-256 of `secret`, as 64 lower-case hex characters: the form stored in the database.
std::string hash_secret(std::string_view secret);
// A random positive 63-bit id: rows get ids that reveal nothing about counts or order.
std::int64_t new_id();
template <std::size_t N>
std::array<unsigned char, N> random_bytes();
void fill_random(unsigned char* out, std::size_t n);

template <std::size_t N>
std::array<unsigned char, N> random_bytes() {
  std::array<unsigned char, N> a{};
  fill_random(a.data(), N);
  return a;
}

}  // namespace hearth::security
