#include "cli/assessment_content.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/assessment/content.h"

namespace hearth::cli {
namespace {

namespace fs = std::filesystem;

Result<assessment::SourceFile> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error::make(ErrorCode::kInvalidField, "content-invalid",
                       path.string() + ": cannot read the file");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return assessment::SourceFile{path.string(), text.str()};
}

// Every *.toml in `folder` except `skip`, in name order.
Result<std::vector<assessment::SourceFile>> read_folder(const fs::path& folder,
                                                        std::string_view skip = {}) {
  std::vector<fs::path> paths;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (entry.path().extension() == ".toml" && entry.path().filename() != skip) {
      paths.push_back(entry.path());
    }
  }
  if (ec) {
    return Error::make(ErrorCode::kInvalidField, "content-invalid",
                       folder.string() + ": cannot list the folder (" + ec.message() + ")");
  }
  std::sort(paths.begin(), paths.end());  // the same order, and so the same errors, every time
  std::vector<assessment::SourceFile> files;
  for (const auto& p : paths) {
    auto f = read_file(p);
    if (!f) return f.error();
    files.push_back(std::move(*f));
  }
  return files;
}

}  // namespace

Result<plan::Library> load_library(const std::string& content_dir,
                                   const assessment::Catalog& catalog) {
  fs::path root(content_dir);
  auto practice_files = read_folder(root / "practices");
  if (!practice_files) return practice_files.error();
  auto prompt_files = read_folder(root / "prompts");
  if (!prompt_files) return prompt_files.error();
  plan::Library lib;
  auto practices = plan::parse_practices(*practice_files, catalog);
  if (!practices) return practices.error();
  lib.practices = std::move(*practices);
  auto prompts = plan::parse_prompt_packs(*prompt_files);
  if (!prompts) return prompts.error();
  lib.prompts = std::move(*prompts);
  return lib;
}

Result<assessment::Catalog> load_catalog(const std::string& content_dir) {
  fs::path root(content_dir), folder = root / "instruments";
  auto scales = read_file(folder / "scales.toml");
  if (!scales) return scales.error();
  auto causes = read_file(root / "causes.toml");
  if (!causes) return causes.error();
  auto tags = read_file(root / "practice-tags.toml");
  if (!tags) return tags.error();
  auto files = read_folder(folder, "scales.toml");
  if (!files) return files.error();
  return assessment::build_catalog(*files, *scales, *causes, *tags);
}

}  // namespace hearth::cli
