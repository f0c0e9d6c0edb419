#include "core/assessment/content.h"

#include "core/insights/suggestions.h"
#include "core/plan/library.h"

#include <toml++/toml.h>
#include <algorithm>
#include <cmath>
#include <set>

namespace hearth::assessment {
// TOML reading helpers, also used for the insights suggestions at the end (this file is the
// only one that includes the TOML parser).
namespace {

// A content mistake; caught once in build_catalog and turned into an Error.
struct ContentError {
  std::string message;
};

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 40) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// One TOML table being read: every key must be known, and every error names file and line.
class Fields {
 public:
  Fields(const std::string& path, const toml::table& t, std::string context,
         const std::vector<std::string_view>& known)
      : path_(path), t_(t), context_(std::move(context)) {
    for (auto&& [key, node] : t) {
      if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
        fail_at(key.source().begin.line, "unknown key \"" + std::string(key.str()) + "\"");
      }
    }
  }

  [[noreturn]] void fail(const std::string& what) const { fail_at(line_of(t_), what); }
  [[noreturn]] void fail_at(std::uint32_t line, const std::string& what) const {
    std::string msg = path_ + ":" + std::to_string(line) + ": ";
    if (!context_.empty()) msg += context_ + ": ";
    throw ContentError{msg + what};
  }
  [[noreturn]] void fail_key(std::string_view key, const std::string& what) const {
    fail_at(line_of(key), "\"" + std::string(key) + "\" " + what);
  }

  bool has(std::string_view key) const { return t_.contains(key); }

