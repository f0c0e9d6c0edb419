// Internal consistency of our own subscales (Cronbach's alpha), from anonymous answers: no norms
// of published questionnaires apply to our wording, so this is how we earn our own figures.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/assessment/instrument.h"
#include "core/assessment/scoring.h"

namespace hearth::assessment {

// Alpha for `rows` (respondents) × items; none with fewer than 2 items or 2 rows, or when the
// total has no variance.
std::optional<double> cronbach_alpha(const std::vector<std::vector<double>>& rows);

constexpr int kMinRespondentsForAlpha = 30;

struct SubscaleReliability {
  std::string instrument;
  std::string subscale;
  int items = 0;
  int respondents = 0;          // who answered every item of the subscale
  std::optional<double> alpha;  // none below kMinRespondentsForAlpha
};

// One answer set per respondent (their latest attempt); reverse keys are flipped, "how it is"
// items only.
std::vector<SubscaleReliability> reliability(const Instrument& inst,
                                             const std::vector<Answers>& respondents,
                                             int min_respondents = kMinRespondentsForAlpha);

}  // namespace hearth::assessment
