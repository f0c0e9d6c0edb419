#include "api/representations.h"

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
  return {{"format", "hearth-export"},
          {"version", 1},
          {"exported_at", format_rfc3339(now)},
          {"user", user_json(d.user)},
          {"couple", optional_couple_json(d.couple, viewer)},
          {"sessions", std::move(sessions)},
          {"invites", std::move(invites)}};
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