  std::string text(std::string_view key, std::size_t max_len = 2000) const {
    const toml::node* n = node(key);
    auto v = n->value<std::string>();
    if (!n->is_string() || !v) fail_key(key, "must be a string");
    std::string s = *v;
    if (s.find_first_not_of(" \t\n") == std::string::npos) fail_key(key, "must not be empty");
    if (s.size() > max_len) fail_key(key, "is longer than " + std::to_string(max_len) + " bytes");
    return s;
  }
  std::string id(std::string_view key) const {
    std::string s = text(key);
    if (!valid_id(s)) fail_key(key, "\"" + s + "\" is not an id (a-z, 0-9 and _, at most 40)");
    return s;
  }
  std::int64_t integer(std::string_view key, std::int64_t lo, std::int64_t hi) const {
    const toml::node* n = node(key);
    if (!n->is_integer()) fail_key(key, "must be a whole number");
    std::int64_t v = *n->value<std::int64_t>();
    if (v < lo || v > hi) {
      fail_key(key, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
    }
    return v;
  }
  double number(std::string_view key, double lo, double hi) const {
    const toml::node* n = node(key);
    if (!n->is_number()) fail_key(key, "must be a number");
    double v = *n->value<double>();
    if (!(v >= lo && v <= hi)) fail_key(key, "is out of range");
    return v;
  }
  bool boolean(std::string_view key, bool fallback) const {
    if (!has(key)) return fallback;
    const toml::node* n = node(key);
    if (!n->is_boolean()) fail_key(key, "must be true or false");
    return *n->value<bool>();
  }
  std::string choice(std::string_view key, std::initializer_list<std::string_view> options) const {
    std::string s = text(key);
    if (std::find(options.begin(), options.end(), s) == options.end()) {
      std::string list;
      for (auto o : options) list += (list.empty() ? "\"" : ", \"") + std::string(o) + "\"";
      fail_key(key, "must be one of " + list);
    }
    return s;
  }
  std::vector<std::string> strings(std::string_view key, std::size_t min_count) const {
    const toml::node* n = node(key);
    const toml::array* a = n->as_array();
    if (!a) fail_key(key, "must be a list of strings");
    std::vector<std::string> out;
    for (const auto& e : *a) {
      auto v = e.value<std::string>();
      if (!e.is_string() || !v || v->empty()) fail_key(key, "must be a list of strings");
      out.push_back(*v);
    }
    if (out.size() < min_count) {
      fail_key(key, "needs at least " + std::to_string(min_count) + " entr" +
                        (min_count == 1 ? "y" : "ies"));
    }
    return out;
  }
  // An array of tables; empty when the key is absent and not required.
  std::vector<const toml::table*> tables(std::string_view key, bool required) const {
    std::vector<const toml::table*> out;
    if (!has(key)) {
      if (required) fail("missing \"" + std::string(key) + "\"");
      return out;
    }
    const toml::array* a = t_.get(key)->as_array();
    if (!a) fail_key(key, "must be an array of tables ([[" + std::string(key) + "]])");
    for (const auto& e : *a) {
      if (!e.is_table()) fail_key(key, "must be an array of tables");
      out.push_back(e.as_table());
    }
    return out;
  }
  const toml::table* table(std::string_view key, bool required) const {
    if (!has(key)) {
      if (required) fail("missing [" + std::string(key) + "]");
      return nullptr;
    }
    const toml::table* t = t_.get(key)->as_table();
    if (!t) fail_key(key, "must be a table");
    return t;
  }
  std::uint32_t line_of(std::string_view key) const {
    for (auto&& [k, n] : t_) {
      if (k.str() == key) return k.source().begin.line;
    }
    return line_of(t_);
  }
  static std::uint32_t line_of(const toml::node& n) { return n.source().begin.line; }

 private:
  const toml::node* node(std::string_view key) const {
    const toml::node* n = t_.get(key);
    if (!n) fail("missing \"" + std::string(key) + "\"");
    return n;
  }

  const std::string& path_;
  const toml::table& t_;
  std::string context_;
};

// The id of a table, for error messages, before the table itself is checked.
std::string peek_id(const toml::table& t) {
  auto v = t["id"].value<std::string>();
  return v ? *v : "?";
}

toml::table parse_toml(const SourceFile& f) {
  try {
    return toml::parse(f.text, f.path);
  } catch (const toml::parse_error& e) {
    throw ContentError{f.path + ":" + std::to_string(e.source().begin.line) + ": " +
                       std::string(e.description())};
  }
}

std::map<std::string, Scale> read_scales(const SourceFile& f) {
  toml::table root = parse_toml(f);
  std::map<std::string, Scale> out;
  for (auto&& [key, node] : root) {
    std::string id(key.str());
    const toml::table* t = node.as_table();
    if (!valid_id(id) || !t) {
      throw ContentError{f.path + ":" + std::to_string(key.source().begin.line) + ": \"" + id +
                         "\" must be a table named by an id, like [agree5]"};
    }
    Fields s(f.path, *t, "scale \"" + id + "\"", {"min", "max", "labels"});
    Scale scale{id,
                static_cast<int>(s.integer("min", 0, 10)),
                static_cast<int>(s.integer("max", 1, 11)),
                {}};
    if (scale.max <= scale.min) s.fail_key("max", "must be above min");
    scale.labels = s.strings("labels", 2);
    if (scale.labels.size() != static_cast<std::size_t>(scale.max - scale.min + 1)) {
      s.fail_key("labels", "needs exactly one label per point (" +
                               std::to_string(scale.max - scale.min + 1) + ")");
    }
    out.emplace(id, std::move(scale));
  }
  if (out.empty()) throw ContentError{f.path + ":1: no scales"};
  return out;
}

std::map<std::string, std::string> read_tags(const SourceFile& f) {
  toml::table root = parse_toml(f);
  Fields top(f.path, root, "", {"tags"});
  const toml::table* t = top.table("tags", true);
  std::map<std::string, std::string> out;
  for (auto&& [key, node] : *t) {
    std::string id(key.str());
    auto title = node.value<std::string>();
    std::string where = f.path + ":" + std::to_string(key.source().begin.line) + ": ";
    if (!valid_id(id)) throw ContentError{where + "\"" + id + "\" is not an id"};
    if (!node.is_string() || !title || title->empty()) {
      throw ContentError{where + "tag \"" + id + "\" needs a title (a string)"};
    }
    out.emplace(id, *title);
  }
  if (out.empty()) top.fail("no tags");
  return out;
}

void check_tags(const Fields& f, std::string_view key, const std::vector<std::string>& tags,
                const std::map<std::string, std::string>& known) {
  for (const auto& t : tags) {
    if (!known.count(t)) f.fail_key(key, "names unknown practice tag \"" + t + "\"");
  }
}

std::vector<Cause> read_causes(const SourceFile& f,
                               const std::map<std::string, std::string>& tags) {
  toml::table root = parse_toml(f);
  Fields top(f.path, root, "", {"causes"});
  std::vector<Cause> out;
  std::set<std::string> seen;
  for (const toml::table* t : top.tables("causes", true)) {
    std::string id = peek_id(*t);
    Fields c(f.path, *t, "cause \"" + id + "\"", {"id", "title", "explanation", "practice_tags"});
    id = c.id("id");
    if (!seen.insert(id).second) c.fail_key("id", "is used twice");
    Cause cause{id, c.text("title", 80), c.text("explanation"), c.strings("practice_tags", 1)};
    check_tags(c, "practice_tags", cause.practice_tags, tags);
    out.push_back(std::move(cause));
  }
  return out;
}

std::vector<Band> read_bands(const std::string& path, const std::vector<const toml::table*>& rows,
                             const std::string& context) {
  std::vector<Band> out;
  for (const toml::table* t : rows) {
    Fields b(path, *t, context, {"from", "to", "label", "meaning"});
    Band band{static_cast<int>(b.integer("from", 0, 100)),
              static_cast<int>(b.integer("to", 0, 100)), b.text("label", 60), b.text("meaning")};
    int expected = out.empty() ? 0 : out.back().to + 1;
    if (band.from != expected) {
      b.fail_key("from", "should be " + std::to_string(expected) +
                             " (bands cover 0–100 in order, without gaps or overlaps)");
    }
    if (band.to < band.from) b.fail_key("to", "is below \"from\"");
    out.push_back(std::move(band));
  }
  if (!out.empty() && out.back().to != 100) {
    throw ContentError{path + ":" + std::to_string(Fields::line_of(*rows.back())) + ": " + context +
                       ": bands must end at 100"};
  }
  return out;
}

const std::vector<std::string_view> kInstrumentKeys = {
    "id",          "version", "order",     "title", "purpose",    "construct",
    "modelled_on", "minutes", "scale",     "ideal", "real_label", "ideal_label",
    "scoring",     "bands",   "subscales", "items", "map"};
const std::vector<std::string_view> kSubscaleKeys = {
    "id",       "title",         "description",   "higher_is",
    "causes",   "practice_tags", "talk_strength", "talk_growth",
    "talk_gap", "bands",         "dw_role"};

Instrument read_instrument(const SourceFile& f, const std::map<std::string, Scale>& scales,
                           const std::vector<Cause>& causes,
                           const std::map<std::string, std::string>& tags) {
  toml::table root = parse_toml(f);
  Fields top(f.path, root, "", kInstrumentKeys);
  Instrument inst;
  inst.id = top.id("id");
  inst.version = static_cast<int>(top.integer("version", 1, 1000000));
  inst.order = static_cast<int>(top.integer("order", 1, 1000));
  inst.title = top.text("title", 80);
  inst.purpose = top.text("purpose");
  inst.construct = top.text("construct");
  inst.modelled_on = top.strings("modelled_on", 1);
  inst.minutes = static_cast<int>(top.integer("minutes", 1, 120));
  std::string scale = top.text("scale");
  auto sc = scales.find(scale);
  if (sc == scales.end()) top.fail_key("scale", "names unknown scale \"" + scale + "\"");
  inst.scale = sc->second;
  inst.ideal = top.boolean("ideal", false);
  if (inst.ideal) {
    inst.real_label = top.text("real_label", 60);
    inst.ideal_label = top.text("ideal_label", 60);
  } else if (top.has("real_label") || top.has("ideal_label")) {
    top.fail_key(top.has("real_label") ? "real_label" : "ideal_label", "needs ideal = true");
  }

  const toml::table* scoring = top.table("scoring", true);
  Fields sf(f.path, *scoring, "[scoring]", {"min_answered", "min_items"});
  inst.min_answered = sf.number("min_answered", 0.01, 1.0);
  int min_items = sf.has("min_items") ? static_cast<int>(sf.integer("min_items", 2, 100)) : 3;

  inst.bands = read_bands(f.path, top.tables("bands", true), "[[bands]]");
  if (inst.bands.empty()) top.fail_key("bands", "needs at least one band");

  std::vector<std::uint32_t> subscale_lines;
  for (const toml::table* t : top.tables("subscales", true)) {
    std::string id = peek_id(*t);
    Fields s(f.path, *t, "subscale \"" + id + "\"", kSubscaleKeys);
    id = s.id("id");
    if (inst.subscale_index(id)) s.fail_key("id", "is used twice");
    Subscale sub;
    sub.id = id;
    sub.title = s.text("title", 80);
    sub.description = s.text("description");
    sub.direction = s.choice("higher_is", {"better", "worse"}) == "better"
                        ? Direction::kHigherIsBetter
                        : Direction::kHigherIsWorse;
    sub.causes = s.strings("causes", 0);
    for (const auto& c : sub.causes) {
      if (std::none_of(causes.begin(), causes.end(), [&](const Cause& k) { return k.id == c; })) {
        s.fail_key("causes", "names unknown cause \"" + c + "\"");
      }
    }
    sub.practice_tags = s.strings("practice_tags", 1);
    check_tags(s, "practice_tags", sub.practice_tags, tags);
    sub.talk_strength = s.text("talk_strength", 400);
    sub.talk_growth = s.text("talk_growth", 400);
    sub.talk_gap = s.text("talk_gap", 400);
    if (s.has("dw_role")) {
      sub.dw_role = s.choice("dw_role", {"i_pursue", "i_withdraw"}) == "i_pursue"
                        ? DwRole::kIPursue
                        : DwRole::kIWithdraw;
    }
    sub.bands = read_bands(f.path, s.tables("bands", false), "subscale \"" + id + "\" bands");
    subscale_lines.push_back(Fields::line_of(*t));
    inst.subscales.push_back(std::move(sub));
  }
  if (inst.subscales.empty()) top.fail("needs at least one [[subscales]]");

  std::vector<int> per_subscale(inst.subscales.size(), 0);
  std::set<std::string> statements;
  for (const toml::table* t : top.tables("items", true)) {
    std::string id = peek_id(*t);
    Fields it(f.path, *t, "item \"" + id + "\"", {"id", "subscale", "text", "reverse"});
    id = it.id("id");
    if (!statements.insert(id).second) it.fail_key("id", "is used twice");
    std::string sub = it.text("subscale");
    auto index = inst.subscale_index(sub);
    if (!index) it.fail_key("subscale", "names unknown subscale \"" + sub + "\"");
    Item item{id, id, it.text("text", 300), *index, it.boolean("reverse", false), Facet::kReal};
    ++per_subscale[*index];
    if (inst.ideal) {
      Item ideal = item;
      ideal.id = id + ".ideal";
      ideal.facet = Facet::kIdeal;
      inst.items.push_back(std::move(item));
      inst.items.push_back(std::move(ideal));
    } else {
      inst.items.push_back(std::move(item));
    }
  }
  for (std::size_t i = 0; i < inst.subscales.size(); ++i) {
    if (per_subscale[i] < min_items) {
      throw ContentError{f.path + ":" + std::to_string(subscale_lines[i]) + ": subscale \"" +
                         inst.subscales[i].id + "\" has " + std::to_string(per_subscale[i]) +
                         " item(s); it needs at least " + std::to_string(min_items)};
    }
  }
  inst.index_items();

  if (const toml::table* m = top.table("map", false)) {
    Fields mf(f.path, *m, "[map]", {"x", "y", "split", "note", "regions"});
    Map map;
    auto axis = [&](std::string_view key) {
      std::string s = mf.text(key);
      auto i = inst.subscale_index(s);
      if (!i) mf.fail_key(key, "names unknown subscale \"" + s + "\"");
      return *i;
    };
    map.x = axis("x");
    map.y = axis("y");
    if (map.x == map.y) mf.fail_key("y", "must differ from x");
    map.split = mf.number("split", 1, 99);
    map.note = mf.text("note");
    auto regions = mf.tables("regions", true);
    if (regions.size() != 4) mf.fail_key("regions", "needs exactly four [[map.regions]]");
    std::set<int> seen;
    for (std::size_t i = 0; i < 4; ++i) {
      Fields r(f.path, *regions[i], "[[map.regions]]", {"x", "y", "label", "meaning"});
      MapRegion reg{r.choice("x", {"lower", "higher"}) == "higher",
                    r.choice("y", {"lower", "higher"}) == "higher", r.text("label", 60),
                    r.text("meaning")};
      if (!seen.insert(reg.x_higher * 2 + reg.y_higher).second) {
        r.fail("this x/y combination is already taken");
      }
      map.regions[i] = std::move(reg);
    }
    inst.map = std::move(map);
  }
  return inst;
}

}  // namespace

