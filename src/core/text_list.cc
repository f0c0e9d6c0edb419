#include "core/text_list.h"

#include <set>

#include "core/account.h"

namespace hearth {

Result<std::vector<std::string>> parse_text_list(std::string_view file_name,
                                                 std::string_view contents,
                                                 const TextListRules& rules) {
  auto fail = [&](std::size_t line, const std::string& why) {
    return Error::make(ErrorCode::kInvalidField, "content-invalid",
                       std::string(file_name) + ":" + std::to_string(line) + ": " + why);
  };
  std::vector<std::string> out;
  std::set<std::string> seen;
  std::size_t line_no = 0;
  while (!contents.empty()) {
    ++line_no;
    auto nl = contents.find('\n');
    std::string_view line = contents.substr(0, nl);
    contents = nl == std::string_view::npos ? std::string_view{} : contents.substr(nl + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    if (utf8_length(line) > rules.max_chars) {
      return fail(line_no, "longer than " + std::to_string(rules.max_chars) + " characters");
    }
    if (!seen.insert(std::string(line)).second) return fail(line_no, "the same entry twice");
    out.emplace_back(line);
  }
  if (out.size() < rules.min_entries) {
    return fail(line_no, "needs at least " + std::to_string(rules.min_entries) + " entries, has " +
                             std::to_string(out.size()));
  }
  return out;
}

}  // namespace hearth
