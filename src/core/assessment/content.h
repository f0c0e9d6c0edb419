// Reading the assessment content (TOML files under content/): instruments, scales, causes and
// practice tags. Pure: text in, a checked Catalog or an error naming the file and line out.
#pragma once

#include <string>
#include <vector>

#include "core/assessment/instrument.h"
#include "core/result.h"

namespace hearth::assessment {

struct SourceFile {
  std::string path;  // as shown in errors
  std::string text;
};

Result<Catalog> build_catalog(const std::vector<SourceFile>& instruments, const SourceFile& scales,
                              const SourceFile& causes, const SourceFile& tags);

}  // namespace hearth::assessment
