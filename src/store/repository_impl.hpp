// What a Repository holds, shared by the files that implement it
// (repository.cpp: reading and committing; remote.cpp: sharing with a remote).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cache/cache.hpp"
#include "lexgit/store.hpp"
#include "store/git.hpp"

namespace lexgit {

struct Repository::Impl {
  git::Repository repo;
  std::unique_ptr<cache::Cache> cache;
  bool cache_opened = false;
  std::vector<std::string> warnings;
};

}  // namespace lexgit
