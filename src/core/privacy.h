// The privacy model, in one place. Every stored item is private (its author only), shared (both
// partners) or revealed after both answered (each partner's answer becomes visible to the other
// once both have answered). Handlers and exports never decide visibility themselves: they ask here.
// See docs/PRIVACY.md.
#pragma once

#include <optional>
#include <string_view>

#include "core/account.h"
#include "core/couple.h"

namespace hearth {

enum class Visibility { kPrivate, kShared, kRevealedWhenBothAnswered };

std::string_view to_string(Visibility v);
std::optional<Visibility> parse_visibility(std::string_view text);

// What the privacy model needs to know about a stored item.
struct ItemMeta {
  UserId author = 0;
  CoupleId couple_id = 0;
  Visibility visibility = Visibility::kPrivate;
  // For kRevealedWhenBothAnswered: whether both partners have answered the same question.
  bool both_answered = false;
  // False once the author has left the couple: what they wrote stays theirs alone.
  bool author_in_couple = true;
};

// Who is asking: a person and the couple they are in now (0 when none).
struct Viewer {
  UserId user_id = 0;
  CoupleId couple_id = 0;
};

// Fields of a person's account as seen by someone else.
enum class AccountField { kDisplayName, kEmail, kSessions, kExport };

class PrivacyPolicy {
 public:
  // May `viewer` read `item`? Authors always may; partners by the item's visibility, and only
  // while both are in the item's couple; nobody else ever.
  static bool can_read(const Viewer& viewer, const ItemMeta& item);
  // May `viewer` see `field` of `subject`'s account? Everything of their own; of a partner in the
  // same couple only the display name; of anyone else nothing.
  static bool can_see_account_field(const Viewer& viewer, UserId subject,
                                    const std::optional<Couple>& viewer_couple, AccountField field);
};

}  // namespace hearth
