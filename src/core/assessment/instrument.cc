#include "core/assessment/instrument.h"

namespace hearth::assessment {

const MapRegion& Map::region_at(double x_score, double y_score) const {
  bool xh = x_score >= split, yh = y_score >= split;
  for (const auto& r : regions) {
    if (r.x_higher == xh && r.y_higher == yh) return r;
  }
  return regions[0];  // unreachable: the loader requires all four combinations
}

const Item* Instrument::item(std::string_view id) const {
  auto it = item_index_.find(std::string(id));
  return it == item_index_.end() ? nullptr : &items[it->second];
}

std::optional<std::size_t> Instrument::subscale_index(std::string_view id) const {
  for (std::size_t i = 0; i < subscales.size(); ++i) {
    if (subscales[i].id == id) return i;
  }
  return std::nullopt;
}

void Instrument::index_items() {
  item_index_.clear();
  for (std::size_t i = 0; i < items.size(); ++i) item_index_.emplace(items[i].id, i);
}

const Instrument* Catalog::instrument(std::string_view id) const {
  for (const auto& i : instruments) {
    if (i.id == id) return &i;
  }
  return nullptr;
}

const Cause* Catalog::cause(std::string_view id) const {
  for (const auto& c : causes) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

}  // namespace hearth::assessment
