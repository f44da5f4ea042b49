// File: iameval.h
// Umbrella header: everything public in the iameval library.
#ifndef IAMEVAL_IAMEVAL_H_
#define IAMEVAL_IAMEVAL_H_

#include "iameval/account.h"
#include "iameval/catalog.h"
#include "iameval/diagnostic.h"
#include "iameval/evaluator.h"
#include "iameval/managed_policies.h"
#include "iameval/policy.h"
#include "iameval/request.h"
#include "iameval/simulate.h"
#include "iameval/version.h"

#endif  // IAMEVAL_IAMEVAL_H_
