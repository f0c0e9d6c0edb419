#include "core/plan/library.h"

#include <algorithm>

namespace hearth::plan {

std::string_view to_string(Who w) { return w == Who::kTogether ? "together" : "solo"; }

std::string_view to_string(Cost c) {
  switch (c) {
    case Cost::kFree:
      return "free";
    case Cost::kLow:
      return "low";
    case Cost::kMedium:
      return "medium";
  }
  return "free";
}

std::string_view to_string(Energy e) {
  switch (e) {
    case Energy::kLow:
      return "low";
    case Energy::kMedium:
      return "medium";
    case Energy::kHigh:
      return "high";
  }
  return "low";
}

std::string_view to_string(Setting s) {
  switch (s) {
    case Setting::kHome:
      return "home";
    case Setting::kOut:
      return "out";
    case Setting::kAnywhere:
      return "anywhere";
  }
  return "anywhere";
}

std::string_view to_string(Depth d) {
  switch (d) {
    case Depth::kLight:
      return "light";
    case Depth::kPersonal:
      return "personal";
    case Depth::kVulnerable:
      return "vulnerable";
  }
  return "light";
}

std::optional<Depth> parse_depth(std::string_view s) {
  if (s == "light") return Depth::kLight;
  if (s == "personal") return Depth::kPersonal;
  if (s == "vulnerable") return Depth::kVulnerable;
  return std::nullopt;
}

const Practice* Library::practice(std::string_view id) const {
  auto it = std::lower_bound(practices.begin(), practices.end(), id,
                             [](const Practice& p, std::string_view v) { return p.id < v; });
  return it != practices.end() && it->id == id ? &*it : nullptr;
}

const Prompt* Library::prompt(std::string_view id) const {
  for (const auto& p : prompts) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

}  // namespace hearth::plan
