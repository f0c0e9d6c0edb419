// "One thing to try" in the weekly summary: suggestions per measure, from
// content/insights/suggestions.toml (format in its README). Parsed in core/assessment/content.cc,
// the one file that reads TOML.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/assessment/content.h"
#include "core/insights/insights.h"
#include "core/local_time.h"

namespace hearth::insights {

struct Suggestion {
  Metric metric = Metric::kCloseness;
  std::string text;
  std::string why;
  std::string practice_tag;
};

// Every shared measure needs at least one suggestion; tags must exist.
Result<std::vector<Suggestion>> parse_suggestions(const assessment::SourceFile& file,
                                                  const std::map<std::string, std::string>& tags);

// The suggestion for `metric` this week: they take turns, week by week. Null when none.
const Suggestion* pick(const std::vector<Suggestion>& all, Metric metric, Day today);

}  // namespace hearth::insights
