// Records of the practice plan, prompts, promises and calendar feed as the store keeps them
// (the values are the core's: core/plan/).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/account.h"
#include "core/couple.h"
#include "core/plan/planner.h"
#include "core/plan/promises.h"

namespace hearth::storage {

// A person's weekly free times and what they like; the time zone the times are in.
struct AvailabilityRecord {
  std::string time_zone;
  std::vector<plan::Slot> slots;
  plan::Preferences preferences;
  Millis updated_at = 0;
};

// Whose plan: a couple's, or a person's own while they have no couple (`couple` 0).
struct PlanOwner {
  CoupleId couple = 0;
  UserId user = 0;
  static PlanOwner of(const Couple& c) {
    return c.id ? PlanOwner{c.id, 0} : PlanOwner{0, c.partners.front().user_id};
  }
  // Stable text naming the owner (calendar UIDs, session ids).
  std::string key() const {
    return couple ? "c" + std::to_string(couple) : "u" + std::to_string(user);
  }
};

struct StoredPlan {
  plan::Plan plan;
  std::string fingerprint;
  std::string time_zone;
  Millis created_at = 0;
};

struct PracticeLog {
  std::int64_t id = 0;
  CoupleId couple = 0;
  UserId user = 0;
  std::string practice;
  Day day = 0;
  bool done = true;
  std::optional<int> rating;
  std::string note;
  Millis created_at = 0;
};

struct DailyPrompt {
  Day day = 0;
  std::string prompt_id;
  bool skipped = false;
};

struct PromptAnswer {
  std::string prompt_id;
  UserId user = 0;
  CoupleId couple = 0;
  std::string text;
  Millis created_at = 0;
  Millis updated_at = 0;
};

struct CustomPrompt {
  std::int64_t id = 0;
  CoupleId couple = 0;
  UserId created_by = 0;
  plan::Prompt prompt;  // id "custom.<id>"
  Millis created_at = 0;
};

}  // namespace hearth::storage
