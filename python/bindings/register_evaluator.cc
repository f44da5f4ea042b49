// The evaluator: compiled policy sets, single and batch decisions, explanations, and the
// JSON Lines simulator. Long work (batches, JSON Lines runs) releases the GIL; compiled sets
// are immutable and shared, so other Python threads can decide on the same set meanwhile.
#include <pybind11/stl.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bindings.h"
#include "iameval/evaluator.h"
#include "iameval/simulate.h"
#include "status.h"

namespace iameval {
namespace bindings {
namespace {

using NamedParse = std::pair<std::string, ParseResult>;

NamedPolicy ToNamed(const NamedParse& p, const char* layer) {
  if (!p.second.ok()) {
    throw StatusNotOk(absl::InvalidArgumentError(std::string("the ") + layer + " policy `" +
                                                 p.first + "` has errors; parse it first"));
  }
  return NamedPolicy{p.first, p.second.policy};
}

std::vector<NamedPolicy> ToNamedList(const std::vector<NamedParse>& list, const char* layer) {
  std::vector<NamedPolicy> out;
  out.reserve(list.size());
  for (const NamedParse& p : list) out.push_back(ToNamed(p, layer));
  return out;
}

// A request context from a Python dict: str / int / float / bool values are single values,
// lists and tuples multivalued, None absent.
RequestContext ContextFromDict(const py::handle& context) {
  RequestContext out;
  if (context.is_none()) return out;
  auto text = [](const py::handle& v) -> std::string {
    if (py::isinstance<py::bool_>(v)) return v.cast<bool>() ? "true" : "false";
    if (py::isinstance<py::str>(v)) return v.cast<std::string>();
    if (py::isinstance<py::int_>(v) || py::isinstance<py::float_>(v)) {
      return py::str(v).cast<std::string>();
    }
    throw StatusNotOk(absl::InvalidArgumentError(
        "context values must be str, int, float, bool, a list of those, or None"));
  };
  for (const auto& item : context.cast<py::dict>()) {
    std::string key = item.first.cast<std::string>();
    py::handle value = item.second;
    if (value.is_none()) continue;
    if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
      std::vector<std::string> values;
      for (const py::handle& v : value) values.push_back(text(v));
      out.SetList(key, std::move(values));
    } else {
      out.Set(key, text(value));
    }
  }
  return out;
}

struct RequestArgs {
  std::string principal, action, resource, resource_account, principal_parent_arn;
  RequestContext context;
  bool principal_in_management_account = false;
  bool resource_in_management_account = false;

  Request View() const {
    Request r;
    r.principal = principal;
    r.action = action;
    r.resource = resource.empty() ? std::string_view("*") : std::string_view(resource);
    r.resource_account = resource_account;
    r.principal_parent_arn = principal_parent_arn;
    r.context = &context;
    r.principal_in_management_account = principal_in_management_account;
    r.resource_in_management_account = resource_in_management_account;
    return r;
  }
};

void RegisterExplanationTypes(py::module_& m) {
  py::class_<MatchedStatement>(m, "MatchedStatement", "A statement that applied to the request.")
      .def_property_readonly("layer", [](const MatchedStatement& s) { return LayerName(s.layer); })
      .def_property_readonly("level", [](const MatchedStatement& s) -> std::optional<int> {
        return s.level >= 0 ? std::optional<int>(s.level) : std::nullopt;
      })
      .def_readonly("policy_name", &MatchedStatement::policy_name)
      .def_readonly("sid", &MatchedStatement::sid)
      .def_readonly("path", &MatchedStatement::path)
      .def_property_readonly("effect", [](const MatchedStatement& s) {
        return s.effect == Effect::kAllow ? "Allow" : "Deny";
      })
      .def_readonly("principal_class", &MatchedStatement::principal_class);
  py::class_<ConditionTrace>(m, "ConditionTrace", "One evaluated condition.")
      .def_readonly("policy_name", &ConditionTrace::policy_name)
      .def_readonly("sid", &ConditionTrace::sid)
      .def_readonly("operator", &ConditionTrace::operator_text)
      .def_readonly("key", &ConditionTrace::key)
      .def_readonly("policy_values", &ConditionTrace::policy_values)
      .def_readonly("request_values", &ConditionTrace::request_values)
      .def_readonly("key_present", &ConditionTrace::key_present)
      .def_readonly("result", &ConditionTrace::result)
      .def_readonly("note", &ConditionTrace::note);
  py::class_<Explanation>(m, "Explanation", "A decision with the layers and statements behind it.")
      .def_property_readonly("decision", [](const Explanation& e) { return DecisionName(e.decision); })
      .def_property_readonly("layer", [](const Explanation& e) { return LayerName(e.deciding_layer); })
      .def_property_readonly("level", [](const Explanation& e) -> std::optional<int> {
        return e.deciding_level >= 0 ? std::optional<int>(e.deciding_level) : std::nullopt;
      })
      .def_readonly("reason", &Explanation::reason)
      .def_readonly("matched", &Explanation::matched)
      .def_readonly("conditions", &Explanation::conditions)
      .def_readonly("missing_context_keys", &Explanation::missing_context_keys)
      .def_readonly("warnings", &Explanation::warnings);
}

class PyCompiledPolicies {
 public:
  explicit PyCompiledPolicies(std::shared_ptr<const CompiledPolicies> compiled)
      : compiled_(std::move(compiled)) {}

