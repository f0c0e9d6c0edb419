// The ten flags of the communication coach (defined in content/coach/README.md): six harsh ones
// to soften and four helpful ones to encourage. A FlagSet is a small value type.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace hearth::coach {

// In this order everywhere: JSON lists flags in it.
enum class Flag : std::uint8_t {
  kBlame,
  kAbsolute,
  kCriticism,
  kContempt,
  kDefensiveness,
  kStonewalling,
  kIStatement,
  kValidation,
  kAppreciation,
  kRepair,
};
inline constexpr int kFlagCount = 10;

inline constexpr std::array<std::string_view, kFlagCount> kFlagNames = {
    "blame",        "absolute",    "criticism",  "contempt",     "defensiveness",
    "stonewalling", "i_statement", "validation", "appreciation", "repair"};

inline constexpr std::string_view flag_name(Flag f) { return kFlagNames[static_cast<int>(f)]; }
inline constexpr bool is_harsh(Flag f) { return f <= Flag::kStonewalling; }

// The flag called `name` ("blame", ...), if there is one.
std::optional<Flag> flag_from_name(std::string_view name);

class FlagSet {
 public:
  constexpr FlagSet() = default;
  constexpr void add(Flag f) { bits_ |= bit(f); }
  constexpr void remove(Flag f) { bits_ &= static_cast<std::uint16_t>(~bit(f)); }
  constexpr bool has(Flag f) const { return (bits_ & bit(f)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr bool any_harsh() const { return (bits_ & kHarshBits) != 0; }
  constexpr std::uint16_t bits() const { return bits_; }
  constexpr bool operator==(const FlagSet&) const = default;

 private:
  static constexpr std::uint16_t bit(Flag f) {
    return static_cast<std::uint16_t>(1u << static_cast<int>(f));
  }
  static constexpr std::uint16_t kHarshBits = 0x3f;
  std::uint16_t bits_ = 0;
};

}  // namespace hearth::coach
