// Serves the built web app (web/dist) from memory. Files are read once at start, so no request
// path ever touches the file system. Unknown paths that look like app routes get index.html.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/message.h"

namespace hearth::http {

class StaticFiles {
 public:
  // Loads every file under `root`. An absent root leaves the set empty (the API still works).
  explicit StaticFiles(const std::string& root);
  bool empty() const { return files_.empty(); }
  std::size_t size() const { return files_.size(); }
  // The response for a GET of `path`, or nullopt when nothing matches.
  std::optional<Response> get(std::string_view path) const;

 private:
  struct File {
    std::string content_type;
    std::string body;
    std::string etag;
  };
  std::unordered_map<std::string, File> files_;
};

}  // namespace hearth::http
