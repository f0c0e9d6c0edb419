// Operational routes: health, Prometheus metrics, and the OpenAPI document.
#include <nlohmann/json.hpp>

#include "api/app.h"
#include "api/representations.h"
#include "http/metrics.h"
#include "http/problem.h"
#include "storage/store.h"

namespace hearth::embedded {
std::string_view openapi_document();
}

namespace hearth::api {

void add_system_routes(App& app) {
  app.route("GET", "/healthz", [&app](http::Request&, http::Respond respond) {
    Status read = app.store().read([](storage::ReadTx& tx) { (void)tx.user_by_id(0); });
    if (!read.ok()) {
      return respond(http::problem(503, "unhealthy", "The database cannot be read."));
    }
    respond(json_response(200, {{"status", "ok"}}));
  });
  app.route("GET", "/metrics", [&app](http::Request&, http::Respond respond) {
    respond({200, "text/plain; version=0.0.4; charset=utf-8", app.metrics().render(), {}});
  });
  app.route("GET", "/api/v1/openapi.json", [](http::Request&, http::Respond respond) {
    respond({200, "application/json", std::string(embedded::openapi_document()), {}});
  });
}

}  // namespace hearth::api
