#include "core/assessment/reliability.h"

namespace hearth::assessment {
namespace {

double variance(const std::vector<double>& v) {  // sample variance (n − 1)
  double mean = 0;
  for (double x : v) mean += x;
  mean /= static_cast<double>(v.size());
  double ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  return ss / static_cast<double>(v.size() - 1);
}

}  // namespace

std::optional<double> cronbach_alpha(const std::vector<std::vector<double>>& rows) {
  if (rows.size() < 2) return std::nullopt;
  std::size_t k = rows.front().size();
  if (k < 2) return std::nullopt;
  double item_var = 0;
  for (std::size_t j = 0; j < k; ++j) {
    std::vector<double> col;
    col.reserve(rows.size());
    for (const auto& r : rows) col.push_back(r[j]);
    item_var += variance(col);
  }
  std::vector<double> totals;
  totals.reserve(rows.size());
  for (const auto& r : rows) {
    double t = 0;
    for (double x : r) t += x;
    totals.push_back(t);
  }
  double total_var = variance(totals);
  if (total_var <= 0) return std::nullopt;
  double kd = static_cast<double>(k);
  return kd / (kd - 1) * (1 - item_var / total_var);
}

std::vector<SubscaleReliability> reliability(const Instrument& inst,
                                             const std::vector<Answers>& respondents,
                                             int min_respondents) {
  std::vector<SubscaleReliability> out;
  for (std::size_t s = 0; s < inst.subscales.size(); ++s) {
    std::vector<const Item*> items;
    for (const Item& it : inst.items) {
      if (it.subscale == s && it.facet == Facet::kReal) items.push_back(&it);
    }
    std::vector<std::vector<double>> rows;
    for (const Answers& a : respondents) {
      std::vector<double> row;
      for (const Item* it : items) {
        auto f = a.find(it->id);
        if (f == a.end()) break;
        row.push_back(it->reverse ? inst.scale.min + inst.scale.max - f->second : f->second);
      }
      if (row.size() == items.size()) rows.push_back(std::move(row));
    }
    SubscaleReliability r{inst.id, inst.subscales[s].id, static_cast<int>(items.size()),
                          static_cast<int>(rows.size()), std::nullopt};
    if (r.respondents >= min_respondents) r.alpha = cronbach_alpha(rows);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace hearth::assessment
