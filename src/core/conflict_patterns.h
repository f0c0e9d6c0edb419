// Patterns over a couple's conflicts: how often, how each ended, the balance of helpful to harsh
// in what was written, and demand–withdraw roles (who raises issues, who withdraws). Pure; only
// items both partners may read are counted, so patterns never reveal a private side.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/conflict.h"

namespace hearth::conflict {

struct MonthPattern {
  std::string month;  // "2026-11"
  int started = 0, agreed = 0, unresolved = 0;
  int helpful = 0, harsh = 0;
  std::map<UserId, int> raised, withdrew;
};

struct PartnerPattern {
  UserId id = 0;
  int raised = 0;
  int paused = 0;
  int paused_without_return = 0;
  int closed_unresolved = 0;
};

struct Patterns {
  int total = 0;
  int agreed = 0, unresolved = 0, paused = 0, open = 0;
  int helpful = 0, harsh = 0;
  std::optional<double> ratio;       // helpful / harsh, when there is something harsh to divide by
  std::vector<MonthPattern> months;  // oldest first, no gaps
  std::vector<PartnerPattern> partners;
};

// Stable couples show about five helpful exchanges for each harsh one during conflict
// (Gottman & Levenson 1992; a correlational reference, not a target to hit).
constexpr double kReferenceRatio = 5.0;

// `members`: the couple's current partners, in the order they should be listed.
Patterns compute_patterns(const std::vector<Conflict>& conflicts,
                          const std::vector<UserId>& members, Millis now);

}  // namespace hearth::conflict
