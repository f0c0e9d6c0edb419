// Scoring an instrument, and what a person's own results say: pure functions over answers.
// Scores are positions on our own 0–100 scale (content/instruments/README.md, "Scoring").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/account.h"
#include "core/assessment/instrument.h"
#include "core/couple.h"
#include "core/result.h"
#include "core/time.h"

namespace hearth::assessment {

// Item id → the point chosen on the instrument's scale.
using Answers = std::map<std::string, int>;

struct SubscaleScore {
  std::optional<double> score;  // how it is; none when too few answers
  std::optional<double> ideal;  // how I would like it (instruments with ideal only)
  int answered = 0;             // items answered (both facets)
  int total = 0;
};

struct Scores {
  std::vector<SubscaleScore> subscales;  // parallel to Instrument::subscales
  int answered = 0;
  int total = 0;
  std::vector<std::string> missing;  // subscales without enough answers
  bool ready() const { return missing.empty(); }
};

// Scores `answers` (which must already be valid for `inst`).
Scores score(const Instrument& inst, const Answers& answers);

// Checks one answer: the item exists and the value is a point on the scale.
Status check_answer(const Instrument& inst, const std::string& item_id, double value);

// A saved, unfinished attempt.
struct Draft {
  std::string instrument;
  Answers answers;
  Millis started_at = 0;
  Millis updated_at = 0;
};

// A submitted attempt: the answers and the scores as they were computed then.
struct AreaScore {
  std::string subscale;
  double score = 0;
  std::optional<double> ideal;
};
struct Attempt {
  std::int64_t id = 0;
  UserId user = 0;
  CoupleId couple = 0;  // the couple the person was in when submitting (0: none)
  std::string instrument;
  int version = 1;
  Millis submitted_at = 0;
  Answers answers;
  std::vector<AreaScore> scores;

  const AreaScore* area(std::string_view subscale) const;
};

// Turns a complete draft into an attempt; fails with kInvalidField "incomplete" naming the areas
// that need more answers.
Result<Attempt> submit(const Instrument& inst, const Draft& draft, std::int64_t id, UserId user,
                       CoupleId couple, Millis now);

const Band& band_for(const Instrument& inst, const Subscale& s, double score);

// One area of a person's own results.
struct ResultArea {
  const Subscale* subscale = nullptr;
  double score = 0;
  const Band* band = nullptr;
  std::optional<double> ideal;
  std::optional<double> ideal_gap;  // ideal − score
  std::optional<double> change;     // score − the previous attempt's score
};
struct MapPosition {
  double x = 0;
  double y = 0;
  const MapRegion* region = nullptr;
};
struct Results {
  const Attempt* latest = nullptr;
  const Attempt* previous = nullptr;
  std::vector<ResultArea> areas;
  std::optional<MapPosition> map;
};

// What a person's attempts (oldest first, at least one) say; pointers refer into the arguments.
Results results(const Instrument& inst, const std::vector<Attempt>& history);

std::optional<MapPosition> map_position(const Instrument& inst, const Attempt& a);

// Rounds to one decimal, as every score is shown.
double round1(double v);

}  // namespace hearth::assessment
