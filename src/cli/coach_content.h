// Reading the coach's content from disk: the files under DIR/coach/ (DIR is the content folder,
// `--content`, default: content/ beside the binary's folder). The one place the coach touches
// files; parsing and checking are the core's (core/coach/content.h, Coach::build).
#pragma once

#include <string>

#include "core/coach/coach.h"
#include "core/result.h"

namespace hearth::cli {

// Reads, parses and builds the coach from `content_dir`/coach/. Errors name the file (and the
// line, for content errors).
Result<coach::Coach> load_coach(const std::string& content_dir);

}  // namespace hearth::cli
