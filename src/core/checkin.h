// The daily check-in: one per person per local day, editable that day only. Pure: the caller
// passes the person's local "today".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/account.h"
#include "core/couple.h"
#include "core/local_time.h"
#include "core/privacy.h"
#include "core/result.h"

namespace hearth::checkin {

struct Appreciation {
  std::string text;  // 1–500 characters
  bool shared = false;
};

// What the person answers.
struct Answers {
  int connection = 0;         // 0–10: how connected I felt to my partner today
  int closeness = 0;          // 0–10: how emotionally close
  int affection = 0;          // 0–10: how much physical affection
  int minutes_together = 0;   // 0–1440
  int focused_minutes = 0;    // of those, focused and phone-free (≤ minutes_together)
  int tech_interference = 0;  // 0–10: how much screens got in the way
  int mood = 3;               // 1–5
  int stress = 3;             // 1–5
  bool self_care = false;     // did something for myself
  std::optional<Appreciation> appreciation;
};

struct CheckIn {
  UserId user = 0;
  CoupleId couple = 0;  // the couple the person was in that day (0: none)
  Day day = 0;
  Answers answers;
  std::string time_zone;
  Millis created_at = 0;
  Millis updated_at = 0;
};

// The fields a partner may see, and those that stay the author's (docs/PRIVACY.md). The
// appreciation line follows the author's choice.
enum class Field {
  kConnection,
  kCloseness,
  kAffection,
  kMinutesTogether,
  kFocusedMinutes,
  kTechInterference,
  kMood,
  kStress,
  kSelfCare
};
Visibility visibility_of(Field f);
Visibility appreciation_visibility(const Appreciation& a);

// Checks the answers; errors name the field ("closeness", "appreciation.text", …).
Status validate(const Answers& a);
// Only today (in the person's time zone) can be written: earlier days stay as they were, and
// tomorrow has not started.
Status writable(Day requested, Day today);

// Creates or updates today's check-in; an update keeps the couple it was first made in.
CheckIn upsert(const std::optional<CheckIn>& existing, UserId user, CoupleId couple, Day day,
               const Answers& answers, const std::string& time_zone, Millis now);

// A check-in as `viewer` may see it (PrivacyPolicy decides): its author sees everything; the
// partner, only while both are in the couple it was made in, sees the shared fields — private
// ones are reset and a private appreciation removed; anyone else sees nothing.
std::optional<CheckIn> as_seen_by(const CheckIn& c, const Viewer& viewer);

// Days of the week containing `today` (Monday first) on which the person checked in.
std::vector<Day> days_this_week(const std::vector<Day>& checked_in, Day today);

}  // namespace hearth::checkin
