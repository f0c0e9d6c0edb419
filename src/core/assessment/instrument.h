// The questionnaires ("instruments") as values: scales, subscales, items, bands, the two-axis map,
// and the catalog of everything loaded from content/ (instruments, causes, practice tags).
// Built once at start by core/assessment/content.h and read-only afterwards.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hearth::assessment {

enum class Direction { kHigherIsBetter, kHigherIsWorse };
enum class Facet { kReal, kIdeal };  // "how it is" and "how I would like it"
// Marks the demand–withdraw subscales of the conflict instrument.
enum class DwRole { kNone, kIPursue, kIWithdraw };

struct Scale {
  std::string id;
  int min = 1;
  int max = 5;
  std::vector<std::string> labels;  // one per point, min first
};

struct Band {
  int from = 0;  // inclusive, on the 0–100 scale
  int to = 100;  // inclusive
  std::string label;
  std::string meaning;
};

struct Subscale {
  std::string id;
  std::string title;
  std::string description;
  Direction direction = Direction::kHigherIsBetter;
  std::vector<std::string> causes;         // ids in Catalog::causes
  std::vector<std::string> practice_tags;  // ids in Catalog::tags
  std::string talk_strength, talk_growth, talk_gap;
  std::vector<Band> bands;  // empty: the instrument's default bands
  DwRole dw_role = DwRole::kNone;
};

struct Item {
  std::string id;  // "<statement>" for the real facet, "<statement>.ideal" for the ideal one
  std::string statement_id;
  std::string text;
  std::size_t subscale = 0;  // index into Instrument::subscales
  bool reverse = false;
  Facet facet = Facet::kReal;
};

struct MapRegion {
  bool x_higher = false;
  bool y_higher = false;
  std::string label;
  std::string meaning;
};

// Two subscales shown as a position on two axes (attachment anxiety and avoidance).
struct Map {
  std::size_t x = 0;  // subscale indexes
  std::size_t y = 0;
  double split = 50;
  std::string note;
  std::array<MapRegion, 4> regions;

  const MapRegion& region_at(double x_score, double y_score) const;
};

struct Instrument {
  std::string id;
  int version = 1;
  int order = 0;
  std::string title, purpose, construct;
  std::vector<std::string> modelled_on;
  int minutes = 0;
  Scale scale;
  bool ideal = false;
  std::string real_label, ideal_label;
  double min_answered = 0.6;
  std::vector<Band> bands;  // the default bands
  std::vector<Subscale> subscales;
  std::vector<Item> items;  // with ideal: each statement's real item, then its ideal item
  std::optional<Map> map;

  const Item* item(std::string_view id) const;
  std::optional<std::size_t> subscale_index(std::string_view id) const;
  const std::vector<Band>& bands_of(const Subscale& s) const {
    return s.bands.empty() ? bands : s.bands;
  }
  // Builds the item index; called once the items are final.
  void index_items();

 private:
  std::unordered_map<std::string, std::size_t> item_index_;
};

struct Cause {
  std::string id;
  std::string title;
  std::string explanation;
  std::vector<std::string> practice_tags;
};

struct Catalog {
  std::vector<Instrument> instruments;      // in `order`
  std::vector<Cause> causes;                // in file order
  std::map<std::string, std::string> tags;  // id → title

  const Instrument* instrument(std::string_view id) const;
  const Cause* cause(std::string_view id) const;
};

}  // namespace hearth::assessment
