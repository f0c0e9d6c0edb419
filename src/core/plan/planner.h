// The weekly plan: 3–7 sessions of practices for one couple, placed in time both partners are
// free, aimed at their weakest areas and strongest causes, varied, rising gently in difficulty,
// each with a one-line reason. Pure and deterministic: the same inputs give the same plan.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/local_time.h"
#include "core/plan/library.h"

namespace hearth::plan {

enum class Intensity { kLight, kRegular, kDeep };
std::string_view to_string(Intensity i);
std::optional<Intensity> parse_intensity(std::string_view s);
int sessions_for(Intensity i);  // 3, 5, 7

// A weekly free time, in the couple's local time: weekday 0 = Monday, minutes from midnight.
struct Slot {
  int weekday = 0;
  int start = 0;  // minutes, inclusive
  int end = 0;    // minutes, exclusive; start < end ≤ 1440
};
Status check_slots(const std::vector<Slot>& slots);  // errors name "slots[i]"
// Slots moved by `minutes` (positive: later), wrapping around the week and splitting at midnight:
// a partner's free times moved into the couple's time zone.
std::vector<Slot> shifted(const std::vector<Slot>& slots, int minutes);
// The time both are free (for one person: their own).
std::vector<Slot> shared_time(const std::vector<std::vector<Slot>>& people);

struct Preferences {
  std::vector<std::string> likes;     // practice tags
  std::vector<std::string> dislikes;  // practice tags never planned
  Cost budget = Cost::kMedium;
  Energy energy = Energy::kHigh;
};
// Two partners' preferences as one: likes and dislikes pooled, the lower budget and energy.
Preferences combine(const std::vector<Preferences>& people);

struct LogEntry {
  std::string practice;
  Day day = 0;
  bool done = true;           // false: skipped
  std::optional<int> rating;  // 1–5: how it felt
};

struct Need {
  std::string area;    // "instrument/subscale"
  std::string title;   // "Trust and vulnerability"
  double concern = 0;  // 0–100, higher: more in need (both partners' mean)
};

struct CauseWeight {
  std::string cause;
  std::string title;
  double strength = 0;  // 0–100
};

struct Session {
  std::string practice;
  Day day = 0;
  int start = 0;  // minutes from midnight, local
  int minutes = 0;
  std::string reason;
};

struct Inputs {
  Day week_start = 0;   // a Monday
  Day from = 0;         // no session before this day (today, when planned mid-week); 0: the Monday
  int from_minute = 0;  // nor before this minute of that day (now, local)
  std::vector<Slot> free;  // shared free time
  Preferences preferences;
  std::vector<Need> needs;          // empty: no results yet
  std::vector<CauseWeight> causes;  // measured causes only
  std::vector<LogEntry> history;    // oldest first
  Intensity intensity = Intensity::kRegular;
  // Sessions of an earlier plan for this week that stay as they are (already begun, or done):
  // re-planning mid-week changes only what is still ahead.
  std::vector<Session> kept;
};

struct Plan {
  Day week_start = 0;
  Intensity intensity = Intensity::kRegular;
  std::vector<Session> sessions;   // in time order
  int level = 1;                   // the highest difficulty offered this week
  std::vector<std::string> notes;  // e.g. why there are fewer sessions than asked
};

constexpr int kBufferMinutes = 15;  // kept free after each session
// A plan made today starts no sooner than this many minutes from now, on a quarter hour: nobody
// is asked to begin something the minute they open the app.
constexpr int kLeadMinutes = 15;

Plan make_plan(const std::vector<Practice>& library, const Inputs& in);

// The sessions of `earlier` (this week's plan so far) that a new plan keeps: those already begun
// by `in.from`/`in.from_minute`, and those done (in `in.history`) this week.
std::vector<Session> settled_sessions(const Plan& earlier, const Inputs& in);

// A fingerprint of what the plan was made for (free time, preferences, results, causes and
// intensity — not the practice log, so logging a session does not reshuffle the week), to tell
// whether a stored plan is still current.
std::string fingerprint(const Inputs& in);

}  // namespace hearth::plan
