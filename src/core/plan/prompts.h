// The daily conversation prompt: one a day per couple, answered privately by each, both answers
// shown once both have answered (PrivacyPolicy, kRevealedWhenBothAnswered). Depth rises with the
// couple's practice; no prompt repeats until every prompt of its depth has been used.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/couple.h"
#include "core/local_time.h"
#include "core/plan/library.h"

namespace hearth::plan {

// Prompts answered by both partners before personal and vulnerable ones are offered.
constexpr int kAnsweredForPersonal = 5;
constexpr int kAnsweredForVulnerable = 12;

// The deepest level offered after `answered_by_both` prompts.
Depth allowed_depth(int answered_by_both);
// The depth for `day`: most days light, some personal, one in seven vulnerable, never beyond
// `allowed` or `at_most`.
Depth depth_for(Day day, Depth allowed, std::optional<Depth> at_most);

// Picks the prompt for `couple` at `depth` among `all`, skipping `used` (prompts this couple has
// already been given); when a depth is exhausted its prompts come round again. Deterministic.
// Falls back to a lighter depth when a depth has no prompts at all. Null when `all` is empty.
const Prompt* pick_prompt(const std::vector<Prompt>& all, const std::vector<std::string>& used,
                          CoupleId couple, Depth depth);

}  // namespace hearth::plan
