#include "core/assessment/scoring.h"

#include <cmath>

namespace hearth::assessment {

double round1(double v) { return std::round(v * 10.0) / 10.0; }

Scores score(const Instrument& inst, const Answers& answers) {
  struct Sum {
    double real = 0, ideal = 0;
    int real_n = 0, ideal_n = 0, real_total = 0, ideal_total = 0;
  };
  std::vector<Sum> sums(inst.subscales.size());
  const int lo = inst.scale.min, hi = inst.scale.max;
  for (const Item& item : inst.items) {
    Sum& s = sums[item.subscale];
    bool ideal = item.facet == Facet::kIdeal;
    (ideal ? s.ideal_total : s.real_total) += 1;
    auto a = answers.find(item.id);
    if (a == answers.end()) continue;
    double v = item.reverse ? lo + hi - a->second : a->second;
    if (ideal) {
      s.ideal += v;
      ++s.ideal_n;
    } else {
      s.real += v;
      ++s.real_n;
    }
  }
  auto scaled = [&](double sum, int n, int total) -> std::optional<double> {
    if (n == 0 || n < inst.min_answered * total - 1e-9) return std::nullopt;
    return round1((sum / n - lo) / (hi - lo) * 100.0);
  };
  Scores out;
  for (std::size_t i = 0; i < sums.size(); ++i) {
    const Sum& s = sums[i];
    SubscaleScore ss;
    ss.score = scaled(s.real, s.real_n, s.real_total);
    if (inst.ideal) ss.ideal = scaled(s.ideal, s.ideal_n, s.ideal_total);
    ss.answered = s.real_n + s.ideal_n;
    ss.total = s.real_total + s.ideal_total;
    out.answered += ss.answered;
    out.total += ss.total;
    if (!ss.score || (inst.ideal && !ss.ideal)) out.missing.push_back(inst.subscales[i].id);
    out.subscales.push_back(ss);
  }
  return out;
}

Status check_answer(const Instrument& inst, const std::string& item_id, double value) {
  std::string field = "answers." + item_id;
  if (!inst.item(item_id)) {
    return Error::invalid(field, "\"" + item_id + "\" is not a question of " + inst.title + ".");
  }
  if (value != std::floor(value) || value < inst.scale.min || value > inst.scale.max) {
    return Error::invalid(field, "An answer is a whole number from " +
                                     std::to_string(inst.scale.min) + " to " +
                                     std::to_string(inst.scale.max) + ".");
  }
  return Status::Ok();
}

const AreaScore* Attempt::area(std::string_view subscale) const {
  for (const auto& a : scores) {
    if (a.subscale == subscale) return &a;
  }
  return nullptr;
}

Result<Attempt> submit(const Instrument& inst, const Draft& draft, std::int64_t id, UserId user,
                       CoupleId couple, Millis now) {
  Scores s = score(inst, draft.answers);
  if (!s.ready()) {
    std::string areas;
    for (std::size_t i = 0; i < s.missing.size(); ++i) {
      auto index = inst.subscale_index(s.missing[i]);
      if (i) areas += i + 1 == s.missing.size() ? " and " : ", ";
      areas += "\"" + inst.subscales[*index].title + "\"";
    }
    Error e =
        Error::make(ErrorCode::kInvalidField, "incomplete",
                    "A few more answers are needed before this can be scored: " + areas + ".");
    e.field = "answers";
    return e;
  }
  Attempt a;
  a.id = id;
  a.user = user;
  a.couple = couple;
  a.instrument = inst.id;
  a.version = inst.version;
  a.submitted_at = now;
  a.answers = draft.answers;
  for (std::size_t i = 0; i < inst.subscales.size(); ++i) {
    a.scores.push_back({inst.subscales[i].id, *s.subscales[i].score, s.subscales[i].ideal});
  }
  return a;
}

const Band& band_for(const Instrument& inst, const Subscale& s, double score) {
  const auto& bands = inst.bands_of(s);
  int v = static_cast<int>(std::lround(score));
  for (const auto& b : bands) {
    if (v >= b.from && v <= b.to) return b;
  }
  return bands.back();
}

std::optional<MapPosition> map_position(const Instrument& inst, const Attempt& a) {
  if (!inst.map) return std::nullopt;
  const AreaScore* x = a.area(inst.subscales[inst.map->x].id);
  const AreaScore* y = a.area(inst.subscales[inst.map->y].id);
  if (!x || !y) return std::nullopt;
  return MapPosition{x->score, y->score, &inst.map->region_at(x->score, y->score)};
}

Results results(const Instrument& inst, const std::vector<Attempt>& history) {
  Results r;
  if (history.empty()) return r;
  r.latest = &history.back();
  if (history.size() > 1) r.previous = &history[history.size() - 2];
  // Areas in the instrument's order; an area the stored attempt lacks (the instrument changed
  // since) is left out rather than invented.
  for (const Subscale& s : inst.subscales) {
    const AreaScore* now = r.latest->area(s.id);
    if (!now) continue;
    ResultArea area;
    area.subscale = &s;
    area.score = now->score;
    area.band = &band_for(inst, s, now->score);
    area.ideal = now->ideal;
    if (now->ideal) area.ideal_gap = round1(*now->ideal - now->score);
    if (r.previous) {
      if (const AreaScore* before = r.previous->area(s.id)) {
        area.change = round1(now->score - before->score);
      }
    }
    r.areas.push_back(area);
  }
  r.map = map_position(inst, *r.latest);
  return r;
}

}  // namespace hearth::assessment
