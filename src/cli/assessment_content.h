// Reading the assessment content from disk: content/instruments/*.toml (with scales.toml),
// content/causes.toml and content/practice-tags.toml. Parsing and checking are the core's
// (core/assessment/content.h).
#pragma once

#include <string>

#include "core/assessment/instrument.h"
#include "core/plan/library.h"
#include "core/result.h"

namespace hearth::cli {

Result<assessment::Catalog> load_catalog(const std::string& content_dir);
// content/practices/*.toml and content/prompts/*.toml, checked against the catalog.
Result<plan::Library> load_library(const std::string& content_dir,
                                   const assessment::Catalog& catalog);

}  // namespace hearth::cli
