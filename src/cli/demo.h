// `hearth demo`: creates demo couples so anyone can see every screen with realistic data.
// Later features extend what a demo couple has; each addition belongs in create_demo.
#pragma once

#include <string>
#include <vector>

#include <functional>
#include <string_view>

#include "core/assessment/instrument.h"
#include "core/conflict.h"
#include "core/plan/library.h"
#include "core/result.h"
#include "core/time.h"

namespace hearth::storage {
class GroupCommitWriter;
class Store;
}  // namespace hearth::storage

namespace hearth::cli {

struct DemoPerson {
  std::string email;
  std::string display_name;
};

struct DemoCouple {
  DemoPerson first, second;
};

struct DemoResult {
  std::string password;  // shared by every demo account
  std::vector<DemoCouple> couples;
  int already_there = 0;  // demo couples that existed and were left as they were
};

// Creates `couples` demo couples (the first is "Maya & Daniel"). Idempotent: accounts that exist
// are kept. Uses the same write path as the server.
// `tone` scores what demo partners write (the coach), as the server would. Each couple has taken
// every instrument in `catalog` twice (six weeks ago and last week), a little closer the second
// time, and `days` days of check-ins: couples take turns improving, stalling and declining (Maya &
// Daniel improve), closeness on one day goes with more affection the next, and one partner checks
// in less often than the other. With a `library`, they also have free evenings, a few weeks of
// practices done and rated, promises kept, missed and open, and prompts they both answered.
Result<DemoResult> create_demo(storage::GroupCommitWriter& writer, int couples, Millis now,
                               const std::function<conflict::Tone(std::string_view)>& tone,
                               const assessment::Catalog& catalog, int days = 60,
                               const plan::Library* library = nullptr);

}  // namespace hearth::cli
