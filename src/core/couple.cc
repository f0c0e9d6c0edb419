#include "core/couple.h"

#include <algorithm>

namespace hearth {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

Error invalid_invite() {
  return {ErrorCode::kInvalidField, "invalid-invite",
          "This invite code is not valid. It may have expired or been used already; ask your "
          "partner for a new one.",
          "code"};
}

}  // namespace

bool Couple::has_member(UserId user) const {
  return std::any_of(partners.begin(), partners.end(),
                     [user](const Partner& p) { return p.user_id == user; });
}

std::string format_invite_code(const std::array<unsigned char, kInviteRandomBytes>& random) {
  std::uint64_t bits = 0;
  for (unsigned char b : random) bits = (bits << 8) | b;
  std::string code;
  for (std::size_t i = 0; i < kInviteCodeChars; ++i) {
    if (i > 0 && i % 4 == 0) code.push_back('-');
    code.push_back(kAlphabet[(bits >> (5 * (kInviteCodeChars - 1 - i))) & 31]);
  }
  return code;
}

Result<std::string> normalize_invite_code(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    char u = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    if (u == 'I' || u == 'L') u = '1';
    if (u == 'O') u = '0';
    if (kAlphabet.find(u) == std::string_view::npos || out.size() >= kInviteCodeChars) {
      return invalid_invite();
    }
    out.push_back(u);
  }
  if (out.size() != kInviteCodeChars) return invalid_invite();
  return out;
}

Status can_create_invite(const std::optional<Couple>& mine) {
  if (mine && mine->paired()) {
    return Error::make(ErrorCode::kConflict, "already-paired",
                       "You are already in a couple. Leave it first to invite someone else.");
  }
  return Status::Ok();
}

Status can_join(UserId joiner, const std::optional<Couple>& joiner_couple, const Invite& invite,
                const Couple& target, Millis now) {
  if (invite.used_at || now >= invite.expires_at) return invalid_invite();
  if (target.has_member(joiner)) {
    return Error::make(
        ErrorCode::kConflict, "own-invite",
        "This is your own invite code. Share it with your partner so they can join.");
  }
  if (joiner_couple && joiner_couple->paired()) {
    return Error::make(ErrorCode::kConflict, "already-paired",
                       "You are already in a couple. Leave it first to join another.");
  }
  if (target.paired()) return invalid_invite();
  return Status::Ok();
}

}  // namespace hearth
