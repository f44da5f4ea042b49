// File: base64.h
// Standard base64 (RFC 4648 §4 alphabet `A-Z a-z 0-9 + /`) for BinaryEquals (spec §4.3).
//
// Decisions [UNV], chosen to match java.util.Base64.getDecoder(), the likely AWS decoder:
//   * Padding is optional: `QQ==` and `QQ` both decode to "A". When present it must be
//     complete (`QQ=` is rejected) and only at the very end.
//   * No whitespace or line breaks anywhere (the MIME decoder would skip them; the basic one
//     does not).
//   * The URL-safe alphabet (`-`, `_`) is rejected.
//   * A final group of one character (`Q`, `QUFBQ`) is rejected: it cannot encode a byte.
//   * Non-zero leftover bits in the last group (`QR==`) are accepted and ignored.
//   * The empty string decodes to zero bytes.
#ifndef IAMEVAL_SRC_MATCH_BASE64_H_
#define IAMEVAL_SRC_MATCH_BASE64_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace iameval::internal {

// The decoded bytes, or nullopt when `encoded` is malformed. Allocates (compile time).
std::optional<std::string> DecodeBase64(std::string_view encoded);

// True when `encoded` is well-formed. No allocation.
bool IsValidBase64(std::string_view encoded);

// True when `encoded` is well-formed and decodes to exactly `bytes`. Streams; no allocation,
// so a base64 request value can be compared with a pre-decoded policy value on the hot path.
bool Base64DecodesTo(std::string_view encoded, std::string_view bytes);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_MATCH_BASE64_H_