  std::string Decide(const RequestArgs& args) const {
    Decision d;
    {
      py::gil_scoped_release release;
      d = ValueOrThrow(compiled_->Decide(args.View()));
    }
    return DecisionName(d);
  }

  Explanation Explain(const RequestArgs& args) const {
    py::gil_scoped_release release;
    return ValueOrThrow(compiled_->Explain(args.View()));
  }

  // Decides len(actions) requests. `resources` / `contexts` are either one value for all
  // requests or a sequence of the same length. Inputs are converted with the GIL held, then
  // the loop runs without it.
  py::list DecideBatch(const std::string& principal, const py::sequence& actions,
                       const py::object& resources, const py::object& contexts,
                       const std::string& resource_account) const {
    const size_t n = py::len(actions);
    std::vector<std::string> action_list;
    action_list.reserve(n);
    for (const py::handle& a : actions) action_list.push_back(a.cast<std::string>());
    std::vector<std::string> resource_list;
    if (py::isinstance<py::str>(resources)) {
      resource_list.assign(1, resources.cast<std::string>());
    } else {
      for (const py::handle& r : resources.cast<py::sequence>()) resource_list.push_back(r.cast<std::string>());
      if (resource_list.size() != n) {
        throw StatusNotOk(absl::InvalidArgumentError("`resources` must be one str or as many as `actions`"));
      }
    }
    std::vector<RequestContext> context_list;
    if (contexts.is_none() || py::isinstance<py::dict>(contexts)) {
      context_list.push_back(ContextFromDict(contexts));
    } else {
      for (const py::handle& c : contexts.cast<py::sequence>()) context_list.push_back(ContextFromDict(c));
      if (context_list.size() != n) {
        throw StatusNotOk(absl::InvalidArgumentError("`contexts` must be one dict or as many as `actions`"));
      }
    }
    std::vector<uint8_t> out(n);
    absl::Status status;
    {
      py::gil_scoped_release release;
      Request request;
      request.principal = principal;
      request.resource_account = resource_account;
      for (size_t i = 0; i < n && status.ok(); ++i) {
        request.action = action_list[i];
        const std::string& resource = resource_list[resource_list.size() == 1 ? 0 : i];
        request.resource = resource.empty() ? std::string_view("*") : std::string_view(resource);
        request.context = &context_list[context_list.size() == 1 ? 0 : i];
        absl::StatusOr<Decision> d = compiled_->Decide(request);
        if (!d.ok()) {
          status = d.status();
        } else {
          out[i] = static_cast<uint8_t>(*d);
        }
      }
    }
    ThrowIfError(status);
    // Three interned strings, so building a million-element list is reference counting only.
    static const py::str kNames[] = {py::str("Allow"), py::str("ExplicitDeny"),
                                     py::str("ImplicitDeny")};
    py::list result(n);
    for (size_t i = 0; i < n; ++i) result[i] = kNames[out[i]];
    return result;
  }

 private:
  std::shared_ptr<const CompiledPolicies> compiled_;
};

RequestArgs MakeArgs(const std::string& principal, const std::string& action,
                     const std::string& resource, const py::object& context,
                     const std::string& resource_account, const std::string& principal_parent_arn,
                     bool principal_in_management_account, bool resource_in_management_account) {
  RequestArgs args;
  args.principal = principal;
  args.action = action;
  args.resource = resource;
  args.context = ContextFromDict(context);
  args.resource_account = resource_account;
  args.principal_parent_arn = principal_parent_arn;
  args.principal_in_management_account = principal_in_management_account;
  args.resource_in_management_account = resource_in_management_account;
  return args;
}

// The Simulator keeps a cache; Python threads share one object with the GIL released, so
// its use is serialized here.
class PySimulator {
 public:
  explicit PySimulator(SimulationOptions options) : simulator_(std::move(options)) {}

  std::vector<std::string> RunJsonl(const std::string& text) {
    py::gil_scoped_release release;
    std::lock_guard<std::mutex> lock(mutex_);
    return simulator_.RunJsonl(text);
  }

  std::string Run(const std::string& case_json) {
    py::gil_scoped_release release;
    std::lock_guard<std::mutex> lock(mutex_);
    return simulator_.Run(case_json).ToJson();
  }

