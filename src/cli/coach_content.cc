#include "cli/coach_content.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace hearth::cli {

Result<coach::Coach> load_coach(const std::string& content_dir) {
  namespace fs = std::filesystem;
  std::vector<coach::ContentFile> files;
  for (std::string_view name : {coach::kLexiconFile, coach::kContractionsFile, coach::kPatternsFile,
                                coach::kTextsFile, coach::kTipsFile}) {
    std::string path = (fs::path(content_dir) / "coach" / name).string();
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return Error::make(ErrorCode::kInvalidField, "content-invalid",
                         path + ": cannot read the file");
    }
    std::ostringstream text;
    text << in.rdbuf();
    files.push_back({path, text.str()});
  }
  auto content = coach::parse_content(files);
  if (!content) return content.error();
  return coach::Coach::build(*content);
}

}  // namespace hearth::cli
