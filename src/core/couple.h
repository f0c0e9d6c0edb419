// Couple rules: exactly two partners, a person in at most one couple, single-use invite codes
// that expire. Pure: callers pass the current state and `now`, and get a decision back.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/account.h"
#include "core/result.h"
#include "core/time.h"

namespace hearth {

using CoupleId = std::int64_t;

constexpr Millis kInviteLifetime = 72 * kHour;
constexpr std::size_t kInviteCodeChars = 12;  // 60 bits of Crockford base32
constexpr std::size_t kInviteRandomBytes = 8;

struct Partner {
  UserId user_id = 0;
  std::string display_name;
  Millis joined_at = 0;
};

struct Invite {
  CoupleId couple_id = 0;
  UserId created_by = 0;
  Millis created_at = 0;
  Millis expires_at = 0;
  std::optional<Millis> used_at;
};

struct Couple {
  CoupleId id = 0;
  Millis created_at = 0;
  std::vector<Partner> partners;  // one (waiting) or two (paired), in the order they joined
  std::optional<Invite> open_invite;

  bool paired() const { return partners.size() == 2; }
  bool has_member(UserId user) const;
};

// Formats random bytes as a display code "ABCD-EFGH-JKMN" (Crockford base32, no I, L, O, U).
std::string format_invite_code(const std::array<unsigned char, kInviteRandomBytes>& random);
// Canonical form for lookup: upper case, dashes and spaces dropped, I/L → 1, O → 0.
// Errors when the result cannot be a code (wrong length or characters).
Result<std::string> normalize_invite_code(std::string_view typed);

// May this person (in `mine`, if any) open an invite? Only while not paired.
Status can_create_invite(const std::optional<Couple>& mine);

// May `joiner` (currently in `joiner_couple`, if any) join `target` through `invite` at `now`?
Status can_join(UserId joiner, const std::optional<Couple>& joiner_couple, const Invite& invite,
                const Couple& target, Millis now);

}  // namespace hearth
