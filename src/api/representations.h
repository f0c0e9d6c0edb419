// The one JSON mapping of Hearth's values for the API. What a viewer may see of someone else is
// decided by PrivacyPolicy, never here.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "core/account.h"
#include "core/assessment/causes.h"
#include "core/assessment/instrument.h"
#include "core/assessment/report.h"
#include "core/assessment/scoring.h"
#include "core/checkin.h"
#include "core/coach/coach.h"
#include "core/conflict.h"
#include "core/conflict_patterns.h"
#include "core/couple.h"
#include "core/insights/insights.h"
#include "core/insights/suggestions.h"
#include "core/journey.h"
#include "core/privacy.h"
#include "core/session_policy.h"
#include "storage/store.h"

namespace hearth::api {

nlohmann::json user_json(const User& self);
nlohmann::json couple_json(const Couple& couple, const Viewer& viewer);
nlohmann::json optional_couple_json(const std::optional<Couple>& couple, const Viewer& viewer);

struct ExportData {
  User user;
  std::optional<Couple> couple;
  std::vector<storage::SessionRecord> sessions;
  std::string current_session_hash;
  std::vector<storage::InviteRecord> invites;
  std::vector<conflict::Conflict> conflicts;  // every conflict this person took part in
  const std::vector<std::string>* pause_suggestions = nullptr;
  std::vector<assessment::Attempt> attempts;  // this person's own, oldest first
  std::vector<assessment::Draft> drafts;
  std::vector<checkin::CheckIn> checkins;  // this person's own, oldest first
  // What helps: the person's own free times, practice log, promises and prompt answers.
  std::optional<storage::AvailabilityRecord> availability;
  std::vector<storage::PracticeLog> practice_logs;
  std::vector<plan::Promise> promises;
  std::vector<storage::PromptAnswer> prompt_answers;
};
nlohmann::json export_json(const ExportData& data, const SessionLimits& limits, Millis now);

// The coach's verdict on a message, as the CLI prints it and POST /api/v1/coach returns it:
// {"text", "flags", "harsh", "evidence": [{"flag", "start", "end", "text", "reason"}],
//  "rewrite", "tip"}; start and end are byte offsets into text.
nlohmann::json coach_json(const coach::Verdict& verdict);

// A conflict as `viewer` may see it. `members` are the couple's current partners;
// `pause_suggestion` is shown with an active pause.
nlohmann::json conflict_json(const conflict::Conflict& c, const Viewer& viewer,
                             const std::vector<UserId>& members, Millis now,
                             std::string_view pause_suggestion);
nlohmann::json conflict_summary_json(const conflict::Conflict& c, Millis now);
nlohmann::json patterns_json(const conflict::Patterns& p, const Couple& couple,
                             const Viewer& viewer);

// ---- Assessments (api/assessment_json.cc) ----
// A person's state for one instrument: drafts and attempts are theirs.
struct InstrumentState {
  const assessment::Draft* draft = nullptr;
  int attempts = 0;
  std::optional<Millis> last_submitted_at;
};
nlohmann::json instrument_summary_json(const assessment::Instrument& inst,
                                       const InstrumentState& s);
nlohmann::json instrument_json(const assessment::Instrument& inst, const InstrumentState& s);
// The draft (or an empty one when there is none).
nlohmann::json draft_json(const assessment::Instrument& inst, const assessment::Draft* draft);
nlohmann::json attempt_json(const assessment::Attempt& a);
// A person's own results over `history` (oldest first, not empty).
nlohmann::json results_json(const assessment::Instrument& inst,
                            const std::vector<assessment::Attempt>& history);
struct WaitingRound {
  const assessment::Instrument* instrument = nullptr;
  std::string_view me;       // not_started | in_progress | completed
  std::string_view partner;  // finished | not_yet
};
nlohmann::json couple_report_json(const Partner& partner,
                                  const std::vector<assessment::ReportSection>& sections,
                                  const std::vector<WaitingRound>& waiting);
nlohmann::json causes_json(const assessment::Catalog& catalog,
                           const std::vector<assessment::CauseResult>& causes,
                           const std::vector<const assessment::Attempt*>& based_on);

// ---- Check-ins and insights (api/insights_json.cc) ----
struct Rhythm {
  Day today = 0;
  std::vector<Day> recent;  // days checked in among the last seven
  int total = 0;
};
nlohmann::json checkin_json(const checkin::CheckIn& c);  // the author's own, every field
nlohmann::json rhythm_json(const Rhythm& r);
std::string checkins_csv(const std::vector<checkin::CheckIn>& list);

struct InsightsView {
  const insights::Trend& trend;
  const insights::WeeklySummary& weekly;
  const insights::Suggestion* suggestion;
  const Rhythm& rhythm;
  const std::string& time_zone;
  const Partner* partner;
  const std::vector<checkin::CheckIn>* mine;
  const std::vector<checkin::CheckIn>* partners;  // already as the viewer may see them
};
nlohmann::json insights_json(const InsightsView& v);
nlohmann::json cycle_json(const insights::Cycle& c);
nlohmann::json journey_json(const std::vector<journey::Event>& events);

}  // namespace hearth::api

namespace hearth::http {
struct Response;
}
namespace hearth::api {
// A JSON response with the given status.
http::Response json_response(int status, const nlohmann::json& body);
}  // namespace hearth::api