Result<Catalog> build_catalog(const std::vector<SourceFile>& instruments, const SourceFile& scales,
                              const SourceFile& causes, const SourceFile& tags) {
  try {
    Catalog cat;
    cat.tags = read_tags(tags);
    cat.causes = read_causes(causes, cat.tags);
    auto scale_map = read_scales(scales);
    std::map<std::string, std::string> ids, orders;  // → the file that used it first
    for (const auto& f : instruments) {
      Instrument inst = read_instrument(f, scale_map, cat.causes, cat.tags);
      if (auto [it, fresh] = ids.emplace(inst.id, f.path); !fresh) {
        throw ContentError{f.path + ":1: instrument id \"" + inst.id + "\" is also used by " +
                           it->second};
      }
      if (auto [it, fresh] = orders.emplace(std::to_string(inst.order), f.path); !fresh) {
        throw ContentError{f.path + ":1: order " + std::to_string(inst.order) +
                           " is also used by " + it->second};
      }
      cat.instruments.push_back(std::move(inst));
    }
    if (cat.instruments.empty()) throw ContentError{"content/instruments: no instrument files"};
    std::sort(cat.instruments.begin(), cat.instruments.end(),
              [](const Instrument& a, const Instrument& b) { return a.order < b.order; });
    for (auto& inst : cat.instruments) inst.index_items();
    return cat;
  } catch (const ContentError& e) {
    return Error::make(ErrorCode::kInvalidField, "content-invalid", e.message);
  }
}

}  // namespace hearth::assessment

