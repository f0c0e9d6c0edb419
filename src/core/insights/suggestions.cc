#include "core/insights/suggestions.h"

namespace hearth::insights {

const Suggestion* pick(const std::vector<Suggestion>& all, Metric metric, Day today) {
  std::vector<const Suggestion*> mine;
  for (const auto& s : all) {
    if (s.metric == metric) mine.push_back(&s);
  }
  if (mine.empty()) return nullptr;
  Day monday = today - weekday(today);
  std::size_t week = static_cast<std::size_t>(monday / 7);
  return mine[week % mine.size()];
}

}  // namespace hearth::insights
