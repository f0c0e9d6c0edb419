#include "http/router.h"

#include <algorithm>

namespace hearth::http {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  path.remove_prefix(1);  // callers check the leading '/'
  while (true) {
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) return out;
    path.remove_prefix(slash + 1);
  }
}

}  // namespace

std::string_view Request::header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return {};
}

bool Request::has_header(std::string_view lower_name) const {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& h) { return h.first == lower_name; });
}

std::string_view Request::cookie(std::string_view name) const {
  std::string_view all = header("cookie");
  while (!all.empty()) {
    auto semi = all.find(';');
    std::string_view pair = all.substr(0, semi);
    all = semi == std::string_view::npos ? std::string_view{} : all.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
  }
  return {};
}

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decoded(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out.push_back(' ');
    } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 &&
               hex_value(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}
}  // namespace

std::optional<std::string> Request::query_param(std::string_view name) const {
  std::string_view rest = query;
  while (!rest.empty()) {
    std::size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    std::size_t eq = pair.find('=');
    if (percent_decoded(pair.substr(0, eq)) != name) continue;
    return eq == std::string_view::npos ? std::string() : percent_decoded(pair.substr(eq + 1));
  }
  return std::nullopt;
}

std::string_view Request::param(std::string_view name) const {
  for (const auto& [k, v] : params) {
    if (k == name) return v;
  }
  return {};
}

std::size_t Router::add(std::string method, std::string pattern, Handler handler) {
  std::size_t index = routes_.size();
  Route route{std::move(method), std::move(pattern), std::move(handler), index, {}};
  if (!route.pattern.empty() && route.pattern.front() == '/') {
    for (std::string_view seg : segments(route.pattern)) route.segments.emplace_back(seg);
  }
  if (route.pattern.find('{') == std::string::npos) literal_[route.pattern].push_back(index);
  routes_.push_back(std::move(route));
  return index;
}

bool Router::match_segments(const Route& route, const std::vector<std::string_view>& path,
                            std::vector<std::pair<std::string, std::string>>* params) {
  if (route.segments.size() != path.size()) return false;
  std::vector<std::pair<std::string, std::string>> found;
  for (std::size_t i = 0; i < path.size(); ++i) {
    std::string_view p = route.segments[i], s = path[i];
    if (p.size() > 1 && p.front() == '{') {
      auto close = p.find('}');
      if (close == std::string_view::npos) return false;
      std::string_view suffix = p.substr(close + 1);
      if (s.size() <= suffix.size() || s.substr(s.size() - suffix.size()) != suffix) return false;
      found.emplace_back(std::string(p.substr(1, close - 1)),
                         std::string(s.substr(0, s.size() - suffix.size())));
    } else if (p != s) {
      return false;
    }
  }
  if (params) *params = std::move(found);
  return true;
}

Router::Match Router::match(Request& req) const {
  Match m;
  auto method_fits = [&](const Route& r) {
    return iequals(r.method, req.method) || (r.method == "GET" && req.method == "HEAD");
  };
  if (auto it = literal_.find(req.path); it != literal_.end()) {
    for (std::size_t i : it->second) {
      if (method_fits(routes_[i])) {
        req.params.clear();
        m.route = &routes_[i];
        return m;
      }
    }
  }
  if (req.path.empty() || req.path.front() != '/') return m;
  auto path = segments(req.path);
  for (const Route& r : routes_) {
    std::vector<std::pair<std::string, std::string>> params;
    if (!match_segments(r, path, &params)) continue;
    if (method_fits(r)) {
      req.params = std::move(params);
      m.route = &r;
      m.allowed.clear();
      return m;
    }
    m.allowed.push_back(r.method);
  }
  return m;
}

}  // namespace hearth::http
