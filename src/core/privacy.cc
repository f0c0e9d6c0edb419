#include "core/privacy.h"

namespace hearth {

std::string_view to_string(Visibility v) {
  switch (v) {
    case Visibility::kPrivate:
      return "private";
    case Visibility::kShared:
      return "shared";
    case Visibility::kRevealedWhenBothAnswered:
      return "revealed_when_both_answered";
  }
  return "private";
}

std::optional<Visibility> parse_visibility(std::string_view text) {
  if (text == "private") return Visibility::kPrivate;
  if (text == "shared") return Visibility::kShared;
  if (text == "revealed_when_both_answered") return Visibility::kRevealedWhenBothAnswered;
  return std::nullopt;
}

bool PrivacyPolicy::can_read(const Viewer& viewer, const ItemMeta& item) {
  if (viewer.user_id == 0) return false;
  if (item.author == viewer.user_id) return true;
  // A former partner's items stay with their author: only a current member of the item's
  // couple may read it.
  if (viewer.couple_id == 0 || viewer.couple_id != item.couple_id) return false;
  if (!item.author_in_couple) return false;
  switch (item.visibility) {
    case Visibility::kPrivate:
      return false;
    case Visibility::kShared:
      return true;
    case Visibility::kRevealedWhenBothAnswered:
      return item.both_answered;
  }
  return false;
}

bool PrivacyPolicy::can_see_account_field(const Viewer& viewer, UserId subject,
                                          const std::optional<Couple>& viewer_couple,
                                          AccountField field) {
  if (viewer.user_id == 0) return false;
  if (viewer.user_id == subject) return true;
  bool partner = viewer_couple && viewer_couple->id == viewer.couple_id &&
                 viewer_couple->has_member(viewer.user_id) && viewer_couple->has_member(subject);
  return partner && field == AccountField::kDisplayName;
}

}  // namespace hearth
