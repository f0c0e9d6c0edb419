#include "api/representations.h"

#include <cstdio>

namespace hearth::api {

nlohmann::json user_json(const User& u) {
  return {{"id", std::to_string(u.id)},
          {"email", u.email},
          {"display_name", u.display_name},
          {"created_at", format_rfc3339(u.created_at)}};
}

nlohmann::json couple_json(const Couple& c, const Viewer& viewer) {
  nlohmann::json partners = nlohmann::json::array();
  for (const Partner& p : c.partners) {
    nlohmann::json entry = {{"id", std::to_string(p.user_id)},
                            {"is_me", p.user_id == viewer.user_id},
                            {"joined_at", format_rfc3339(p.joined_at)}};
    if (PrivacyPolicy::can_see_account_field(viewer, p.user_id, c, AccountField::kDisplayName)) {
      entry["display_name"] = p.display_name;
    }
    partners.push_back(std::move(entry));
  }
  nlohmann::json invite = nullptr;
  if (c.open_invite && !c.paired()) {
    invite = {{"expires_at", format_rfc3339(c.open_invite->expires_at)}};
  }
  return {{"id", std::to_string(c.id)},
          {"status", c.paired() ? "paired" : "waiting"},
          {"created_at", format_rfc3339(c.created_at)},
          {"partners", std::move(partners)},
          {"invite", std::move(invite)}};
}

nlohmann::json optional_couple_json(const std::optional<Couple>& couple, const Viewer& viewer) {
  return couple ? couple_json(*couple, viewer) : nlohmann::json(nullptr);
}

namespace {

nlohmann::json export_checkins(const std::vector<checkin::CheckIn>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : list) out.push_back(checkin_json(c));
  return out;
}

// The person's own free times, practice log, promises and prompt answers.
nlohmann::json export_practice(const ExportData& d) {
  static const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  nlohmann::json availability = nullptr;
  if (d.availability) {
    nlohmann::json slots = nlohmann::json::array();
    for (const auto& s : d.availability->slots) {
      slots.push_back({{"day", kDays[s.weekday]},
                       {"start", format_clock(s.start)},
                       {"end", format_clock(s.end)}});
    }
    availability = {{"time_zone", d.availability->time_zone},
                    {"slots", std::move(slots)},
                    {"likes", d.availability->preferences.likes},
                    {"dislikes", d.availability->preferences.dislikes},
                    {"budget", plan::to_string(d.availability->preferences.budget)},
                    {"energy", plan::to_string(d.availability->preferences.energy)}};
  }
  nlohmann::json logs = nlohmann::json::array(), promises = nlohmann::json::array(),
                 answers = nlohmann::json::array();
  for (const auto& l : d.practice_logs) {
    logs.push_back({{"practice", l.practice},
                    {"date", format_day(l.day)},
                    {"status", l.done ? "done" : "skipped"},
                    {"rating", l.rating ? nlohmann::json(*l.rating) : nlohmann::json(nullptr)},
                    {"note", l.note}});
  }
  for (const auto& p : d.promises) {
    promises.push_back({{"text", p.text},
                        {"due", format_day(p.due)},
                        {"status", plan::to_string(p.status)},
                        {"created_at", format_rfc3339(p.created_at)}});
  }
  for (const auto& a : d.prompt_answers) {
    answers.push_back({{"prompt", a.prompt_id},
                       {"text", a.text},
                       {"created_at", format_rfc3339(a.created_at)},
                       {"updated_at", format_rfc3339(a.updated_at)}});
  }
  return {{"availability", std::move(availability)},
          {"log", std::move(logs)},
          {"promises", std::move(promises)},
          {"prompt_answers", std::move(answers)}};
}

}  // namespace

