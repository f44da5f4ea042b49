// File: test_data.h
// Helpers for tests that read shared vectors under tests/data and corpora under ../shared/data.
#ifndef IAMEVAL_TESTS_CPP_TEST_DATA_H_
#define IAMEVAL_TESTS_CPP_TEST_DATA_H_

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace iameval::testing {

inline std::string SourcePath(const std::string& relative) {
  return std::string(IAMEVAL_SOURCE_DIR) + "/" + relative;
}

// The lines of a JSON Lines file, without blank lines and `#` comments.
inline std::vector<std::string> ReadJsonLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    lines.push_back(line);
  }
  return lines;
}

inline bool FileExists(const std::string& path) { return std::ifstream(path).good(); }

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace iameval::testing

#endif  // IAMEVAL_TESTS_CPP_TEST_DATA_H_
