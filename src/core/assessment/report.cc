#include "core/assessment/report.h"

#include <algorithm>
#include <cmath>

namespace hearth::assessment {

std::string_view to_string(AreaKind k) {
  switch (k) {
    case AreaKind::kStrength:
      return "strength";
    case AreaKind::kGrowth:
      return "growth";
    case AreaKind::kDifferent:
      return "different";
    case AreaKind::kMiddle:
      return "middle";
  }
  return "middle";
}

AreaKind classify(Direction d, double me, double partner) {
  if (std::abs(me - partner) >= kDifferentAt) return AreaKind::kDifferent;
  // Read both scores as "how well it goes", whatever the direction of the subscale.
  double a = d == Direction::kHigherIsBetter ? me : 100 - me;
  double b = d == Direction::kHigherIsBetter ? partner : 100 - partner;
  if (a >= kStrengthAt && b >= kStrengthAt) return AreaKind::kStrength;
  if (a < kGrowthBelow && b < kGrowthBelow) return AreaKind::kGrowth;
  return AreaKind::kMiddle;
}

namespace {

std::optional<double> gap(const AreaScore& a) {
  if (!a.ideal) return std::nullopt;
  return round1(*a.ideal - a.score);
}

std::optional<double> change(const Attempt* before, const AreaScore& now) {
  if (!before) return std::nullopt;
  const AreaScore* b = before->area(now.subscale);
  if (!b) return std::nullopt;
  return round1(now.score - b->score);
}

}  // namespace

std::optional<ReportSection> report_section(const Instrument& inst,
                                            const std::vector<Attempt>& mine,
                                            const std::vector<Attempt>& partners) {
  std::size_t round = std::min(mine.size(), partners.size());
  if (round == 0) return std::nullopt;
  ReportSection r;
  r.instrument = &inst;
  r.round = static_cast<int>(round);
  r.mine = &mine[round - 1];
  r.partners = &partners[round - 1];
  const Attempt* my_before = round > 1 ? &mine[round - 2] : nullptr;
  const Attempt* their_before = round > 1 ? &partners[round - 2] : nullptr;
  for (const Subscale& s : inst.subscales) {
    const AreaScore* a = r.mine->area(s.id);
    const AreaScore* b = r.partners->area(s.id);
    if (!a || !b) continue;
    PairedArea p;
    p.subscale = &s;
    p.me = a->score;
    p.partner = b->score;
    p.kind = classify(s.direction, a->score, b->score);
    switch (p.kind) {
      case AreaKind::kStrength:
        p.starter = &s.talk_strength;
        break;
      case AreaKind::kGrowth:
        p.starter = &s.talk_growth;
        break;
      case AreaKind::kDifferent:
        p.starter = &s.talk_gap;
        break;
      case AreaKind::kMiddle:
        break;
    }
    p.ideal_gap_me = gap(*a);
    p.ideal_gap_partner = gap(*b);
    p.change_me = change(my_before, *a);
    p.change_partner = change(their_before, *b);
    if (!p.change_me || !p.change_partner) p.change_me = p.change_partner = std::nullopt;
    r.areas.push_back(p);
  }
  r.my_map = map_position(inst, *r.mine);
  r.partner_map = map_position(inst, *r.partners);
  return r;
}

}  // namespace hearth::assessment