nlohmann::json export_json(const ExportData& d, const SessionLimits& limits, Millis now) {
  Viewer viewer{d.user.id, d.couple ? d.couple->id : 0};
  nlohmann::json sessions = nlohmann::json::array();
  for (const auto& s : d.sessions) {
    SessionTimes times{s.created_at, s.last_seen_at};
    sessions.push_back({{"created_at", format_rfc3339(s.created_at)},
                        {"last_seen_at", format_rfc3339(s.last_seen_at)},
                        {"expires_at", format_rfc3339(session_expires_at(times, limits))},
                        {"current", s.token_hash == d.current_session_hash}});
  }
  nlohmann::json invites = nlohmann::json::array();
  for (const auto& i : d.invites) {
    invites.push_back(
        {{"created_at", format_rfc3339(i.invite.created_at)},
         {"expires_at", format_rfc3339(i.invite.expires_at)},
         {"used_at", i.invite.used_at ? nlohmann::json(format_rfc3339(*i.invite.used_at))
                                      : nlohmann::json(nullptr)}});
  }
  // Conflicts this person wrote in, as they may see them now (their own words always; the
  // partner's only where the privacy rules allow).
  nlohmann::json conflicts = nlohmann::json::array();
  std::vector<UserId> members;
  if (d.couple) {
    for (const auto& p : d.couple->partners) members.push_back(p.user_id);
  }
  for (const auto& c : d.conflicts) {
    Viewer v{d.user.id, d.couple && d.couple->id == c.couple_id ? d.couple->id : 0};
    static const std::vector<std::string> kNone;
    conflicts.push_back(conflict_json(
        c, v, c.couple_id == v.couple_id ? members : std::vector<UserId>{d.user.id}, now,
        conflict::pause_suggestion(c, d.pause_suggestions ? *d.pause_suggestions : kNone)));
  }
  // Questionnaires: this person's own answers and scores only.
  nlohmann::json attempts = nlohmann::json::array(), drafts = nlohmann::json::array();
  for (const auto& a : d.attempts) {
    nlohmann::json entry = attempt_json(a);
    entry["instrument"] = a.instrument;
    entry["answers"] = a.answers;
    attempts.push_back(std::move(entry));
  }
  for (const auto& dr : d.drafts) {
    drafts.push_back({{"instrument", dr.instrument},
                      {"answers", dr.answers},
                      {"started_at", format_rfc3339(dr.started_at)},
                      {"updated_at", format_rfc3339(dr.updated_at)}});
  }
  return {{"format", "hearth-export"},
          {"version", 1},
          {"exported_at", format_rfc3339(now)},
          {"user", user_json(d.user)},
          {"couple", optional_couple_json(d.couple, viewer)},
          {"sessions", std::move(sessions)},
          {"invites", std::move(invites)},
          {"conflicts", std::move(conflicts)},
          {"assessments", {{"attempts", std::move(attempts)}, {"drafts", std::move(drafts)}}},
          {"checkins", export_checkins(d.checkins)},
          {"practice", export_practice(d)}};
}

