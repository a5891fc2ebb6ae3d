// Validating documents: what `lexgit check` reports.
#pragma once

#include <vector>

#include "lexgit/corpus.hpp"

namespace lexgit {

// One document: its front-matter diagnostics, numbering gaps and repeats
// (三 after 一), and internal references that point nowhere (第八部分 with no part 八).
std::vector<Diagnostic> check_document(const Document& doc);

// Every document, plus document ids used twice.
std::vector<Diagnostic> check_documents(const std::vector<Document>& documents);
inline std::vector<Diagnostic> check_corpus(const Corpus& corpus) { return check_documents(corpus.documents()); }

}  // namespace lexgit
