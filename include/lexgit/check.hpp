// Validating documents: what `lexgit check` reports.
#pragma once

#include <vector>

#include "lexgit/corpus.hpp"

namespace lexgit {

struct CheckOptions {
  // Drafting defects (numbering gaps and repeats, references that point
  // nowhere) are errors rather than warnings.
  bool strict = false;
};

// One document: its front-matter diagnostics (errors), numbering gaps and
// repeats (三 after 一; articles numbered through a statute, 第N条之一 after 第N条)
// and internal references that point nowhere (第八部分 with no part 八, 本法第九十条
// in a law of 89 articles, 本条第三款 in an article of two paragraphs, 前款 in an
// article's first paragraph): warnings, errors when `strict`.
std::vector<Diagnostic> check_document(const Document& doc, const CheckOptions& options = {});

// Every document, plus document ids used twice (an error).
std::vector<Diagnostic> check_documents(const std::vector<Document>& documents, const CheckOptions& options = {});
inline std::vector<Diagnostic> check_corpus(const Corpus& corpus, const CheckOptions& options = {}) {
  return check_documents(corpus.documents(), options);
}

}  // namespace lexgit