namespace {

nlohmann::json time_or_null(const std::optional<Millis>& t) {
  return t ? nlohmann::json(format_rfc3339(*t)) : nlohmann::json(nullptr);
}

nlohmann::json id_json(UserId id) {
  return id ? nlohmann::json(std::to_string(id)) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json conflict_summary_json(const conflict::Conflict& c, Millis now) {
  return {{"id", std::to_string(c.id)},
          {"topic", c.topic},
          {"stage", conflict::to_string(c.stage)},
          {"created_at", format_rfc3339(c.created_at)},
          {"ended_at", time_or_null(c.ended_at)},
          {"started_by", id_json(c.started_by)},
          {"paused", conflict::active_pause(c, now).has_value()}};
}

nlohmann::json conflict_json(const conflict::Conflict& c, const Viewer& viewer,
                             const std::vector<UserId>& members, Millis now,
                             std::string_view pause_suggestion) {
  using conflict::shared_meta;
  using conflict::side_meta;
  UserId me = viewer.user_id;
  auto side = [](const conflict::Side& s) {
    return nlohmann::json{{"happened", s.happened},
                          {"felt", s.felt},
                          {"need", s.need},
                          {"submitted_at", time_or_null(s.submitted_at)}};
  };
  auto restatement = [](const conflict::Restatement& r) {
    return nlohmann::json{{"text", r.text},
                          {"status", conflict::to_string(r.status)},
                          {"attempts", r.attempts},
                          {"updated_at", format_rfc3339(r.updated_at)}};
  };
  nlohmann::json sides = {{"mine", nullptr}, {"partner", nullptr}, {"partner_submitted", false}};
  nlohmann::json restatements = {{"mine", nullptr}, {"partner", nullptr}};
  for (const auto& [author, s] : c.sides) {
    bool own = author == me;
    if (!own && s.submitted_at) sides["partner_submitted"] = true;
    if (PrivacyPolicy::can_read(viewer, side_meta(c, author, members))) {
      sides[own ? "mine" : "partner"] = side(s);
    }
  }
  for (const auto& [author, r] : c.restatements) {
    if (PrivacyPolicy::can_read(viewer, shared_meta(c, author, members))) {
      restatements[author == me ? "mine" : "partner"] = restatement(r);
    }
  }
  nlohmann::json ideas = nlohmann::json::array();
  for (const auto& i : c.ideas) {
    if (!PrivacyPolicy::can_read(viewer, shared_meta(c, i.author, members))) continue;
    ideas.push_back({{"id", std::to_string(i.id)},
                     {"author", std::to_string(i.author)},
                     {"is_mine", i.author == me},
                     {"text", i.text},
                     {"created_at", format_rfc3339(i.created_at)}});
  }
  nlohmann::json agreement = nullptr;
  if (c.agreement &&
      PrivacyPolicy::can_read(viewer, shared_meta(c, c.agreement->proposed_by, members))) {
    nlohmann::json accepted = nlohmann::json::array();
    for (UserId u : c.agreement->accepted_by) accepted.push_back(std::to_string(u));
    agreement = {{"steps", c.agreement->steps},
                 {"proposed_by", std::to_string(c.agreement->proposed_by)},
                 {"accepted_by", std::move(accepted)},
                 {"agreed_at", time_or_null(c.agreement->agreed_at)}};
  }
  nlohmann::json pause = nullptr;
  if (!c.pauses.empty() && c.open()) {
    const auto& p = c.pauses.back();
    bool active = conflict::active_pause(c, now).has_value();
    if (active || !p.resumed_at) {
      pause = {{"by", std::to_string(p.by)},
               {"until", format_rfc3339(p.until)},
               {"active", active},
               {"suggestion", std::string(pause_suggestion)}};
    }
  }
  nlohmann::json out = conflict_summary_json(c, now);
  out.erase("paused");
  out["updated_at"] = format_rfc3339(c.updated_at);
  out["pause"] = std::move(pause);
  out["sides"] = std::move(sides);
  out["restatements"] = std::move(restatements);
  out["ideas"] = std::move(ideas);
  out["agreement"] = std::move(agreement);
  out["next"] = conflict::next_step(c, me, now);
  return out;
}

nlohmann::json patterns_json(const conflict::Patterns& p, const Couple& couple,
                             const Viewer& viewer) {
  auto counts = [](const std::map<UserId, int>& m) {
    nlohmann::json o = nlohmann::json::object();
    for (const auto& [id, n] : m) o[std::to_string(id)] = n;
    return o;
  };
  nlohmann::json months = nlohmann::json::array();
  for (const auto& m : p.months) {
    months.push_back({{"month", m.month},
                      {"started", m.started},
                      {"agreed", m.agreed},
                      {"unresolved", m.unresolved},
                      {"helpful", m.helpful},
                      {"harsh", m.harsh},
                      {"raised", counts(m.raised)},
                      {"withdrew", counts(m.withdrew)}});
  }
  nlohmann::json partners = nlohmann::json::array();
  for (const auto& pp : p.partners) {
    nlohmann::json entry = {{"id", std::to_string(pp.id)},
                            {"is_me", pp.id == viewer.user_id},
                            {"raised", pp.raised},
                            {"paused", pp.paused},
                            {"paused_without_return", pp.paused_without_return},
                            {"closed_unresolved", pp.closed_unresolved}};
    for (const auto& partner : couple.partners) {
      if (partner.user_id == pp.id &&
          PrivacyPolicy::can_see_account_field(viewer, pp.id, couple, AccountField::kDisplayName)) {
        entry["display_name"] = partner.display_name;
      }
    }
    partners.push_back(std::move(entry));
  }
  return {{"total", p.total},
          {"outcomes",
           {{"agreed", p.agreed},
            {"unresolved", p.unresolved},
            {"paused", p.paused},
            {"open", p.open}}},
          {"months", std::move(months)},
          {"tone",
           {{"helpful", p.helpful},
            {"harsh", p.harsh},
            {"ratio", p.ratio ? nlohmann::json(*p.ratio) : nlohmann::json(nullptr)},
            {"reference", conflict::kReferenceRatio}}},
          {"partners", std::move(partners)}};
}

nlohmann::json coach_json(const coach::Verdict& verdict) {
  nlohmann::json flags = nlohmann::json::array();
  for (int f = 0; f < coach::kFlagCount; ++f) {
    if (verdict.flags.has(static_cast<coach::Flag>(f))) flags.push_back(coach::kFlagNames[f]);
  }
  nlohmann::json evidence = nlohmann::json::array();
  for (const auto& e : verdict.evidence) {
    evidence.push_back({{"flag", coach::flag_name(e.flag)},
                        {"start", e.start},
                        {"end", e.end},
                        {"text", verdict.quote(e)},
                        {"reason", e.reason}});
  }
  return {{"text", verdict.text},
          {"flags", std::move(flags)},
          {"harsh", verdict.harsh()},
          {"evidence", std::move(evidence)},
          {"rewrite", verdict.rewrite ? nlohmann::json(*verdict.rewrite) : nlohmann::json(nullptr)},
          {"tip", verdict.tip}};
}

}  // namespace hearth::api

#include "http/message.h"

namespace hearth::api {
http::Response json_response(int status, const nlohmann::json& body) {
  return {status,
          "application/json",
          body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
          {}};
}
}  // namespace hearth::api
