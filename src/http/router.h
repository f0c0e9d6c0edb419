// Maps a method and path to a handler. Patterns are literal segments and {name} segments (a
// {name} may carry a literal suffix, as in "{token}.ics"). Thread-safe once built.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/message.h"

namespace hearth::http {

using Handler = std::function<void(Request&, Respond)>;

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  std::size_t index = 0;              // position in registration order; used as the metrics key
  std::vector<std::string> segments;  // the pattern split at '/', once, at registration
};

class Router {
 public:
  // Registers a route; returns its index.
  std::size_t add(std::string method, std::string pattern, Handler handler);

  struct Match {
    const Route* route = nullptr;      // set when method and path match
    std::vector<std::string> allowed;  // set when only the path matches (→ 405)
  };
  // Fills req.params on a match.
  Match match(Request& req) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  static bool match_segments(const Route& route, const std::vector<std::string_view>& path,
                             std::vector<std::pair<std::string, std::string>>* params);
  std::vector<Route> routes_;
  // Routes without {params}, by path: most requests are found with one hash lookup.
  std::unordered_map<std::string, std::vector<std::size_t>> literal_;
};

}  // namespace hearth::http