namespace hearth::insights {

Result<std::vector<Suggestion>> parse_suggestions(const assessment::SourceFile& f,
                                                  const std::map<std::string, std::string>& tags) {
  using assessment::ContentError;
  using assessment::Fields;
  try {
    toml::table root = assessment::parse_toml(f);
    Fields top(f.path, root, "", {"suggestions"});
    std::vector<Suggestion> out;
    for (const toml::table* t : top.tables("suggestions", true)) {
      Fields s(f.path, *t, "suggestion", {"metric", "text", "why", "practice_tag"});
      std::string name = s.text("metric");
      std::optional<Metric> metric;
      for (int i = 0; i < kSharedMetricCount; ++i) {
        if (to_string(static_cast<Metric>(i)) == name) metric = static_cast<Metric>(i);
      }
      if (!metric) s.fail_key("metric", "names unknown measure \"" + name + "\"");
      Suggestion sug{*metric, s.text("text", 400), s.text("why", 400), s.text("practice_tag")};
      if (!tags.count(sug.practice_tag)) {
        s.fail_key("practice_tag", "names unknown practice tag \"" + sug.practice_tag + "\"");
      }
      out.push_back(std::move(sug));
    }
    for (int i = 0; i < kSharedMetricCount; ++i) {
      auto m = static_cast<Metric>(i);
      bool found = false;
      for (const auto& sug : out) found = found || sug.metric == m;
      if (!found) top.fail("no suggestion for \"" + std::string(to_string(m)) + "\"");
    }
    return out;
  } catch (const ContentError& e) {
    return Error::make(ErrorCode::kInvalidField, "content-invalid", e.message);
  }
}

}  // namespace hearth::insights

