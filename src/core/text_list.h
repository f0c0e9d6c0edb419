// A list file under content/: one entry per line; blank lines and lines starting with '#' are
// skipped. Used for short lists such as the calming suggestions shown during a pause.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace hearth {

struct TextListRules {
  std::size_t min_entries = 1;
  std::size_t max_chars = 300;
};

// Parses `contents` of `file_name`. Errors name the file and the line.
Result<std::vector<std::string>> parse_text_list(std::string_view file_name,
                                                 std::string_view contents,
                                                 const TextListRules& rules);

}  // namespace hearth
