#include "api/json_body.h"

#include <nlohmann/json.hpp>

namespace hearth::api {
namespace {

std::string_view type_name(JsonType t) {
  switch (t) {
    case JsonType::kString:
      return "a string";
    case JsonType::kInteger:
      return "a whole number";
    case JsonType::kNumber:
      return "a number";
    case JsonType::kBoolean:
      return "true or false";
    case JsonType::kObject:
      return "an object";
    case JsonType::kArray:
      return "a list";
  }
  return "a value";
}

bool has_type(const nlohmann::json& v, JsonType t) {
  switch (t) {
    case JsonType::kString:
      return v.is_string();
    case JsonType::kInteger:
      return v.is_number_integer();
    case JsonType::kNumber:
      return v.is_number();
    case JsonType::kBoolean:
      return v.is_boolean();
    case JsonType::kObject:
      return v.is_object();
    case JsonType::kArray:
      return v.is_array();
  }
  return false;
}

}  // namespace

Result<nlohmann::json> parse_body(std::string_view body, std::initializer_list<FieldSpec> fields,
                                  bool empty_ok) {
  bool blank = body.find_first_not_of(" \t\r\n") == std::string_view::npos;
  nlohmann::json doc;
  if (blank && empty_ok) {
    doc = nlohmann::json::object();
  } else {
    doc = nlohmann::json::parse(body, nullptr, false);
    if (doc.is_discarded()) {
      return Error::make(ErrorCode::kMalformed, "malformed-json",
                         "The request body is not valid JSON.");
    }
  }
  if (!doc.is_object()) {
    return Error{ErrorCode::kInvalidField, "invalid-field",
                 "The request body must be a JSON object.", ""};
  }
  for (const auto& [key, value] : doc.items()) {
    const FieldSpec* spec = nullptr;
    for (const auto& f : fields) {
      if (f.name == key) spec = &f;
    }
    if (!spec) return Error::invalid(key, "Unknown field \"" + key + "\".");
    if (!has_type(value, spec->type) && !(spec->nullable && value.is_null())) {
      return Error::invalid(key,
                            "\"" + key + "\" must be " + std::string(type_name(spec->type)) + ".");
    }
  }
  for (const auto& f : fields) {
    if (f.required && !doc.contains(f.name)) {
      return Error::invalid(std::string(f.name), "\"" + std::string(f.name) + "\" is required.");
    }
  }
  return doc;
}

}  // namespace hearth::api
