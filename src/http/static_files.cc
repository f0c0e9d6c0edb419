#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace hearth::http {
namespace {

std::string content_type_for(const std::filesystem::path& p) {
  static const std::unordered_map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
  };
  auto it = types.find(p.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (root.empty() || !fs::is_directory(root, ec)) return;
  for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    std::string rel = "/" + fs::relative(entry.path(), root).generic_string();
    std::string body = buf.str();
    std::string etag = "\"" + std::to_string(std::hash<std::string>{}(body)) + "\"";
    files_[rel] = {content_type_for(entry.path()), std::move(body), std::move(etag)};
  }
}

std::optional<Response> StaticFiles::get(std::string_view path) const {
  std::string key(path == "/" ? "/index.html" : path);
  auto it = files_.find(key);
  bool fallback = false;
  if (it == files_.end()) {
    // A path without a file extension is a client-side route: the app handles it.
    auto last = key.rfind('/');
    if (key.find('.', last) != std::string::npos) return std::nullopt;
    it = files_.find("/index.html");
    if (it == files_.end()) return std::nullopt;
    fallback = true;
  }
  Response r{200, it->second.content_type, it->second.body, {}};
  bool hashed_asset = !fallback && key.rfind("/assets/", 0) == 0;
  r.header("Cache-Control", hashed_asset ? "public, max-age=31536000, immutable" : "no-cache");
  r.header("ETag", it->second.etag);
  return r;
}

}  // namespace hearth::http
