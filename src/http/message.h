// HTTP request and response as plain values. Only server.cc knows Boost.Beast; everything else
// in Hearth sees these types, so handlers stay quick to compile and easy to test.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hearth::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded of nothing; the query string removed
  std::string query;   // after '?', raw
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::string remote_address;
  bool tls = false;  // arrived over TLS (set by a proxy header when trusted)
  // Filled by the router: values of {name} segments in the route pattern.
  std::vector<std::pair<std::string, std::string>> params;

  // The first header with this lower-case name, or "" when absent.
  std::string_view header(std::string_view lower_name) const;
  bool has_header(std::string_view lower_name) const;
  // The value of cookie `name` from the Cookie header, or "".
  std::string_view cookie(std::string_view name) const;
  std::string_view param(std::string_view name) const;
  // The value of `name` in the query string, percent-decoded ('+' is a space); nullopt when absent.
  std::optional<std::string> query_param(std::string_view name) const;
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct Response {
  int status = 200;
  std::string content_type;
  std::string body;
  HeaderList headers;
  // Headers sent with many responses, kept by their owner for the server's lifetime and sent
  // after `headers`: they are not copied for every response.
  const HeaderList* common_headers = nullptr;
  bool close = false;  // close the connection after sending

  Response& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// Called exactly once per request, from any thread, with the response to send.
using Respond = std::function<void(Response)>;
// The server's single entry point into the application.
using RequestHandler = std::function<void(Request&&, Respond)>;

}  // namespace hearth::http