namespace hearth::plan {

using assessment::ContentError;
using assessment::Fields;

Result<std::vector<Practice>> parse_practices(const std::vector<assessment::SourceFile>& files,
                                              const assessment::Catalog& catalog) {
  try {
    std::vector<Practice> out;
    std::map<std::string, std::string> seen;  // id → file
    for (const auto& f : files) {
      toml::table root = assessment::parse_toml(f);
      Fields top(f.path, root, "", {"practices"});
      for (const toml::table* t : top.tables("practices", true)) {
        static const std::vector<std::string_view> kKeys = {
            "id",         "title",  "calendar_title", "goal", "steps", "minutes", "who", "cost",
            "difficulty", "energy", "setting",        "tags", "areas", "causes",  "why", "cite"};
        std::string id = assessment::peek_id(*t);
        Fields p(f.path, *t, "practice \"" + id + "\"", kKeys);
        Practice x;
        x.id = p.id("id");
        if (auto [it, fresh] = seen.emplace(x.id, f.path); !fresh) {
          p.fail_key("id", "is also used in " + it->second);
        }
        x.title = p.text("title", 80);
        x.calendar_title = p.text("calendar_title", 40);
        x.goal = p.text("goal", 400);
        x.steps = p.strings("steps", 2);
        if (x.steps.size() > 8) p.fail_key("steps", "has more than 8 steps");
        x.minutes = static_cast<int>(p.integer("minutes", 5, 240));
        x.who = p.choice("who", {"together", "solo"}) == "together" ? Who::kTogether : Who::kSolo;
        std::string cost = p.choice("cost", {"free", "low", "medium"});
        x.cost = cost == "free" ? Cost::kFree : cost == "low" ? Cost::kLow : Cost::kMedium;
        x.difficulty = static_cast<int>(p.integer("difficulty", 1, 3));
        std::string energy = p.choice("energy", {"low", "medium", "high"});
        x.energy = energy == "low"      ? Energy::kLow
                   : energy == "medium" ? Energy::kMedium
                                        : Energy::kHigh;
        std::string setting = p.choice("setting", {"home", "out", "anywhere"});
        x.setting = setting == "home"  ? Setting::kHome
                    : setting == "out" ? Setting::kOut
                                       : Setting::kAnywhere;
        x.tags = p.strings("tags", 1);
        assessment::check_tags(p, "tags", x.tags, catalog.tags);
        x.areas = p.strings("areas", 1);
        for (const auto& a : x.areas) {
          auto slash = a.find('/');
          const auto* inst =
              slash == std::string::npos ? nullptr : catalog.instrument(a.substr(0, slash));
          if (!inst || !inst->subscale_index(a.substr(slash + 1))) {
            p.fail_key("areas", "names unknown area \"" + a + "\" (instrument/subscale)");
          }
        }
        x.causes = p.has("causes") ? p.strings("causes", 0) : std::vector<std::string>{};
        for (const auto& c : x.causes) {
          if (!catalog.cause(c)) p.fail_key("causes", "names unknown cause \"" + c + "\"");
        }
        x.why = p.text("why", 600);
        if (p.has("cite")) x.cite = p.text("cite", 200);
        out.push_back(std::move(x));
      }
    }
    if (out.empty()) throw ContentError{"content/practices: no practices"};
    std::sort(out.begin(), out.end(),
              [](const Practice& a, const Practice& b) { return a.id < b.id; });
    return out;
  } catch (const ContentError& e) {
    return Error::make(ErrorCode::kInvalidField, "content-invalid", e.message);
  }
}

Result<std::vector<Prompt>> parse_prompt_packs(const std::vector<assessment::SourceFile>& files) {
  try {
    std::vector<Prompt> out;
    std::map<std::string, std::string> packs;  // pack id → file
    for (const auto& f : files) {
      toml::table root = assessment::parse_toml(f);
      Fields top(f.path, root, "", {"id", "title", "description", "author", "license", "prompts"});
      std::string pack = top.id("id");
      if (auto [it, fresh] = packs.emplace(pack, f.path); !fresh) {
        top.fail_key("id", "is also the id of the pack in " + it->second);
      }
      top.text("title", 80);
      top.text("description", 400);
      top.text("author", 80);
      top.text("license", 80);
      std::set<std::string> ids;
      for (const toml::table* t : top.tables("prompts", true)) {
        std::string id = assessment::peek_id(*t);
        Fields p(f.path, *t, "prompt \"" + id + "\"", {"id", "depth", "theme", "text"});
        Prompt x;
        id = p.id("id");
        if (!ids.insert(id).second) p.fail_key("id", "is used twice in this pack");
        x.id = pack + "." + id;
        x.depth = *parse_depth(p.choice("depth", {"light", "personal", "vulnerable"}));
        x.theme = p.choice(
            "theme", {"everyday", "appreciation", "dreams", "fears", "past", "future", "intimacy"});
        x.text = p.text("text", 300);
        out.push_back(std::move(x));
      }
    }
    if (out.empty()) throw ContentError{"content/prompts: no prompts"};
    return out;
  } catch (const ContentError& e) {
    return Error::make(ErrorCode::kInvalidField, "content-invalid", e.message);
  }
}

}  // namespace hearth::plan
