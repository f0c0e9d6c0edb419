// Promises: one partner promises something small and concrete by a date; it is marked kept or
// missed; each partner's reliability shows over time, without shaming. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/account.h"
#include "core/couple.h"
#include "core/local_time.h"
#include "core/result.h"

namespace hearth::plan {

enum class PromiseStatus { kOpen, kKept, kMissed };
std::string_view to_string(PromiseStatus s);
std::optional<PromiseStatus> parse_promise_status(std::string_view s);

struct Promise {
  std::int64_t id = 0;
  CoupleId couple = 0;
  UserId by = 0;  // who promised
  std::string text;
  Day due = 0;
  PromiseStatus status = PromiseStatus::kOpen;
  Millis created_at = 0;
  std::optional<Millis> resolved_at;
  UserId resolved_by = 0;
};

// A new promise: 1–200 characters, due today or within 90 days.
Status check_new_promise(std::string_view text, Day due, Day today);
// Kept or missed, once; by either partner, from the due day on (or earlier when kept).
Status resolve(Promise& p, PromiseStatus to, UserId who, Day today, Millis now);

// Promises kept and missed that fell due in one calendar month.
struct MonthTally {
  int year = 0;
  int month = 0;  // 1–12
  int kept = 0, missed = 0;
};

struct Reliability {
  UserId user = 0;
  int kept = 0, missed = 0, open = 0;
  std::optional<double> share_kept;  // kept / (kept + missed), when any was resolved
  std::vector<MonthTally> months;  // the last `months` calendar months up to today's, oldest first
};
// Over promises due in the last `days` days (and open ones), per person, with the kept and missed
// of each of the last `months` months (by due date) to show how it goes over time.
std::vector<Reliability> reliability(const std::vector<Promise>& all,
                                     const std::vector<UserId>& people, Day today, int days = 90,
                                     int months = 6);

}  // namespace hearth::plan
