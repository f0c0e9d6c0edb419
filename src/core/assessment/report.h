// The couple report: both partners' scores side by side once both have finished the same round.
// A couple's round k of an instrument is each partner's k-th attempt submitted in this couple;
// callers pass only the attempts PrivacyPolicy lets the viewer read.
#pragma once

#include <optional>
#include <vector>

#include "core/assessment/scoring.h"

namespace hearth::assessment {

// Thresholds on the 0–100 scale (content/instruments/README.md, "Couple report").
constexpr double kStrengthAt = 70;   // both at least this (higher is better)
constexpr double kGrowthBelow = 50;  // both below this (higher is better)
constexpr double kDifferentAt = 25;  // the partners' scores at least this far apart

enum class AreaKind { kStrength, kGrowth, kDifferent, kMiddle };
std::string_view to_string(AreaKind k);

// How two scores of one area read together.
AreaKind classify(Direction d, double me, double partner);

struct PairedArea {
  const Subscale* subscale = nullptr;
  double me = 0;
  double partner = 0;
  AreaKind kind = AreaKind::kMiddle;
  const std::string* starter = nullptr;  // the matching talk_* sentence; null for kMiddle
  std::optional<double> ideal_gap_me, ideal_gap_partner;
  std::optional<double> change_me, change_partner;  // since the previous round
};

struct ReportSection {
  const Instrument* instrument = nullptr;
  int round = 0;  // 1-based
  const Attempt* mine = nullptr;
  const Attempt* partners = nullptr;
  std::vector<PairedArea> areas;
  std::optional<MapPosition> my_map, partner_map;
};

// The latest round both have finished, or none. Both lists are one person's attempts in this
// couple, oldest first.
std::optional<ReportSection> report_section(const Instrument& inst,
                                            const std::vector<Attempt>& mine,
                                            const std::vector<Attempt>& partners);

}  // namespace hearth::assessment
