// `hearth coach`: the communication coach on the command line. A readable verdict for one
// message, one JSON object with --json, or one JSON object per input line with --jsonl (the
// JSON is api/representations.cc's coach_json, the same the API returns).
#pragma once

#include <iosfwd>
#include <string>

#include "core/coach/coach.h"

namespace hearth::cli {

// Prints the verdict on `text` for people to read.
void print_verdict(const coach::Verdict& verdict, std::ostream& out);
// Reads messages from `in`, one per line, and writes one JSON object per line to `out`.
void coach_lines(const coach::Coach& coach, std::istream& in, std::ostream& out);

}  // namespace hearth::cli
