// The JSON form of instruments, drafts, results, the couple report and the cause profile
// (docs/API.md, "Assessments"). What reaches a partner was filtered by PrivacyPolicy before.
#include "api/representations.h"

namespace hearth::api {

using nlohmann::json;
using namespace assessment;

namespace {

json optional_number(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

std::string_view direction(const Subscale& s) {
  return s.direction == Direction::kHigherIsBetter ? "better" : "worse";
}

json status_json(const Instrument& inst, const InstrumentState& s) {
  int answered = 0, total = 0;
  Scores sc = score(inst, s.draft ? s.draft->answers : Answers{});
  answered = sc.answered;
  total = sc.total;
  std::string_view state = s.draft ? "in_progress" : s.attempts > 0 ? "completed" : "not_started";
  return {{"state", state},
          {"answered", answered},
          {"total", total},
          {"attempts", s.attempts},
          {"last_submitted_at",
           s.last_submitted_at ? json(format_rfc3339(*s.last_submitted_at)) : json(nullptr)}};
}

json region_json(const MapRegion& r) {
  return {{"x", r.x_higher ? "higher" : "lower"},
          {"y", r.y_higher ? "higher" : "lower"},
          {"label", r.label},
          {"meaning", r.meaning}};
}

json position_json(const MapPosition& p) {
  return {{"x", p.x},
          {"y", p.y},
          {"region", {{"label", p.region->label}, {"meaning", p.region->meaning}}}};
}

}  // namespace

json instrument_summary_json(const Instrument& inst, const InstrumentState& s) {
  return {{"id", inst.id},
          {"version", inst.version},
          {"order", inst.order},
          {"title", inst.title},
          {"purpose", inst.purpose},
          {"minutes", inst.minutes},
          {"item_count", inst.items.size()},
          {"status", status_json(inst, s)}};
}

json instrument_json(const Instrument& inst, const InstrumentState& s) {
  json subscales = json::array(), items = json::array();
  for (const Subscale& sub : inst.subscales) {
    subscales.push_back({{"id", sub.id},
                         {"title", sub.title},
                         {"description", sub.description},
                         {"higher_is", direction(sub)}});
  }
  for (const Item& item : inst.items) {
    items.push_back({{"id", item.id},
                     {"text", item.text},
                     {"subscale", inst.subscales[item.subscale].id},
                     {"facet", item.facet == Facet::kReal ? "real" : "ideal"}});
  }
  json map = nullptr;
  if (inst.map) {
    json regions = json::array();
    for (const auto& r : inst.map->regions) regions.push_back(region_json(r));
    map = {{"x", inst.subscales[inst.map->x].id},
           {"y", inst.subscales[inst.map->y].id},
           {"split", inst.map->split},
           {"note", inst.map->note},
           {"regions", std::move(regions)}};
  }
  return {
      {"id", inst.id},
      {"version", inst.version},
      {"order", inst.order},
      {"title", inst.title},
      {"purpose", inst.purpose},
      {"construct", inst.construct},
      {"modelled_on", inst.modelled_on},
      {"minutes", inst.minutes},
      {"scale", {{"min", inst.scale.min}, {"max", inst.scale.max}, {"labels", inst.scale.labels}}},
      {"ideal", inst.ideal
                    ? json{{"real_label", inst.real_label}, {"ideal_label", inst.ideal_label}}
                    : json(nullptr)},
      {"subscales", std::move(subscales)},
      {"items", std::move(items)},
      {"map", std::move(map)},
      {"status", status_json(inst, s)},
      {"draft", s.draft ? draft_json(inst, s.draft) : json(nullptr)}};
}

json draft_json(const Instrument& inst, const Draft* draft) {
  Answers none;
  const Answers& answers = draft ? draft->answers : none;
  Scores sc = score(inst, answers);
  json a = json::object();
  for (const auto& [item, v] : answers) a[item] = v;
  return {{"answers", std::move(a)},
          {"answered", sc.answered},
          {"total", sc.total},
          {"updated_at", draft ? json(format_rfc3339(draft->updated_at)) : json(nullptr)},
          {"ready", sc.ready()},
          {"missing", sc.missing}};
}

json attempt_json(const Attempt& a) {
  json scores = json::object();
  for (const auto& s : a.scores) {
    scores[s.subscale] = {{"score", s.score}, {"ideal", optional_number(s.ideal)}};
  }
  return {{"id", std::to_string(a.id)},
          {"submitted_at", format_rfc3339(a.submitted_at)},
          {"version", a.version},
          {"scores", std::move(scores)}};
}

json results_json(const Instrument& inst, const std::vector<Attempt>& history) {
  Results r = results(inst, history);
  json areas = json::array();
  for (const ResultArea& a : r.areas) {
    areas.push_back({{"subscale", a.subscale->id},
                     {"title", a.subscale->title},
                     {"description", a.subscale->description},
                     {"higher_is", direction(*a.subscale)},
                     {"score", a.score},
                     {"band", {{"label", a.band->label}, {"meaning", a.band->meaning}}},
                     {"ideal", optional_number(a.ideal)},
                     {"ideal_gap", optional_number(a.ideal_gap)},
                     {"change", optional_number(a.change)}});
  }
  json hist = json::array();
  for (const auto& a : history) hist.push_back(attempt_json(a));
  json map = nullptr;
  if (r.map) {
    map = {{"x", r.map->x},
           {"y", r.map->y},
           {"x_subscale", inst.subscales[inst.map->x].id},
           {"y_subscale", inst.subscales[inst.map->y].id},
           {"region", {{"label", r.map->region->label}, {"meaning", r.map->region->meaning}}},
           {"note", inst.map->note}};
  }
  return {{"instrument", {{"id", inst.id}, {"title", inst.title}, {"version", inst.version}}},
          {"latest", attempt_json(*r.latest)},
          {"previous", r.previous ? attempt_json(*r.previous) : json(nullptr)},
          {"history", std::move(hist)},
          {"areas", std::move(areas)},
          {"map", std::move(map)}};
}

json couple_report_json(const Partner& partner, const std::vector<ReportSection>& sections,
                        const std::vector<WaitingRound>& waiting) {
  json out_sections = json::array();
  for (const ReportSection& s : sections) {
    json areas = json::array(), strengths = json::array(), growth = json::array(),
         different = json::array();
    for (const PairedArea& a : s.areas) {
      json gap = nullptr, change = nullptr;
      if (a.ideal_gap_me && a.ideal_gap_partner) {
        gap = {{"me", *a.ideal_gap_me}, {"partner", *a.ideal_gap_partner}};
      }
      if (a.change_me && a.change_partner) {
        change = {{"me", *a.change_me}, {"partner", *a.change_partner}};
      }
      areas.push_back({{"subscale", a.subscale->id},
                       {"title", a.subscale->title},
                       {"higher_is", direction(*a.subscale)},
                       {"me", a.me},
                       {"partner", a.partner},
                       {"difference", round1(std::abs(a.me - a.partner))},
                       {"kind", to_string(a.kind)},
                       {"starter", a.starter ? json(*a.starter) : json(nullptr)},
                       {"ideal_gap", std::move(gap)},
                       {"change", std::move(change)}});
      if (a.kind == AreaKind::kStrength) strengths.push_back(a.subscale->id);
      if (a.kind == AreaKind::kGrowth) growth.push_back(a.subscale->id);
      if (a.kind == AreaKind::kDifferent) different.push_back(a.subscale->id);
    }
    json map = nullptr;
    if (s.my_map && s.partner_map) {
      map = {{"me", position_json(*s.my_map)},
             {"partner", position_json(*s.partner_map)},
             {"note", s.instrument->map->note}};
    }
    out_sections.push_back(
        {{"instrument", {{"id", s.instrument->id}, {"title", s.instrument->title}}},
         {"round", s.round},
         {"my_submitted_at", format_rfc3339(s.mine->submitted_at)},
         {"partner_submitted_at", format_rfc3339(s.partners->submitted_at)},
         {"areas", std::move(areas)},
         {"strengths", std::move(strengths)},
         {"growth_areas", std::move(growth)},
         {"different_views", std::move(different)},
         {"map", std::move(map)}});
  }
  json out_waiting = json::array();
  for (const auto& w : waiting) {
    out_waiting.push_back(
        {{"instrument", {{"id", w.instrument->id}, {"title", w.instrument->title}}},
         {"me", w.me},
         {"partner", w.partner}});
  }
  return {{"partner",
           {{"id", std::to_string(partner.user_id)}, {"display_name", partner.display_name}}},
          {"sections", std::move(out_sections)},
          {"waiting", std::move(out_waiting)}};
}

json causes_json(const Catalog& catalog, const std::vector<CauseResult>& causes,
                 const std::vector<const Attempt*>& based_on) {
  json out = json::array();
  for (const CauseResult& c : causes) {
    json evidence = json::array(), tags = json::array();
    for (const Evidence& e : c.evidence) {
      evidence.push_back({{"source", e.source},
                          {"text", e.text},
                          {"value", optional_number(e.value)},
                          {"whose", to_string(e.whose)}});
    }
    for (const auto& t : c.cause->practice_tags) {
      auto it = catalog.tags.find(t);
      tags.push_back({{"id", t}, {"title", it == catalog.tags.end() ? t : it->second}});
    }
    out.push_back({{"id", c.cause->id},
                   {"title", c.cause->title},
                   {"rank", c.rank},
                   {"level", to_string(c.level)},
                   {"strength", optional_number(c.strength)},
                   {"explanation", c.cause->explanation},
                   {"evidence", std::move(evidence)},
                   {"practice_tags", std::move(tags)},
                   {"measure_with", c.measure_with}});
  }
  json basis = json::array();
  for (const Attempt* a : based_on) {
    basis.push_back(
        {{"instrument", a->instrument}, {"submitted_at", format_rfc3339(a->submitted_at)}});
  }
  std::string note =
      based_on.empty()
          ? "Nothing to go on yet. Each questionnaire you finish adds evidence here."
          : "These are patterns in your answers, not a diagnosis. Talk them over together; what "
            "you both recognise matters more than the numbers.";
  return {{"causes", std::move(out)}, {"based_on", std::move(basis)}, {"note", note}};
}

}  // namespace hearth::api
