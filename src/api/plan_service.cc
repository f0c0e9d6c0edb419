#include "api/plan_service.h"

#include <map>

#include "core/assessment/causes.h"
#include "core/conflict_patterns.h"
#include "core/privacy.h"
#include "storage/store.h"

namespace hearth::api {

std::string couple_time_zone(storage::ReadTx& tx, const Couple& couple) {
  for (const auto& p : couple.partners) {
    if (auto a = tx.availability(p.user_id)) return a->time_zone;
  }
  for (const auto& p : couple.partners) {
    auto zone = tx.checkin_count_and_zone(p.user_id).second;
    if (!zone.empty()) return zone;
  }
  return "UTC";
}

std::vector<plan::Slot> in_zone(const std::vector<plan::Slot>& slots, const std::string& from_zone,
                                const std::string& to_zone, Millis now) {
  if (from_zone == to_zone) return slots;
  auto offset = [now](const std::string& zone) {  // minutes ahead of UTC
    Day d = local_day(now, zone);
    return static_cast<int>((static_cast<Millis>(d) * kDay - instant_of(d, 0, zone)) / kMinute);
  };
  return plan::shifted(slots, offset(to_zone) - offset(from_zone));
}

Day week_of(Millis now, const std::string& zone) {
  Day today = local_day(now, zone);
  return today - weekday(today);
}

namespace {

// Concern (0–100, higher: more in need) of one area score.
double concern(const assessment::Subscale& s, double score) {
  return s.direction == assessment::Direction::kHigherIsBetter ? 100 - score : score;
}

}  // namespace

plan::Inputs plan_inputs(storage::ReadTx& tx, const Couple& couple,
                         const assessment::Catalog& catalog, const std::string& zone,
                         Day week_start, Millis now) {
  plan::Inputs in;
  in.week_start = week_start;
  in.from = std::max<Day>(week_start, local_day(now, zone));
  if (in.from == local_day(now, zone)) {
    in.from_minute = static_cast<int>((now - instant_of(in.from, 0, zone)) / kMinute);
  }
  std::vector<std::vector<plan::Slot>> free;
  std::vector<plan::Preferences> prefs;
  for (const auto& p : couple.partners) {
    auto a = tx.availability(p.user_id);
    // Each partner's times, moved into the couple's time zone.
    free.push_back(a ? in_zone(a->slots, a->time_zone, zone, now) : std::vector<plan::Slot>{});
    if (a) prefs.push_back(a->preferences);
  }
  // A partner who has not said when they are free does not block the other's times.
  std::vector<std::vector<plan::Slot>> known;
  for (auto& f : free) {
    if (!f.empty()) known.push_back(f);
  }
  in.free = plan::shared_time(known);
  in.preferences = plan::combine(prefs);
  in.intensity =
      plan::parse_intensity(tx.plan_intensity(storage::PlanOwner::of(couple)).value_or("regular"))
          .value_or(plan::Intensity::kRegular);

  // Results: with two partners only rounds both have finished (what both may read), so a plan
  // never reveals an unshared score; alone, the person's own latest attempts.
  std::vector<std::vector<assessment::Attempt>> attempts;
  for (const auto& p : couple.partners) attempts.push_back(tx.attempts_of(p.user_id));
  std::vector<const assessment::Attempt*> latest_a, latest_b;
  for (const auto& inst : catalog.instruments) {
    if (couple.paired()) {
      std::vector<const assessment::Attempt*> a, b;
      for (const auto& x : attempts[0]) {
        if (x.instrument == inst.id && x.couple == couple.id) a.push_back(&x);
      }
      for (const auto& x : attempts[1]) {
        if (x.instrument == inst.id && x.couple == couple.id) b.push_back(&x);
      }
      std::size_t round = std::min(a.size(), b.size());
      if (round == 0) continue;
      latest_a.push_back(a[round - 1]);
      latest_b.push_back(b[round - 1]);
    } else {
      const assessment::Attempt* last = nullptr;
      for (const auto& x : attempts[0]) {
        if (x.instrument == inst.id) last = &x;
      }
      if (last) latest_a.push_back(last);
    }
  }
  for (const auto& inst : catalog.instruments) {
    for (const auto& s : inst.subscales) {
      double sum = 0;
      int n = 0;
      for (const auto* list : {&latest_a, &latest_b}) {
        for (const auto* a : *list) {
          if (a->instrument != inst.id) continue;
          if (const auto* area = a->area(s.id)) {
            sum += concern(s, area->score);
            ++n;
          }
        }
      }
      if (n > 0) in.needs.push_back({inst.id + "/" + s.id, s.title, sum / n});
    }
  }
  assessment::CauseInputs ci;
  ci.mine = latest_a;
  ci.partners = latest_b;
  if (couple.paired()) {
    auto conflicts = tx.conflicts_of_couple(couple.id);
    std::vector<UserId> members;
    for (const auto& p : couple.partners) members.push_back(p.user_id);
    std::erase_if(conflicts,
                  [&](const conflict::Conflict& c) { return !conflict::between(c, couple); });
    auto pat = conflict::compute_patterns(conflicts, members, now);
    ci.conflicts = assessment::ConflictRecord{pat.total, pat.agreed, pat.unresolved};
  }
  for (const auto& c : assessment::cause_profile(catalog, ci)) {
    if (c.strength) in.causes.push_back({c.cause->id, c.cause->title, *c.strength});
  }
  // Alone (no couple row), the person's own log.
  auto logs = couple.id ? tx.practice_logs(couple.id)
                        : tx.practice_logs_by(couple.partners.front().user_id);
  for (const auto& l : logs) {
    in.history.push_back({l.practice, l.day, l.done, l.rating});
  }
  return in;
}

namespace {

// What a plan for `couple` this week is made from, and how it is told apart.
struct Basis {
  Day week = 0;
  std::string zone;
  plan::Inputs inputs;
  std::string print;
};

Basis basis_of(storage::ReadTx& tx, const Couple& couple, const assessment::Catalog& catalog,
               Millis now, std::optional<Day> week = std::nullopt) {
  Basis b;
  b.zone = couple_time_zone(tx, couple);
  b.week = std::max(week_of(now, b.zone), week.value_or(0));
  b.inputs = plan_inputs(tx, couple, catalog, b.zone, b.week, now);
  b.print = plan::fingerprint(b.inputs) + b.zone;
  return b;
}

}  // namespace

std::optional<storage::StoredPlan> stored_current_plan(storage::ReadTx& tx, const Couple& couple,
                                                       const assessment::Catalog& catalog,
                                                       Millis now) {
  Basis b = basis_of(tx, couple, catalog, now);
  auto stored = tx.stored_plan(storage::PlanOwner::of(couple), b.week);
  if (stored && stored->fingerprint == b.print) return stored;
  return std::nullopt;
}

storage::StoredPlan current_plan(storage::WriteTx& tx, const Couple& couple,
                                 const assessment::Catalog& catalog,
                                 const std::vector<plan::Practice>& library, Millis now, bool fresh,
                                 std::optional<Day> week) {
  auto owner = storage::PlanOwner::of(couple);
  Basis b = basis_of(tx, couple, catalog, now, week);
  auto stored = tx.stored_plan(owner, b.week);
  if (!fresh && stored && stored->fingerprint == b.print) return *stored;
  // Re-planned mid-week: what has begun or is done stays (times are local to the stored zone).
  if (stored && stored->time_zone == b.zone) {
    b.inputs.kept = plan::settled_sessions(stored->plan, b.inputs);
  }
  storage::StoredPlan p{plan::make_plan(library, b.inputs), b.print, b.zone, now};
  tx.save_plan(owner, p);
  return p;
}

}  // namespace hearth::api
