// Maps a method and path to a handler. Patterns are literal segments and {name} segments (a
// {name} may carry a literal suffix, as in "{token}.ics"). Thread-safe once built.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace hearth::http {

using Handler = std::function<void(Request&, Respond)>;

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  std::size_t index = 0;  // position in registration order; used as the metrics key
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
  static bool match_pattern(std::string_view pattern, std::string_view path,
                            std::vector<std::pair<std::string, std::string>>* params);
  std::vector<Route> routes_;
};

}  // namespace hearth::http
