#include "core/plan/prompts.h"

#include <algorithm>
#include <functional>

namespace hearth::plan {

Depth allowed_depth(int answered_by_both) {
  if (answered_by_both >= kAnsweredForVulnerable) return Depth::kVulnerable;
  if (answered_by_both >= kAnsweredForPersonal) return Depth::kPersonal;
  return Depth::kLight;
}

Depth depth_for(Day day, Depth allowed, std::optional<Depth> at_most) {
  // Monday = 0: light on most days, personal on Wednesday and Friday, vulnerable on Sunday.
  static const Depth kWeek[] = {Depth::kLight,    Depth::kLight, Depth::kPersonal,  Depth::kLight,
                                Depth::kPersonal, Depth::kLight, Depth::kVulnerable};
  Depth d = std::min(kWeek[weekday(day)], allowed);
  if (at_most) d = std::min(d, *at_most);
  return d;
}

const Prompt* pick_prompt(const std::vector<Prompt>& all, const std::vector<std::string>& used,
                          CoupleId couple, Depth depth) {
  for (int level = static_cast<int>(depth); level >= 0; --level) {
    auto d = static_cast<Depth>(level);
    std::vector<const Prompt*> pool, fresh;
    for (const auto& p : all) {
      if (p.depth != d) continue;
      pool.push_back(&p);
      if (std::find(used.begin(), used.end(), p.id) == used.end()) fresh.push_back(&p);
    }
    if (pool.empty()) continue;
    auto& from = fresh.empty() ? pool : fresh;  // exhausted: round again
    // Each couple meets the prompts in its own, fixed order.
    auto key = [couple](const Prompt* p) {
      return std::hash<std::string>{}(std::to_string(couple) + ":" + p->id);
    };
    if (fresh.empty()) {
      // The least recently used comes first on the second round.
      for (auto it = used.begin(); it != used.end(); ++it) {
        for (const Prompt* p : pool) {
          if (p->id == *it) return p;
        }
      }
    }
    return *std::min_element(from.begin(), from.end(), [&](const Prompt* a, const Prompt* b) {
      auto ka = key(a), kb = key(b);
      return ka != kb ? ka < kb : a->id < b->id;
    });
  }
  return nullptr;
}

}  // namespace hearth::plan
