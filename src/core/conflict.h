// The conflict workspace: one disagreement taken from two private accounts, through
// understanding each other, to an agreement both accept. Pure: every step takes the current
// Conflict, the person acting and `now`, checks the rules, and changes the value or returns
// an Error saying what is possible instead. Storage loads and saves the value; the HTTP layer
// maps it to JSON, asking PrivacyPolicy what each viewer may see.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/account.h"
#include "core/couple.h"
#include "core/privacy.h"
#include "core/result.h"
#include "core/time.h"

namespace hearth::conflict {

using ConflictId = std::int64_t;

constexpr std::size_t kMaxTopicChars = 200;
constexpr std::size_t kMaxTextChars = 4000;
constexpr std::size_t kMaxIdeaChars = 500;
constexpr std::size_t kMaxStepChars = 300;
constexpr std::size_t kMaxSteps = 10;
constexpr std::size_t kMaxIdeas = 60;
constexpr int kMinPauseMinutes = 20;
constexpr int kMaxPauseMinutes = 7 * 24 * 60;

enum class Stage { kWriting, kUnderstanding, kIdeas, kAgreement, kAgreed, kClosed };
std::string_view to_string(Stage s);
std::optional<Stage> parse_stage(std::string_view s);

// How many helpful and harsh coach flags a text carried when it was written.
struct Tone {
  int helpful = 0;
  int harsh = 0;
};

struct Side {
  std::string happened, felt, need;
  std::optional<Millis> submitted_at;
  Millis updated_at = 0;
  Tone tone;
};

enum class RestatementStatus { kWaiting, kConfirmed, kTryAgain };
std::string_view to_string(RestatementStatus s);
std::optional<RestatementStatus> parse_restatement_status(std::string_view s);

// What one partner wrote about the *other's* view, for the other to confirm.
struct Restatement {
  std::string text;
  RestatementStatus status = RestatementStatus::kWaiting;
  int attempts = 0;
  Millis updated_at = 0;
  Tone tone;
};

struct Idea {
  std::int64_t id = 0;
  UserId author = 0;
  std::string text;
  Millis created_at = 0;
  Tone tone;
};

struct Agreement {
  std::vector<std::string> steps;
  UserId proposed_by = 0;
  std::vector<UserId> accepted_by;
  Millis proposed_at = 0;
  std::optional<Millis> agreed_at;
  Tone tone;
};

struct Pause {
  UserId by = 0;
  Millis at = 0;
  Millis until = 0;
  std::optional<Millis> resumed_at;  // set when the one who paused came back early
};

struct Conflict {
  ConflictId id = 0;
  CoupleId couple_id = 0;
  std::string topic;
  UserId started_by = 0;
  Millis created_at = 0;
  Millis updated_at = 0;
  Stage stage = Stage::kWriting;
  std::optional<Millis> ended_at;
  UserId closed_by = 0;
  std::map<UserId, Side> sides;                // by author
  std::map<UserId, Restatement> restatements;  // by author
  std::vector<Idea> ideas;
  std::optional<Agreement> agreement;
  std::vector<Pause> pauses;               // oldest first
  std::map<UserId, Millis> last_activity;  // when each partner last acted here

  bool open() const { return stage != Stage::kAgreed && stage != Stage::kClosed; }
  bool both_submitted() const;
};

// The one check that decides whether conflict tools are offered to a couple. The safety screen
// (a later capability) switches them off here and nowhere else.
struct SafetySignals {
  bool screen_positive = false;  // fear of or harm from a partner was reported
};
bool tools_offered(const std::optional<Couple>& couple, const SafetySignals& safety);
// The reason shown when they are not.
Error tools_unavailable(const std::optional<Couple>& couple, const SafetySignals& safety);

// A pause in force at `now`, if any.
std::optional<Pause> active_pause(const Conflict& c, Millis now);

// The two people a conflict is between (those who were the couple when it started; someone who
// deleted their account drops out). Only they ever see it.
bool participant(const Conflict& c, UserId user);
// Whether `couple` is still the pair the conflict is between: only then can it go on.
bool between(const Conflict& c, const Couple& couple);

// The calming suggestion shown with the latest pause: stable for one pause, different from one
// pause to the next.
std::string_view pause_suggestion(const Conflict& c, const std::vector<std::string>& suggestions);

// ---- Steps. Each checks that `me` may act now; on success it records `me`'s activity. ----
Result<Conflict> start(ConflictId id, const Couple& couple, UserId me, std::string_view topic,
                       Millis now);
Status write_side(Conflict& c, UserId me, std::string happened, std::string felt, std::string need,
                  bool submit, Tone tone, Millis now);
Status write_restatement(Conflict& c, UserId me, std::string text, Tone tone, Millis now);
Status answer_restatement(Conflict& c, UserId me, bool confirm, Millis now);
Status add_idea(Conflict& c, UserId me, std::int64_t idea_id, std::string text, Tone tone,
                Millis now);
Status propose_agreement(Conflict& c, UserId me, std::vector<std::string> steps, Tone tone,
                         Millis now);
Status accept_agreement(Conflict& c, UserId me, Millis now);
Status pause(Conflict& c, UserId me, int minutes, Millis now);
Status resume(Conflict& c, UserId me, Millis now);
Status close(Conflict& c, UserId me, Millis now);

// One sentence: what `me` can do now.
std::string next_step(const Conflict& c, UserId me, Millis now);

// Privacy: the metadata PrivacyPolicy needs for each kind of item in a conflict.
// `members` are the couple's current partners.
ItemMeta side_meta(const Conflict& c, UserId author, const std::vector<UserId>& members);
ItemMeta shared_meta(const Conflict& c, UserId author, const std::vector<UserId>& members);

}  // namespace hearth::conflict
