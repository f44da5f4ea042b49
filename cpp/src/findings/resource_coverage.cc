// Coverage of ARN formats by Resource patterns: a symbolic glob inclusion test. The format's
// placeholders are "any text" symbols; the pattern covers the format when its `*` can absorb
// every placeholder and its literal characters meet the format's literal characters.
#include "findings/resource_coverage.h"

#include <algorithm>
#include <string>
#include <utility>

#include "catalog/action_glob.h"
#include "match/glob.h"

namespace iameval::internal {
namespace {

// One symbol of an ARN format field: a literal character, or a placeholder (any text).
struct FormatSymbol {
  bool any = false;
  char c = 0;
};

std::vector<FormatSymbol> FormatSymbols(std::string_view field) {
  std::vector<FormatSymbol> out;
  for (size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '$' && i + 1 < field.size() && field[i + 1] == '{') {
      size_t end = field.find('}', i);
      if (end != std::string_view::npos) {
        out.push_back({true, 0});
        i = end;
        continue;
      }
    }
    out.push_back({false, field[i]});
  }
  return out;
}

// Whether glob `pattern` (`*`, `?`, literals) matches every string the symbols describe.
// Dynamic programming over (pattern position, symbol position); sizes are ARN-short.
bool GlobCovers(std::string_view pattern, const std::vector<FormatSymbol>& symbols) {
  const size_t n = pattern.size();
  const size_t m = symbols.size();
  // reach[j]: pattern prefix [0, i) can cover symbols [0, j).
  std::vector<char> reach(m + 1, 0), next(m + 1, 0);
  reach[0] = 1;
  for (size_t i = 0; i < n; ++i) {
    std::fill(next.begin(), next.end(), 0);
    const char p = pattern[i];
    if (p == '*') {
      // `*` absorbs any run of symbols, placeholders included.
      bool any = false;
      for (size_t j = 0; j <= m; ++j) {
        any = any || reach[j];
        next[j] = any;
      }
    } else {
      for (size_t j = 0; j < m; ++j) {
        if (!reach[j] || symbols[j].any) continue;  // a placeholder needs a `*`
        if (p == '?' || p == symbols[j].c) next[j + 1] = 1;
      }
    }
    std::swap(reach, next);
  }
  return reach[m] != 0;
}

// Splits at the first `max_fields - 1` colons.
std::vector<std::string_view> SplitFields(std::string_view text, size_t max_fields) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (fields.size() + 1 < max_fields) {
    size_t colon = text.find(':', start);
    if (colon == std::string_view::npos) break;
    fields.push_back(text.substr(start, colon - start));
    start = colon + 1;
  }
  fields.push_back(text.substr(start));
  return fields;
}

// Literal text before the first wildcard (pattern) or placeholder (format).
std::string_view PatternHead(std::string_view field) {
  return field.substr(0, field.find_first_of("*?"));
}
std::string_view FormatHead(std::string_view field) { return field.substr(0, field.find("${")); }

// Whether a pattern field and a format field may share a value.
bool FieldsMayIntersect(std::string_view pat, std::string_view fmt) {
  const bool pat_wild = pat.find_first_of("*?") != std::string_view::npos;
  const bool fmt_var = fmt.find("${") != std::string_view::npos;
  if (!fmt_var) return pat_wild ? MatchGlobText(pat, fmt) : pat == fmt;
  if (!pat_wild) {
    // The format as a glob whose placeholders are non-empty text.
    std::string glob;
    for (size_t i = 0; i < fmt.size(); ++i) {
      const size_t end = fmt.compare(i, 2, "${") == 0 ? fmt.find('}', i) : std::string_view::npos;
      if (end != std::string_view::npos) {
        glob += "?*";
        i = end;
      } else {
        glob += fmt[i];
      }
    }
    return MatchGlobText(glob, pat);
  }
  const std::string_view a = PatternHead(pat);
  const std::string_view b = FormatHead(fmt);
  return a.substr(0, b.size()) == b.substr(0, a.size());
}

}  // namespace

