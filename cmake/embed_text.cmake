# Turns a text file into a C++ source defining hearth::embedded::openapi_document().
file(READ ${IN} content)
set(delim "hearth_embed")
file(WRITE ${OUT} "// Generated from ${IN}; do not edit.\n#include <string_view>\nnamespace hearth::embedded {\nstd::string_view openapi_document() {\n  static constexpr std::string_view text = R\"${delim}(${content})${delim}\";\n  return text;\n}\n}  // namespace hearth::embedded\n")
