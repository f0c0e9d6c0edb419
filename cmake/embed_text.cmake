# Turns a text file into a C++ source defining hearth::embedded::openapi_document(). A plain char
# array (not a constexpr string_view, whose length GCC counts with a bounded constexpr loop) keeps
# large files compiling.
file(READ ${IN} content)
set(delim "hearth_embed")
file(WRITE ${OUT} "// Generated from ${IN}; do not edit.\n#include <string_view>\nnamespace hearth::embedded {\nstd::string_view openapi_document() {\n  static const char text[] = R\"${delim}(${content})${delim}\";\n  return {text, sizeof text - 1};\n}\n}  // namespace hearth::embedded\n")
