// The one JSON mapping of Hearth's values for the API. What a viewer may see of someone else is
// decided by PrivacyPolicy, never here.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "core/account.h"
#include "core/couple.h"
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
};
nlohmann::json export_json(const ExportData& data, const SessionLimits& limits, Millis now);

}  // namespace hearth::api

namespace hearth::http {
struct Response;
}
namespace hearth::api {
// A JSON response with the given status.
http::Response json_response(int status, const nlohmann::json& body);
}  // namespace hearth::api
