// Strict JSON request bodies: the body must be an object whose fields are exactly the declared
// ones (no unknown fields), each of the declared type. Errors name the field at fault.
#pragma once

#include <initializer_list>
#include <nlohmann/json_fwd.hpp>
#include <string_view>

#include "core/result.h"

namespace hearth::api {

enum class JsonType { kString, kInteger, kNumber, kBoolean, kObject, kArray };

struct FieldSpec {
  std::string_view name;
  JsonType type;
  bool required = true;
  bool nullable = false;  // null is accepted (and means "none")
};

// Parses `body` against `fields`. An empty body counts as {} when `empty_ok`.
Result<nlohmann::json> parse_body(std::string_view body, std::initializer_list<FieldSpec> fields,
                                  bool empty_ok = false);

}  // namespace hearth::api