bool PatternMayMatchArnFormat(std::string_view pattern, std::string_view arn_format) {
  if (pattern == "*") return true;
  if (pattern.substr(0, 4) != "arn:") return false;
  const std::vector<std::string_view> pat = SplitFields(pattern, 6);
  const std::vector<std::string_view> fmt = SplitFields(arn_format, 6);
  if (fmt.size() != 6) return false;
  // Short forms (`arn:aws:s3:*`) are compared on their full fields only.
  const size_t fields = pat.size() < 6 ? pat.size() - 1 : 6;
  for (size_t i = 2; i < fields; ++i) {  // "arn" and the partition always agree
    if (!FieldsMayIntersect(pat[i], fmt[i])) return false;
  }
  return true;
}

bool PatternCoversArnFormat(std::string_view pattern, std::string_view arn_format) {
  if (pattern == "*") return true;
  if (pattern.substr(0, 4) != "arn:") return false;
  const std::vector<std::string_view> pat = SplitFields(pattern, 6);
  const std::vector<std::string_view> fmt = SplitFields(arn_format, 6);
  if (fmt.size() != 6) return false;
  // Fewer than six fields: the last one must end in `*`, and it is matched against the rest
  // of the ARN, colons included (arn.h, rule 3).
  const bool short_form = pat.size() < 6;
  if (short_form && (pat.back().empty() || pat.back().back() != '*')) return false;
  const size_t fielded = short_form ? pat.size() - 1 : 6;
  for (size_t i = 1; i < fielded; ++i) {  // field 0 is "arn"
    if (i == 1) continue;  // partition: covered, see the header
    if (!GlobCovers(pat[i], FormatSymbols(fmt[i]))) return false;
  }
  if (!short_form) return true;
  if (fielded == 1) {
    // `arn:*`, `arn:aws*`: one glob over everything after "arn:". The partition counts as
    // covered, so the format's placeholder is read as the commercial partition's name.
    std::string rest(arn_format.substr(4));
    const std::string placeholder = "${Partition}";
    if (rest.compare(0, placeholder.size(), placeholder) == 0) rest.replace(0, placeholder.size(), "aws");
    return GlobCovers(pat.back(), FormatSymbols(rest));
  }
  // The rest of the format from field `fielded` on, with its colons.
  size_t offset = 0;
  for (size_t i = 0; i < fielded; ++i) offset += fmt[i].size() + 1;
  return GlobCovers(pat.back(), FormatSymbols(arn_format.substr(offset)));
}

ResourceCoverage::ResourceCoverage(std::vector<std::string> patterns, const Catalog& catalog)
    : patterns_(std::move(patterns)), catalog_(catalog) {
  for (const std::string& p : patterns_) has_star_ = has_star_ || p == "*";
}

ResourceCoverage::TypeCoverage ResourceCoverage::CoversType(const std::string& service,
                                                            const std::string& type) {
  const ResourceTypeInfo* info = catalog_.FindResourceType(service, type);
  if (info == nullptr) return {};
  auto it = memo_.find(info);
  if (it != memo_.end()) return it->second;
  TypeCoverage result;
  for (const std::string& p : patterns_) {
    result.covered = result.covered || PatternCoversArnFormat(p, info->arn_format);
    result.named = result.named || PatternMayMatchArnFormat(p, info->arn_format);
  }
  memo_.emplace(info, result);
  return result;
}

bool ResourceCoverage::CoversAction(ActionId id) {
  if (has_star_) return true;
  const ActionInfo& action = catalog_.Action(id);
  if (action.resource_types.empty()) return false;
  bool any_required = false;
  bool any_covered = false;
  for (const ResourceTypeRef& ref : action.resource_types) {
    const TypeCoverage t = CoversType(action.service, ref.name);
    if (ref.required && !t.covered) return false;
    // A type some pattern names only in part limits every request that names it.
    if (t.named && !t.covered) return false;
    any_required = any_required || ref.required;
    any_covered = any_covered || t.covered;
  }
  return any_required || any_covered;
}

bool ResourceCoverage::CoversSomeType(ActionId id) {
  if (has_star_) return true;
  const ActionInfo& action = catalog_.Action(id);
  for (const ResourceTypeRef& ref : action.resource_types) {
    if (CoversType(action.service, ref.name).covered) return true;
  }
  return false;
}

ActionSet ResourceCoverage::Covered(const ActionSet& candidates) {
  if (has_star_) return candidates;
  ActionSet out(candidates.universe_size());
  for (ActionId id : candidates.Ids()) {
    if (CoversAction(id)) out.Insert(id);
  }
  return out;
}

}  // namespace iameval::internal
