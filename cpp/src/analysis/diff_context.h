// File: diff_context.h
// Request contexts for diff candidates: given the truth values a candidate assigns to the
// condition atoms that matter, build a request context under which each of those conditions
// evaluates (with the evaluator's own CompiledCondition) to its assigned value. Keys are
// handled one at a time, trying: the key absent, each policy value of the conditions on the
// key (wildcards filled, variables rendered), neighbours of numbers, dates and addresses, and
// list forms. A failure means no context was found, not that none exists.
#ifndef IAMEVAL_SRC_ANALYSIS_DIFF_CONTEXT_H_
#define IAMEVAL_SRC_ANALYSIS_DIFF_CONTEXT_H_

#include <string>
#include <vector>

#include "analysis/diff_formula.h"
#include "iameval/diff.h"
#include "iameval/evaluator.h"
#include "iameval/request.h"

namespace iameval::internal::analysis {

// The request the conditions are evaluated for, per side.
struct RequestFrame {
  std::string action;
  std::string resource;
  std::string resource_account;
  std::string old_principal;
  std::string old_parent_arn;
  std::string new_principal;
  std::string new_parent_arn;
  EvaluatorOptions evaluator;

  // The request of one side (OLD's or NEW's caller) for this action and resource. Views into
  // this frame: the frame must outlive the request.
  Request ForSide(bool old_side, const RequestContext* context = nullptr) const {
    Request request;
    request.principal = old_side ? old_principal : new_principal;
    request.principal_parent_arn = old_side ? old_parent_arn : new_parent_arn;
    request.action = action;
    request.resource = resource;
    request.resource_account = resource_account;
    request.context = context;
    return request;
  }
};

// Fills `entries` with a context realizing `atoms` on `live` (template atoms are left to the
// resource); false when some key has no candidate that works.
bool SynthesizeContext(const DiffVocabulary& vocabulary, const std::vector<uint32_t>& live,
                       const std::vector<uint8_t>& atoms, const RequestFrame& frame,
                       const Catalog& catalog, std::vector<DiffContextEntry>& entries);

RequestContext ToRequestContext(const std::vector<DiffContextEntry>& entries);

// `text` with `${key}` / `${key, 'default'}` replaced by the values `resolver` gives (or the
// default); unresolvable references are left as written.
std::string RenderVariables(std::string_view text, const VariableResolver& resolver);

// `text` with every `*` written `star` and every `?` "x".
std::string FillWildcards(std::string_view text, std::string_view star = "iameval");

}  // namespace iameval::internal::analysis

#endif  // IAMEVAL_SRC_ANALYSIS_DIFF_CONTEXT_H_
