#include "security/tokens.h"

#include <sodium.h>

#include <stdexcept>

namespace hearth::security {

void init() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

void fill_random(unsigned char* out, std::size_t n) { randombytes_buf(out, n); }

std::string new_session_token() {
  auto raw = random_bytes<32>();
  char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(b64, sizeof b64, raw.data(), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return b64;
}

std::string hash_secret(std::string_view secret) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::int64_t new_id() {
  std::uint64_t v = 0;
  while (v == 0) {
    randombytes_buf(&v, sizeof v);
    v &= 0x7fffffffffffffffULL;
  }
  return static_cast<std::int64_t>(v);
}

}  // namespace hearth::security
