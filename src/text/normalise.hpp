// NFC for text already validated: the document parser checks a document's
// UTF-8 once and normalises it without checking again.
#pragma once

#include <string>

namespace lexgit::text {

// Unicode NFC of text already checked with is_valid_utf8; text that is NFC
// already is returned as it came, without a copy.
std::string nfc_of_valid(std::string utf8);

}  // namespace lexgit::text