  size_t cache_size() {
    std::lock_guard<std::mutex> lock(mutex_);
    return simulator_.cache_size();
  }

 private:
  std::mutex mutex_;
  Simulator simulator_;
};

// decide() and explain() take the same request arguments: one definition of that signature.
template <typename Result>
void DefRequestMethod(py::class_<PyCompiledPolicies>& cls, const char* name,
                      Result (PyCompiledPolicies::*method)(const RequestArgs&) const,
                      const char* doc) {
  cls.def(
      name,
      [method](const PyCompiledPolicies& self, const std::string& principal,
               const std::string& action, const std::string& resource, const py::object& context,
               const std::string& resource_account, const std::string& principal_parent_arn,
               bool principal_in_management_account, bool resource_in_management_account) {
        return (self.*method)(MakeArgs(principal, action, resource, context, resource_account,
                                       principal_parent_arn, principal_in_management_account,
                                       resource_in_management_account));
      },
      py::arg("principal"), py::arg("action"), py::arg("resource") = "*",
      py::arg("context") = py::none(), py::arg("resource_account") = "",
      py::arg("principal_parent_arn") = "", py::arg("principal_in_management_account") = false,
      py::arg("resource_in_management_account") = false, doc);
}

}  // namespace

void RegisterEvaluator(py::module_& m) {
  RegisterExplanationTypes(m);

  py::class_<PyCompiledPolicies> compiled_class(
      m, "CompiledPolicies", "Policies compiled once for many decisions; immutable, thread-safe.");
  DefRequestMethod(compiled_class, "decide", &PyCompiledPolicies::Decide,
                   "The decision: 'Allow', 'ExplicitDeny' or 'ImplicitDeny'.");
  DefRequestMethod(compiled_class, "explain", &PyCompiledPolicies::Explain,
                   "The decision with the deciding layer, matched statements and condition traces.");
  compiled_class
      .def("decide_batch", &PyCompiledPolicies::DecideBatch, py::arg("principal"),
           py::arg("actions"), py::arg("resources") = "*", py::arg("contexts") = py::none(),
           py::arg("resource_account") = "",
           "Decides one request per action (resources/contexts: one for all, or one each); "
           "returns a list of decision names. Releases the GIL while deciding.");

  m.def(
      "compile_policies",
      [](const std::vector<NamedParse>& identity, const std::optional<NamedParse>& resource,
         const std::vector<std::vector<NamedParse>>& scps,
         const std::vector<std::vector<NamedParse>>& rcps, const std::optional<NamedParse>& boundary,
         const std::vector<NamedParse>& session, const std::optional<NamedParse>& vpc_endpoint) {
        PolicySet set;
        set.identity = ToNamedList(identity, "identity");
        if (resource) set.resource_policy = ToNamed(*resource, "resource");
        for (const auto& level : scps) set.scp_levels.push_back(ToNamedList(level, "SCP"));
        for (const auto& level : rcps) set.rcp_levels.push_back(ToNamedList(level, "RCP"));
        if (boundary) set.permission_boundary = ToNamed(*boundary, "boundary");
        set.session_policies = ToNamedList(session, "session");
        if (vpc_endpoint) set.vpc_endpoint_policy = ToNamed(*vpc_endpoint, "VPC endpoint");
        std::shared_ptr<const CompiledPolicies> compiled;
        {
          py::gil_scoped_release release;
          compiled = ValueOrThrow(CompiledPolicies::Compile(set));
        }
        return PyCompiledPolicies(std::move(compiled));
      },
      py::arg("identity"), py::arg("resource"), py::arg("scps"), py::arg("rcps"),
      py::arg("boundary"), py::arg("session"), py::arg("vpc_endpoint"),
      "Compiles parsed policies (pairs of name and ParseResult) into CompiledPolicies.");

  py::class_<PySimulator>(m, "Simulator",
                          "Runs simulation cases (JSON Lines); caches compiled policy sets.")
      .def(py::init([](bool strict, bool explain, bool all_arn_fields) {
             SimulationOptions options;
             options.parse.strict = strict;
             options.explain = explain;
             options.evaluator.substitute_variables_in_all_arn_fields = all_arn_fields;
             return std::make_unique<PySimulator>(options);
           }),
           py::arg("strict") = true, py::arg("explain") = true, py::arg("all_arn_fields") = false)
      .def("run_jsonl", &PySimulator::RunJsonl, py::arg("text"),
           "One output line per case line, in order (blank and # lines give none).")
      .def("run", &PySimulator::Run, py::arg("case_json"), "The output line for one case.")
      .def_property_readonly("cache_size", &PySimulator::cache_size);
}

}  // namespace bindings
}  // namespace iameval
