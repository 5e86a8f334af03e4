// SHA-256 of a byte string (FIPS 180-4), for source.sha256: the identity of an
// input file in records and batch catalogues. Small and dependency-free;
// speed (~200 MB/s) is far below what OCR costs, so it never matters.
#ifndef VERDEELSCAN_PIPELINE_SHA256_H_
#define VERDEELSCAN_PIPELINE_SHA256_H_

#include <string>
#include <string_view>

namespace verdeelscan {

// Lower-case hex digest, 64 characters.
std::string Sha256Hex(std::string_view data);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_PIPELINE_SHA256_H_
