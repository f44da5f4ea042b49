// File: effective_model.cc
// Resource clauses of the model and the names of grant paths.
#include "analysis/effective_model.h"

#include <utility>

namespace iameval::internal::analysis {

ResourceClause MakeListedClause(std::vector<std::string> values, bool not_listed,
                                bool substitute, ArnVariableScope scope) {
  ResourceClause clause;
  clause.kind = not_listed ? ResourceClause::Kind::kNotListed : ResourceClause::Kind::kListed;
  clause.substitute = substitute;
  clause.values = std::move(values);
  for (const std::string& value : clause.values) {
    if (value == "*") clause.has_star = true;
    clause.compiled.push_back(ResourcePattern::Compile(value, substitute, scope));
    clause.analyzed.push_back(AnalyzeResourcePattern(value, substitute, scope));
    const ResourcePatternLanguage& analyzed = clause.analyzed.back();
    clause.exact = clause.exact && analyzed.exact;
    clause.under.Add(ArnLanguage(analyzed, Approximation::kUnder));
    clause.over.Add(ArnLanguage(analyzed, Approximation::kOver));
  }
  return clause;
}

ResourceClause MakeResourceClause(const Statement* statement, bool substitute,
                                  ArnVariableScope scope) {
  if (statement == nullptr || !statement->has_resource) return ResourceClause();
  std::vector<std::string> values;
  values.reserve(statement->resources.size());
  for (const LocatedString& value : statement->resources) values.push_back(value.value);
  return MakeListedClause(std::move(values), statement->not_resource, substitute, scope);
}

const char* PathKindName(PathKind kind) {
  switch (kind) {
    case PathKind::kIdentity: return "identity";
    case PathKind::kResourceDirect: return "resource-direct";
    case PathKind::kResourceRole: return "resource-role";
    case PathKind::kResourceAccount: return "resource-account";
    case PathKind::kResourceAny: return "resource";
    case PathKind::kCrossAccount: return "cross-account";
    case PathKind::kRoot: return "root";
    case PathKind::kImplicit: return "implicit";
  }
  return "identity";
}

Layer PathLayer(PathKind kind) {
  switch (kind) {
    case PathKind::kIdentity:
    case PathKind::kResourceAccount:
    case PathKind::kCrossAccount:
      return Layer::kIdentity;
    case PathKind::kResourceDirect:
    case PathKind::kResourceRole:
    case PathKind::kResourceAny:
      return Layer::kResource;
    case PathKind::kRoot:
    case PathKind::kImplicit:
      return Layer::kImplicit;
  }
  return Layer::kNone;
}

}  // namespace iameval::internal::analysis
