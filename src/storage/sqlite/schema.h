// The one place that owns Hearth's SQLite schema: an ordered list of migrations.
// A migration is never edited once released; changes come as a new, higher version.
#pragma once

#include <string_view>
#include <vector>

namespace hearth::storage::sqlite {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

const std::vector<Migration>& migrations();
int latest_schema_version();

}  // namespace hearth::storage::sqlite
