// SHA-256 of a byte string (FIPS 180-4), for source.sha256: the identity of an
// input file in records and batch catalogues. Small and dependency-free;
// speed (~200 MB/s) is far below what OCR costs, so it never matters.
#ifndef VERDEELSCAN_PIPELINE_SHA256_H_
#define VERDEELSCAN_PIPELINE_SHA256_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace verdeelscan {

// Incremental form, for files read in chunks (memory stays at one chunk).
class Sha256 {
 public:
  Sha256();
  void Update(std::string_view data);
  std::string HexDigest();  // lower-case hex, 64 characters; Update may go on

 private:
  std::array<uint32_t, 8> h_;
  std::array<unsigned char, 64> buffer_{};
  size_t buffered_ = 0;
  uint64_t length_ = 0;
};

// Lower-case hex digest, 64 characters.
std::string Sha256Hex(std::string_view data);

// Digest of a file's bytes, read in 1 MiB chunks; "" when it cannot be read.
std::string FileSha256(const std::string& path);

}  // namespace verdeelscan

#endif  // VERDEELSCAN_PIPELINE_SHA256_H_
