// Gathers what the weekly planner needs for one couple from the store — both partners' free time
// and preferences, the couple's shared results and cause profile, the practice log — and makes,
// stores or reuses the week's plan. Used by the API and by `hearth plan --all`.
#pragma once

#include <optional>
#include <string>

#include "core/assessment/instrument.h"
#include "core/couple.h"
#include "core/plan/library.h"
#include "core/plan/planner.h"
#include "storage/plan_records.h"

namespace hearth::storage {
class ReadTx;
class WriteTx;
}  // namespace hearth::storage

namespace hearth::api {

// The couple's time zone: the first partner's availability zone, else the latest check-in's,
// else UTC.
std::string couple_time_zone(storage::ReadTx& tx, const Couple& couple);
// `slots` (local times in `from_zone`) as local times in `to_zone`, at `now`.
std::vector<plan::Slot> in_zone(const std::vector<plan::Slot>& slots, const std::string& from_zone,
                                const std::string& to_zone, Millis now);
// The Monday of the week holding `now` in `zone`.
Day week_of(Millis now, const std::string& zone);

// What the planner needs for `couple`'s week from `week_start`, with times in `zone` (the
// couple's).
plan::Inputs plan_inputs(storage::ReadTx& tx, const Couple& couple,
                         const assessment::Catalog& catalog, const std::string& zone,
                         Day week_start, Millis now);

// The stored plan of the week holding `now` while what it was made from is unchanged (a read:
// nothing is made or stored), else nothing.
std::optional<storage::StoredPlan> stored_current_plan(storage::ReadTx& tx, const Couple& couple,
                                                       const assessment::Catalog& catalog,
                                                       Millis now);

// The week's plan: the stored one while its inputs are unchanged, else a new one (stored), which
// keeps the sessions of the week already begun or done. `fresh` makes a new one regardless.
// `couple` may be a person alone (id 0, one partner): their own plan.
// `week` (a Monday) plans a later week instead of the one holding `now` (e.g. the next, ahead).
storage::StoredPlan current_plan(storage::WriteTx& tx, const Couple& couple,
                                 const assessment::Catalog& catalog,
                                 const std::vector<plan::Practice>& library, Millis now, bool fresh,
                                 std::optional<Day> week = std::nullopt);

}  // namespace hearth::api
