// The cause profile: which of the usual causes of distance seem to be at work for this person,
// ranked, each with the evidence behind it. Pure and deterministic: the same results give the
// same profile.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/assessment/instrument.h"
#include "core/assessment/scoring.h"

namespace hearth::assessment {

enum class Whose { kMine, kPartner, kOurs };
enum class Level { kLikely, kPossible, kLessLikely, kNotMeasured };
std::string_view to_string(Whose w);
std::string_view to_string(Level l);

constexpr double kLikelyAt = 60;
constexpr double kPossibleAt = 40;
// The conflict record counts once the couple has had this many conversations.
constexpr int kMinConflictsForEvidence = 3;
// The cause the conflict record informs.
constexpr std::string_view kConflictRecordCause = "unresolved_conflict";

// The couple's record in the conflict workspace.
struct ConflictRecord {
  int total = 0;
  int agreed = 0;
  int unresolved = 0;  // closed without agreement, or paused and not returned to
};

// What the couple's daily check-ins say about time together (shared fields only).
struct TrackedTime {
  int checkins = 0;              // both partners', over the period
  int days = 30;                 // the period
  double focused_minutes = 0;    // mean per check-in
  double tech_interference = 0;  // mean, 0–10
};
// Tracked time counts once there are this many check-ins, and informs this cause.
constexpr int kMinCheckinsForEvidence = 7;
constexpr std::string_view kTrackedTimeCause = "busyness";
// Focused, phone-free minutes a day at or above which tracked time raises no concern.
constexpr double kEnoughFocusedMinutes = 60;

struct CauseInputs {
  // The latest attempt of each instrument this person finished.
  std::vector<const Attempt*> mine;
  // The partner's attempts the viewer may read (latest shared round per instrument).
  std::vector<const Attempt*> partners;
  std::optional<ConflictRecord> conflicts;
  std::optional<TrackedTime> tracked;
};

struct Evidence {
  std::string source;  // "<instrument>/<subscale>", "conflicts" or "checkins/<measure>"
  std::string text;
  std::optional<double> value;
  Whose whose = Whose::kMine;
  double concern = 0;  // 0–100: how much this points at the cause
};

struct CauseResult {
  const Cause* cause = nullptr;
  int rank = 0;
  Level level = Level::kNotMeasured;
  std::optional<double> strength;
  std::vector<Evidence> evidence;
  std::vector<std::string> measure_with;  // instruments that inform it and are not taken yet
};

std::vector<CauseResult> cause_profile(const Catalog& catalog, const CauseInputs& in);

}  // namespace hearth::assessment
