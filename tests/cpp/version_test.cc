#include "iameval/version.h"

#include <gtest/gtest.h>

#include <regex>

TEST(VersionTest, IsSemanticVersion) {
  EXPECT_TRUE(std::regex_match(iameval::version(), std::regex(R"(\d+\.\d+\.\d+)")))
      << iameval::version();
}
