// File: url_decode.h
// Percent-decoding for policy documents: the IAM API returns documents URL-encoded
// (`%7B%22Version%22...`); the AWS CLI decodes them, raw API dumps do not.
#ifndef IAMEVAL_SRC_ACCOUNT_URL_DECODE_H_
#define IAMEVAL_SRC_ACCOUNT_URL_DECODE_H_

#include <optional>
#include <string>
#include <string_view>

namespace iameval::internal {

// Decodes `%XX` escapes and `+` (as space); nullopt on a malformed escape.
std::optional<std::string> UrlDecode(std::string_view text);

}  // namespace iameval::internal

#endif  // IAMEVAL_SRC_ACCOUNT_URL_DECODE_H_
